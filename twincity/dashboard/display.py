"""How a count that is not published reads, on the page, in the charts and in the downloads."""

from django.conf import settings
from django.utils.translation import gettext as _

from .suppression import Cell, State


def min_count() -> int:
    """Counts of people below this are never published (settings.DASHBOARD_MIN_COUNT)."""
    return getattr(settings, "DASHBOARD_MIN_COUNT", 5)


def marker(cell: Cell) -> str:
    """In words: "fewer than 5", "withheld"."""
    if cell.state is State.SMALL:
        return _("fewer than %(count)s") % {"count": min_count()}
    return _("withheld")


def short_marker(cell: Cell) -> str:
    """In a table cell or a CSV file: "<5", "–"."""
    if cell.state is State.SMALL:
        return f"<{min_count()}"
    return "–"
