from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "twincity.directory"
    label = "directory"
    verbose_name = _("Directory")
    # Every directory row (organisations, groups, memberships) is shown on public pages, so
    # any change starts a new content generation (core.generation).
    shown_on_public_pages = True
