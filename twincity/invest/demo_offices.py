"""The demo's investment offices of both cities, default routing rules and scorecard, from
data/offices.json. Loading twice changes nothing (rows are found by their names)."""

import json
from pathlib import Path

from django.db import transaction

from twincity.directory.models import Organisation

from .models import Office, PriorityMatch, RouteOffice, RoutingRule, Scorecard, SectorThreshold

DATA = Path(__file__).resolve().parent / "data" / "offices.json"


def load_offices() -> str:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    with transaction.atomic():
        offices = {row["key"]: office_from(row) for row in data["offices"]}
        rules = [rule_from(row, offices) for row in data["rules"]]
        scorecard_from(data["scorecard"])
    return f"{len(offices)} investment offices, {len(rules)} routing rules added"


def office_from(row: dict) -> Office:
    organisation = None
    if row.get("organisation_zh"):
        organisation = Organisation.objects.filter(name_zh=row["organisation_zh"]).first()
    office, _created = Office.objects.update_or_create(
        name_en=row["name_en"],
        defaults={
            "name_zh": row["name_zh"],
            "city": row["city"],
            "email": row["email"],
            "organisation": organisation,
        },
    )
    return office


def rule_from(row: dict, offices: dict[str, Office]) -> RoutingRule:
    rule, _created = RoutingRule.objects.update_or_create(
        name=row["name"],
        defaults={
            "position": row.get("position", 1000),
            "is_fallback": row.get("is_fallback", False),
            "sectors": row.get("sectors", []),
            "intended_cities": row.get("intended_cities", []),
        },
    )
    rule.route_offices.all().delete()
    RouteOffice.objects.bulk_create(
        RouteOffice(rule=rule, office=offices[key], sort_order=i)
        for i, key in enumerate(row["offices"])
    )
    return rule


def scorecard_from(row: dict) -> Scorecard:
    fields = {
        name: row[name]
        for name in (
            "investment_points",
            "default_threshold_yuan",
            "jobs_over",
            "jobs_points",
            "priority_points",
            "high_value_score",
        )
    }
    card, _created = Scorecard.objects.update_or_create(name=row["name"], defaults=fields)
    card.thresholds.all().delete()
    SectorThreshold.objects.bulk_create(
        SectorThreshold(scorecard=card, sector=sector, threshold_yuan=amount, sort_order=i)
        for i, (sector, amount) in enumerate(row["thresholds"].items())
    )
    card.priorities.all().delete()
    PriorityMatch.objects.bulk_create(
        PriorityMatch(scorecard=card, sector=sector, city=city, sort_order=i)
        for i, (sector, city) in enumerate(row["priorities"])
    )
    return card
