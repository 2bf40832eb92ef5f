"""Twenty submits of the registration form with the same e-mail address at the same instant (a
script, or one person in twenty tabs), against a live site on PostgreSQL.

As in test_race.py, the first test shows the race: with the events' locks off and the unique
index `registration_once_per_email` dropped, the address takes several seats. The others show
that the index alone (locks off) and the locks with it each let exactly one registration in,
that every other submit is sent to the "check your e-mail" page (no error page, no ticket), and
that the address gets one e-mail, not twenty.
"""

from . import race
from .test_race import SET_UP, visitor

pytestmark = race.RACE_TESTS
PEOPLE = 20
SEATS = 10
SAME_ADDRESS = "same.person@example.org"

# What the rush left: registrations by status, and the registration e-mails queued for them.
RESULT = """
import json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from twincity.events import tasks
from twincity.events.models import Registration
rows = Registration.objects.filter(ticket_type_id={ticket_type})
ids = set(rows.values_list("pk", flat=True))
queued = DBTaskResult.objects.filter(task_path=tasks.send_registration_email.module_path)
mails = [row.args_kwargs["args"][0] for row in queued if row.args_kwargs["args"][0] in ids]
by_status = {{row["status"]: row["n"] for row in rows.values("status").annotate(n=Count("pk"))}}
print(json.dumps({{"registered": by_status, "mails": len(mails)}}))
"""
# Drops the unique index, or (after deleting the rush's rows, which it would refuse) adds it back.
CONSTRAINT = """
from django.db import connection
from twincity.events.models import Registration
(constraint,) = [c for c in Registration._meta.constraints if c.name == "registration_once_per_email"]
if "{action}" == "add":
    Registration.objects.filter(ticket_type_id={ticket_type}).delete()
with connection.schema_editor() as editor:
    getattr(editor, "{action}_constraint")(Registration, constraint)
print("{{}}")
"""


def same_address(ticket_type_id: int):
    """What each browser types: its own form (submission token, name), the same address in
    varying case."""
    typed = visitor(ticket_type_id)

    def form_data(index: int) -> dict:
        address = SAME_ADDRESS.upper() if index % 2 else SAME_ADDRESS
        return {**typed(index), "email": address, "consent": "on"}

    return form_data


def set_up(site) -> dict:
    return race.run_python(site, SET_UP.format(seats=SEATS))


def rush_with_one_address(site, ids: dict) -> tuple[list, dict]:
    path = f"/en/events/{ids['event']}/register/"
    answers = race.crowd_submits(site, path, PEOPLE, same_address(ids["ticket_type"]))
    return answers, race.run_python(site, RESULT.format(ticket_type=ids["ticket_type"]))


def test_without_locks_or_unique_index_one_address_takes_several_seats(unlocked_site):
    ids = set_up(unlocked_site)
    change = {"ticket_type": ids["ticket_type"]}
    race.run_python(unlocked_site, CONSTRAINT.format(action="remove", **change))
    try:
        _answers, result = rush_with_one_address(unlocked_site, ids)
    finally:
        race.run_python(unlocked_site, CONSTRAINT.format(action="add", **change))
    assert result["registered"].get("confirmed", 0) > 1, result


def test_the_unique_index_alone_lets_one_registration_in(unlocked_site):
    answers, result = rush_with_one_address(unlocked_site, set_up(unlocked_site))
    assert result == {"registered": {"confirmed": 1}, "mails": 1}
    assert answers == [302] * PEOPLE


def test_with_the_locks_one_registration_and_one_mail(locked_site):
    answers, result = rush_with_one_address(locked_site, set_up(locked_site))
    assert result == {"registered": {"confirmed": 1}, "mails": 1}
    assert answers == [302] * PEOPLE
