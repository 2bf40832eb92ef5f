"""20 invited speakers share a code good for 3 registrations and submit the form at the same
instant, against a live site on PostgreSQL: the code is used exactly 3 times.

In the style of test_race.py (and pretix's concurrency tests): first the race with the locks
off, where more than 3 registrations take the code, then with the locks on, where the uses are
counted under the ticket type's lock together with the seats. The seats (50) are never short:
only the code limits the rush. Everyone refused gets the form back, not an error page.
"""

import uuid

from . import race

pytestmark = race.RACE_TESTS
USES = 3
PEOPLE = 20
CODE = "RUSH-2031"

SET_UP = """
import json
from tests.events import factories
page = factories.event(capacity=50)
speakers = factories.speaker_tickets(page, capacity=50)
factories.invitation_code(speakers, "{code}", max_uses={uses})
print(json.dumps({{"event": page.pk, "ticket_type": speakers.pk}}))
"""
COUNT = """
import json
from twincity.events.models import Registration
rows = Registration.objects.filter(ticket_type_id={ticket_type})
print(json.dumps({{"with_code": rows.filter(invitation_code__isnull=False).count(),
                  "all": rows.count()}}))
"""


def speaker(ticket_type_id: int):
    def form_data(index: int) -> dict:
        return {
            "submission_token": str(uuid.uuid4()),
            "ticket_type": ticket_type_id,
            "invitation_code": CODE.lower(),
            "name": f"Speaker {index}",
            "email": f"speaker{index}-{uuid.uuid4().hex[:6]}@example.org",
            "city_of_origin": "chongqing",
            "consent": "on",
        }

    return form_data


def rush_for_the_code(site) -> tuple[list, dict]:
    ids = race.run_python(site, SET_UP.format(code=CODE, uses=USES))
    path = f"/en/events/{ids['event']}/register/"
    answers = race.crowd_submits(site, path, PEOPLE, speaker(ids["ticket_type"]))
    return answers, race.run_python(site, COUNT.format(ticket_type=ids["ticket_type"]))


def test_without_the_lock_the_code_is_overused(unlocked_site):
    _answers, registered = rush_for_the_code(unlocked_site)

    assert registered["with_code"] > USES, registered


def test_with_the_lock_the_code_is_used_exactly_as_often_as_it_may(locked_site):
    answers, registered = rush_for_the_code(locked_site)

    assert registered == {"with_code": USES, "all": USES}
    # Those who got in went on to their ticket; the others got the form back with the reason.
    assert sorted(answers) == [200] * (PEOPLE - USES) + [302] * USES
