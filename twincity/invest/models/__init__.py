"""The investment app's models, one module per part: the public content (Wagtail pages), the
enquiries with the offices that receive them, and the cases that staff work."""

from .cases import *  # noqa: F403
from .content import *  # noqa: F403
from .enquiries import *  # noqa: F403
