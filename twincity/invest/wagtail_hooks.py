"""The investment app's admin and what it contributes to the rest of the site, one module per
part: the public content (home page section, search, demo), the enquiries (routing rules, the
scorecard, offices), the cases (the staff's case list and pages, the silence rule and
reminders as periodic jobs) and the figures. Wagtail imports this module; importing the parts
registers their hooks."""

from . import hooks_cases, hooks_content, hooks_enquiries, hooks_figures  # noqa: F401
