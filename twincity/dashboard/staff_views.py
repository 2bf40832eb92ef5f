"""The staff version of the figures, in the Wagtail admin: per organiser, enterprise and
investment office. Staff only; counts of people are still suppressed."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .display import min_count
from .staff import staff_figures as figures_per_organisation


def can_see(user) -> bool:
    return user.is_active and user.is_staff


@require_GET
def staff_figures(request):
    if not can_see(request.user):
        raise PermissionDenied
    found = figures_per_organisation()
    context = {
        "figures": found,
        "min_count": min_count(),
        "page_title": _("Economic circle in figures"),
        "header_title": _("Economic circle in figures, per organisation"),
        "header_icon": "table",
    }
    return TemplateResponse(request, "dashboard/staff.html", context)
