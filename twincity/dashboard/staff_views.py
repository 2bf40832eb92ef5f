"""The staff version of the figures, in the Wagtail admin: per organiser, enterprise and
investment office. Staff only; counts of people are still suppressed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from twincity.core import spreadsheets

from .display import min_count
from .downloads import staff_tables
from .staff import staff_figures as figures_per_organisation


def can_see(user) -> bool:
    return user.is_active and user.is_staff


@require_GET
def staff_figures(request):
    if not can_see(request.user):
        raise PermissionDenied
    found = figures_per_organisation()
    kind = request.GET.get("format")
    if kind in spreadsheets.CONTENT_TYPES:
        return spreadsheets.download(staff_tables(found), kind, "twincity-circle-per-organisation")
    if kind is not None:  # a format we do not write: the page, saying which we do
        messages.error(request, _("Choose CSV or Excel to download the figures."))
    context = {
        "figures": found,
        "min_count": min_count(),
        "page_title": _("Economic circle in figures"),
        "header_title": _("Economic circle in figures, per organisation"),
        "header_icon": "table",
    }
    status = 200 if kind is None else 400
    return TemplateResponse(request, "dashboard/staff.html", context, status=status)
