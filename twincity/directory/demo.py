"""Demo data of the directory: the vocational education group the seed article describes, its
founders, real vocational colleges of both cities, a few associations, and cooperation projects.

The rows are data, not code: data/directory.json (fields, and what is fact and what is
illustration, in data/README.md). Memberships other than the founders', and every project,
are flagged `is_demo` and shown as "[demo]" in the admin and on the public pages.
"""

import datetime
import json
from pathlib import Path

from django.db import transaction

from .models import CooperationProject, Group, Membership, Organisation

DATA_FILE = Path(__file__).resolve().parent / "data" / "directory.json"


def parse_dates(record: dict) -> dict:
    """JSON has no dates: the file writes every `…_on` value as YYYY-MM-DD (or null for
    none), and this turns them back into dates."""
    return {
        key: datetime.date.fromisoformat(value) if key.endswith("_on") and value else value
        for key, value in record.items()
    }


def read_directory(path: Path = DATA_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"), object_hook=parse_dates)


@transaction.atomic
def load_directory_demo() -> int:
    """Create what is missing of the demo directory; returns how many rows it added.

    Rows are found by their English name or title, and rows that exist are left as they are
    (an editor may have corrected them), so running it again adds nothing.
    """
    data = read_directory()
    founders, members = data["founders"], data["member_schools"] + data["member_associations"]
    founded_on = data["group"]["founded_on"]
    organisations = {}
    added = 0
    for values in founders + members + data["other_organisations"]:
        name = values["name_en"]
        organisations[name], created = Organisation.objects.get_or_create(
            name_en=name, defaults=values
        )
        added += created
    group, created = Group.objects.get_or_create(
        name_en=data["group"]["name_en"], defaults=data["group"]
    )
    added += created
    founder, member = Membership.Role.FOUNDER, Membership.Role.MEMBER
    added += add_members(group, founders, founder, organisations, founded_on, is_demo=False)
    added += add_members(group, members, member, organisations, founded_on, is_demo=True)
    return added + add_projects(data["projects"], organisations)


def add_members(
    group: Group,
    rows: list[dict],
    role: str,
    organisations: dict[str, Organisation],
    joined_on: datetime.date,
    *,
    is_demo: bool,
) -> int:
    added = 0
    for values in rows:
        _membership, created = Membership.objects.get_or_create(
            group=group,
            organisation=organisations[values["name_en"]],
            defaults={"role": role, "joined_on": joined_on, "is_demo": is_demo},
        )
        added += created
    return added


def add_projects(projects: list[dict], organisations: dict[str, Organisation]) -> int:
    added = 0
    for values in projects:
        partners = [organisations[name] for name in values["partners"]]
        defaults = {key: value for key, value in values.items() if key != "partners"}
        project, created = CooperationProject.objects.get_or_create(
            title_en=values["title_en"], defaults={**defaults, "is_demo": True}
        )
        if created:
            project.partners.set(partners)
            added += 1
    return added
