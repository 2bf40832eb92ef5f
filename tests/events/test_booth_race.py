"""Organisers give out booths at the same instant, against a live site on PostgreSQL.

Two rushes, each run once with the hall lock switched off by the test-only switch (the race)
and once with it on (the fix), as pretix's concurrency tests do:
- 20 organisers give the same booth to 20 different approved exhibitors at once;
- then 50 organisers each approve one of 50 applications with "the next free booth", for the
  10 booths left in the hall.
Without the lock, approvals pick the same free booth: the one-to-one constraint refuses all but
one, so a booth is still never given twice, but those organisers are shown a refusal (never an
error page) and their applications stay undecided. With the lock, the 50 approvals give exactly
10 booths and put 40 on the waiting list, and nobody is refused.
"""

import threading
from http.cookiejar import Cookie
from urllib.parse import urlparse
from urllib.request import HTTPCookieProcessor

from . import race

pytestmark = race.RACE_TESTS
BOOTHS = 10
APPLICANTS = 50
SAME_BOOTH_RIVALS = 20
TAKEN = "has just been given to another exhibitor"

SET_UP = """
import json
from django.test import Client
from tests.events import factories
from tests.talent.factories import enterprise
from twincity.events.models import BoothApplication

page = factories.event()
booths = factories.booth_spaces(page, count={booths} + 1)  # the first one for the rivals
manager = factories.event_manager()

def applications(count, status):
    return [
        BoothApplication.objects.create(
            event=page, organisation=enterprise(), sector="Food", products="Hotpot", status=status
        ).pk
        for _ in range(count)
    ]

def session():
    client = Client()
    client.force_login(manager)
    return client.cookies["sessionid"].value

print(json.dumps({{
    "event": page.pk,
    "first_booth": booths[0].pk,
    "pending": applications({applicants}, "pending"),
    "approved": applications({rivals}, "approved"),
    "sessions": [session() for _ in range({applicants})],
}}))
"""
OUTCOME = """
import json
from django.db.models import Count
from twincity.events.models import BoothApplication, BoothSpace

def by_status(ids):
    rows = BoothApplication.objects.filter(pk__in=ids).values("status").annotate(n=Count("pk"))
    return {{row["status"]: row["n"] for row in rows}}

given = BoothApplication.objects.filter(event_id={event}, booth__isnull=False)
print(json.dumps({{
    "pending": by_status({pending}),
    "pending_with_booth": given.filter(pk__in={pending}).count(),
    "first_booth_holders": list(
        BoothApplication.objects.filter(booth_id={first_booth}).values_list("pk", flat=True)
    ),
    "booths_given": given.count(),
    "distinct_booths": given.values("booth").distinct().count(),
}}))
"""


def signed_in(site, session_key: str) -> race.Browser:
    """A browser of the event manager, with a session made by the set-up script."""
    browser = race.Browser(site.base_url)
    jar = next(h.cookiejar for h in browser.opener.handlers if isinstance(h, HTTPCookieProcessor))
    jar.set_cookie(session_cookie(urlparse(site.base_url).hostname, session_key))
    return browser


def session_cookie(host: str, value: str) -> Cookie:
    return Cookie(
        0,
        "sessionid",
        value,
        None,
        False,
        host,
        False,
        False,
        "/",
        True,
        False,
        None,
        True,
        None,
        None,
        {},
    )


def organisers_decide(site, ids: dict, decisions: list[dict]) -> list[tuple[int | str, bool]]:
    """One organiser per decision: all open the applications page, wait for each other, then
    send their decision at once. Returns, per organiser, the answer's status and whether the
    page they were sent back to said the booth was taken."""
    page = f"/en/events/{ids['event']}/booths/"
    barrier = threading.Barrier(len(decisions))
    answers: list[tuple[int | str, bool]] = [(0, False)] * len(decisions)

    def one_organiser(index: int) -> None:
        browser = signed_in(site, ids["sessions"][index])
        try:
            browser.open_form(page)
        finally:
            barrier.wait(timeout=120)
        try:
            status = browser.post(page + "decide/", decisions[index])
            with browser.opener.open(site.base_url + page, timeout=120) as response:
                told = TAKEN in response.read().decode()
            answers[index] = (status, told)
        except OSError as error:
            answers[index] = (f"no answer: {error}", False)

    threads = [threading.Thread(target=one_organiser, args=(i,)) for i in range(len(decisions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return answers


def rush(site) -> dict:
    """Both rushes on one event; what the organisers saw and what the database holds."""
    ids = race.run_python(
        site, SET_UP.format(booths=BOOTHS, applicants=APPLICANTS, rivals=SAME_BOOTH_RIVALS)
    )
    same_booth = organisers_decide(
        site,
        ids,
        [
            {"application": pk, "action": "assign", "booth": ids["first_booth"]}
            for pk in ids["approved"]
        ],
    )
    next_free = organisers_decide(
        site, ids, [{"application": pk, "action": "auto"} for pk in ids["pending"]]
    )
    outcome = race.run_python(
        site,
        OUTCOME.format(event=ids["event"], pending=ids["pending"], first_booth=ids["first_booth"]),
    )
    return {"same_booth": same_booth, "next_free": next_free, **outcome}


def test_without_the_hall_lock_approvals_clash_but_no_booth_is_given_twice(unlocked_site):
    result = rush(unlocked_site)

    # The same booth: one exhibitor holds it; every other organiser was told so, no error page.
    assert len(result["first_booth_holders"]) == 1
    assert [status for status, _ in result["same_booth"]] == [302] * SAME_BOOTH_RIVALS
    assert sum(told for _, told in result["same_booth"]) == SAME_BOOTH_RIVALS - 1
    # The next free booth: approvals that picked a booth another one took in the meantime
    # failed on the constraint; their organisers were told and the applications stay pending.
    clashes = result["pending"].get("pending", 0)
    assert clashes > 0, result["pending"]
    assert [status for status, _ in result["next_free"]] == [302] * APPLICANTS
    assert sum(told for _, told in result["next_free"]) == clashes
    assert result["distinct_booths"] == result["booths_given"] <= BOOTHS + 1


def test_with_the_hall_lock_exactly_the_booths_are_given_and_the_rest_wait(locked_site):
    result = rush(locked_site)

    assert len(result["first_booth_holders"]) == 1
    assert sum(told for _, told in result["same_booth"]) == SAME_BOOTH_RIVALS - 1
    assert result["pending"] == {"approved": BOOTHS, "waitlisted": APPLICANTS - BOOTHS}
    assert result["pending_with_booth"] == BOOTHS
    assert result["next_free"] == [(302, False)] * APPLICANTS  # nobody refused, no error page
    assert result["distinct_booths"] == result["booths_given"] == BOOTHS + 1
