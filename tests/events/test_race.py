"""50 people register for 10 seats at the same instant, against a live site on PostgreSQL.

As in pretix's concurrency tests, the first test shows the race with the locks switched off by
the test-only switch (more confirmed registrations than seats), the second shows that with the
locks on exactly the 10 seats are confirmed and the 40 others are on the waiting list, and that
nobody sees an error page.
"""

import uuid

import psycopg

from twincity.events import locking

from . import race

pytestmark = race.RACE_TESTS
SEATS = 10
PEOPLE = 50

SET_UP = """
import json
from tests.events import factories
page = factories.event(capacity={seats})
print(json.dumps({{"event": page.pk, "ticket_type": page.ticket_types.get().pk}}))
"""
COUNT = """
import json
from django.db.models import Count
from twincity.events.models import Registration
rows = Registration.objects.filter(ticket_type_id={ticket_type}).values("status")
print(json.dumps({{row["status"]: row["n"] for row in rows.annotate(n=Count("pk"))}}))
"""


def visitor(ticket_type_id: int):
    def form_data(index: int) -> dict:
        return {
            "submission_token": str(uuid.uuid4()),
            "ticket_type": ticket_type_id,
            "name": f"Racer {index}",
            "email": f"racer{index}@example.org",
            "city_of_origin": "chengdu",
            "consent": "on",
        }

    return form_data


def rush_for_the_seats(site) -> tuple[list, dict]:
    """The crowd submits the registration form at once; the statuses of the answers, and the
    registrations by status as the database holds them afterwards."""
    ids = race.run_python(site, SET_UP.format(seats=SEATS))
    path = f"/en/events/{ids['event']}/register/"
    answers = race.crowd_submits(site, path, PEOPLE, visitor(ids["ticket_type"]))
    return answers, race.run_python(site, COUNT.format(ticket_type=ids["ticket_type"]))


def test_without_the_lock_the_rush_oversells(unlocked_site):
    _answers, registered = rush_for_the_seats(unlocked_site)
    assert registered.get("confirmed", 0) > SEATS, registered


def test_with_the_lock_exactly_the_seats_are_confirmed(locked_site):
    answers, registered = rush_for_the_seats(locked_site)
    assert registered == {"confirmed": SEATS, "waitlisted": PEOPLE - SEATS}
    # Each visitor was sent on to their ticket page: no error page, nobody refused.
    assert answers == [302] * PEOPLE


def test_a_registration_that_waits_too_long_for_the_lock_keeps_the_form_and_saves_nothing(
    locked_site,
):
    """The pipelined registration of a live site: another session holds the ticket type's lock
    longer than the site waits (settings.EVENTS_LOCK_WAIT_MS), so the visitor gets the form
    back with what they typed and a message, and nothing is saved."""
    site = locked_site
    ids = race.run_python(site, SET_UP.format(seats=SEATS))
    path = f"/en/events/{ids['event']}/register/"
    browser = race.Browser(site.base_url)
    browser.open_form(path)
    typed = visitor(ids["ticket_type"])(7)
    with psycopg.connect(site.env["DATABASE_URL"], autocommit=True) as other_session:
        other_session.execute(
            "SELECT pg_advisory_lock(%s, %s)", [locking.TICKET_TYPE, ids["ticket_type"]]
        )
        status, page = browser.submit(path, typed)
    registered = race.run_python(site, COUNT.format(ticket_type=ids["ticket_type"]))
    status_after_release = browser.post(path, typed)
    assert status == 200 and "Many people are doing this at the same moment" in page
    assert 'value="Racer 7"' in page and 'value="racer7@example.org"' in page
    assert registered == {}
    assert status_after_release == 302
