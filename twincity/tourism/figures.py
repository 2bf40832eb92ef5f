"""Campaign figures for organisers: views, click-throughs and click-through rate per partner
side and day, as tables, a chart and a CSV file."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Sum
from django.utils.translation import gettext as _

from twincity.core.charts import BarChart, bar_chart
from twincity.core.cities import TWO_CITIES, City
from twincity.core.spreadsheets import Table

from .models import Campaign, CampaignDailyCount


@dataclass(frozen=True)
class Row:
    day: date | None
    side: str
    side_label: str
    views: int
    clicks: int

    @property
    def rate(self) -> float | None:
        """Click-through rate in per cent; None before any view."""
        return round(100 * self.clicks / self.views, 1) if self.views else None


def side_label(campaign: Campaign, side: str) -> str:
    """ "Kuanzhai Alleys, promoted at Hongyadong": the partner promoted and where."""
    promoted = campaign.partner(side)
    shown_at = campaign.partner(City.CHONGQING if side == City.CHENGDU else City.CHENGDU)
    return _("%(promoted)s, promoted at %(shown_at)s") % {
        "promoted": promoted.title,
        "shown_at": shown_at.title,
    }


def daily_rows(campaign: Campaign) -> list[Row]:
    labels = {side: side_label(campaign, side) for side in TWO_CITIES}
    return [
        Row(count.day, count.side, labels[count.side], count.views, count.clicks)
        for count in CampaignDailyCount.objects.filter(campaign=campaign).order_by("day", "side")
    ]


def side_totals(campaign: Campaign) -> list[Row]:
    sums = {
        row["side"]: row
        for row in CampaignDailyCount.objects.filter(campaign=campaign)
        .values("side")
        .annotate(views=Sum("views"), clicks=Sum("clicks"))
    }
    return [
        Row(
            None,
            side,
            side_label(campaign, side),
            sums.get(side, {}).get("views") or 0,
            sums.get(side, {}).get("clicks") or 0,
        )
        for side in TWO_CITIES
    ]


def charts(totals: list[Row]) -> dict[str, BarChart]:
    return {
        "views": bar_chart(
            "campaign-views", _("Views per partner side"), [(r.side_label, r.views) for r in totals]
        ),
        "clicks": bar_chart(
            "campaign-clicks",
            _("Click-throughs per partner side"),
            [(r.side_label, r.clicks) for r in totals],
        ),
    }


def export_table(campaign: Campaign) -> Table:
    return Table(
        title=campaign.title_en,
        header=[
            _("Day"),
            _("Partner promoted"),
            _("Views"),
            _("Click-throughs"),
            _("Click-through rate (per cent)"),
        ],
        rows=[
            [row.day.isoformat(), row.side_label, row.views, row.clicks, row.rate]
            for row in daily_rows(campaign)
        ],
    )
