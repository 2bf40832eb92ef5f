"""A rush of registrations through the partner API gives the site's seat count: 50 requests at
the same instant for 10 seats confirm exactly 10 and put 40 on the waiting list, never more
(the site's registration service and lock decide; see tests/events/test_race.py for the same
rush through the site's form). Against a live site on PostgreSQL."""

import json
import threading
import urllib.error
import urllib.request

from tests.events import race
from tests.events.conftest import locked_site  # noqa: F401 (the live site, shared)

pytestmark = race.RACE_TESTS
SEATS = 10
PEOPLE = 50

SET_UP = """
import json
from tests.api.partner_setup import co_organised_event
from tests.talent import factories as talent
from twincity.api import keys
organisation = talent.enterprise()
page = co_organised_event(organisation, capacity={seats})
_row, text = keys.issue_key(organisation, "race", ["registrations:write"], requests_per_minute=100000)
print(json.dumps({{"event": page.pk, "ticket_type": page.ticket_types.get().pk, "key": text}}))
"""
COUNT = """
import json
from django.db.models import Count
from twincity.events.models import Registration
rows = Registration.objects.filter(ticket_type_id={ticket_type}).values("status")
print(json.dumps({{row["status"]: row["n"] for row in rows.annotate(n=Count("pk"))}}))
"""


def api_rush(site, ids: dict) -> list:
    """PEOPLE partners' requests, released together by a barrier; the status of each."""
    url = f"{site.base_url}/api/v1/partner/events/{ids['event']}/registrations"
    barrier = threading.Barrier(PEOPLE)
    statuses: list = [0] * PEOPLE

    def one(index: int) -> None:
        body = {
            "ticket_type": ids["ticket_type"],
            "name": f"API racer {index}",
            "email": f"api-racer{index}@example.org",
            "city_of_origin": "chongqing",
        }
        request = urllib.request.Request(
            url,
            data=json.dumps(body).encode(),
            headers={"X-API-Key": ids["key"], "Content-Type": "application/json"},
        )
        barrier.wait(timeout=120)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                statuses[index] = response.status
        except urllib.error.HTTPError as error:
            statuses[index] = error.code
        except OSError as error:
            statuses[index] = f"no answer: {error}"

    threads = [threading.Thread(target=one, args=(i,)) for i in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return statuses


def test_an_api_rush_confirms_exactly_the_seats(locked_site):  # noqa: F811
    ids = race.run_python(locked_site, SET_UP.format(seats=SEATS))
    answers = api_rush(locked_site, ids)
    registered = race.run_python(locked_site, COUNT.format(ticket_type=ids["ticket_type"]))
    assert registered == {"confirmed": SEATS, "waitlisted": PEOPLE - SEATS}
    assert answers == [201] * PEOPLE
