"""How valuable an enquiry looks, by the scorecard staff edit (Investment → Scorecard): points
for a planned investment at or over its sector's threshold, for jobs over a number, and for a
priority sector in the intended city. The enquiry keeps its score, whether it is high value, and
why, as reason keys with their parameters: `describe()` words them in the reader's language, so
staff of either language read them in their own.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy

from twincity.core.cities import City
from twincity.core.vocabulary import SECTORS

from .models import IntendedCity, PriorityMatch, Scorecard, SectorThreshold
from .routing import Facts

INVESTMENT, JOBS, PRIORITY = "investment", "jobs", "priority"
REASONS = {
    INVESTMENT: gettext_lazy(
        "A planned investment of %(amount)s yuan, at or over the threshold of %(threshold)s "
        "yuan for %(sector)s"
    ),
    JOBS: gettext_lazy("%(jobs)s planned jobs, more than %(minimum)s"),
    PRIORITY: gettext_lazy("%(sector)s is a priority sector of %(city)s"),
}


@dataclass(frozen=True)
class Score:
    points: int = 0
    high_value: bool = False
    # [{"key": "jobs", "points": 30, "params": {"jobs": 150, "minimum": 100}}, ...]
    reasons: list[dict[str, Any]] = field(default_factory=list)


def current() -> Scorecard | None:
    """The scorecard in use (the latest), with its thresholds and priorities: three queries."""
    return (
        Scorecard.objects.prefetch_related(
            Prefetch("thresholds", queryset=SectorThreshold.objects.all()),
            Prefetch("priorities", queryset=PriorityMatch.objects.all()),
        )
        .order_by("-pk")
        .first()
    )


def threshold_of(card: Scorecard, sector: str) -> Decimal | None:
    for row in card.thresholds.all():
        if row.sector == sector:
            return row.threshold_yuan
    return card.default_threshold_yuan


def priority_cities(card: Scorecard, facts: Facts) -> list[str]:
    """The intended cities (both for "either") where the sector is a priority."""
    wanted = (
        [City.CHENGDU.value, City.CHONGQING.value]
        if facts.intended_city == IntendedCity.EITHER
        else [facts.intended_city]
    )
    return [
        row.city
        for row in card.priorities.all()
        if row.sector == facts.sector and row.city in wanted
    ]


def score(facts: Facts, card: Scorecard | None) -> Score:
    """The enquiry's score under `card`; nothing scores without a scorecard."""
    if card is None:
        return Score()
    reasons: list[dict[str, Any]] = []
    threshold = threshold_of(card, facts.sector)
    if threshold is not None and facts.investment is not None and facts.investment >= threshold:
        params = {
            "amount": int(facts.investment),
            "threshold": int(threshold),
            "sector": facts.sector,
        }
        reasons.append({"key": INVESTMENT, "points": card.investment_points, "params": params})
    if facts.jobs is not None and facts.jobs > card.jobs_over:
        params = {"jobs": facts.jobs, "minimum": card.jobs_over}
        reasons.append({"key": JOBS, "points": card.jobs_points, "params": params})
    cities = priority_cities(card, facts)
    if cities:
        params = {"sector": facts.sector, "city": cities[0]}
        reasons.append({"key": PRIORITY, "points": card.priority_points, "params": params})
    points = sum(reason["points"] for reason in reasons)
    return Score(points, points >= card.high_value_score, reasons)


def describe(reason: dict[str, Any]) -> str:
    """A stored reason in the active language ("" for a key this version does not know)."""
    template = REASONS.get(reason.get("key", ""))
    if template is None:
        return ""
    params = dict(reason.get("params") or {})
    for name in ("amount", "threshold", "jobs", "minimum"):
        if name in params:
            params[name] = number_format(params[name], force_grouping=True)
    if "sector" in params:
        params["sector"] = SECTORS.name(params["sector"])
    if "city" in params:
        params["city"] = str(dict(City.choices).get(params["city"], params["city"]))
    return str(template) % params  # the lazy text, translated now


def describe_all(reasons: list[dict[str, Any]]) -> list[str]:
    return [text for text in map(describe, reasons or ()) if text]
