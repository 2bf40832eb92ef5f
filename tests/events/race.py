"""Helpers of the race tests: a live site on PostgreSQL and a crowd of browsers that submit a
form at the same instant (the pattern of pretix's concurrency tests).

Requests must really run at the same time, so the site is gunicorn in processes of its own
(tests/support.py) with enough threads for the whole crowd, never the test client.
"""

import contextlib
import json
import os
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from tests.support import SiteUnderTest, start_site, stop_site

# Marks a race test module: CI runs the suite on SQLite too, where there is no race to show
# (SQLite has one writer) and no PostgreSQL to start a live site on.
postgresql_only = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL"), reason="the race tests need PostgreSQL (DATABASE_URL)"
)
# One xdist worker runs every race, one after the other (make test: --dist loadgroup): two
# rushes at once on two cores would test the machine's speed, not the locks.
RACE_TESTS = [postgresql_only, pytest.mark.xdist_group("races")]
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Every request of the crowd gets a thread of the site: 2 workers × 32 threads.
SERVER_THREADS = 32
RACE_DELAY_MS = 200


@contextlib.contextmanager
def live_site(var_dir: Path, *, locking: bool) -> Iterator[SiteUnderTest]:
    """A copy of the demo site on a PostgreSQL database of its own, with the events' locks on
    or off (tests/events/conftest.py shares one of each among the race tests)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GUNICORN_CMD_ARGS", f"--threads {SERVER_THREADS}")
        # Both sites live for the whole run and each rush opens a connection per thread: closed
        # after each request, they stay within PostgreSQL's 100 connections.
        patch.setenv("DATABASE_CONN_MAX_AGE", "0")
        # A rush is hundreds of people from one address, 127.0.0.1: the per-address limit
        # (core/abuse.py) would turn most of them away before the race the test looks for.
        patch.setenv("TWINCITY_RATE_LIMITS", "false")
        # A rush queues fifty decisions on one lock; on two cores shared with other tests the
        # last may wait longer than production's 5 s, and be told "busy" instead of decided.
        patch.setenv("TWINCITY_EVENTS_LOCK_WAIT_MS", "15000")
        if not locking:
            patch.setenv("TWINCITY_TEST_ONLY_DISABLE_EVENT_LOCKS", "1")
            # The race shows without it too, but not on every run (on this 2-core machine 12
            # runs of 50 for 10 seats confirmed 11 to 29): a pause between the count and the
            # insert makes every run show it. Only with the locks off.
            patch.setenv("TWINCITY_TEST_ONLY_RACE_DELAY_MS", str(RACE_DELAY_MS))
        site, server = start_site(var_dir)
    try:
        yield site
    finally:
        stop_site(server)


def run_python(site: SiteUnderTest, code: str) -> dict:
    """Run `code` in the site's `manage.py shell`; it prints one JSON object, returned here."""
    output = site.manage("shell", stdin=code)
    return json.loads(output.strip().splitlines()[-1])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 302 itself is the answer the test looks at


class Browser:
    """One visitor: their own cookies, and the CSRF token of the form they were shown."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect
        )
        self.csrf_token = ""

    def open_form(self, path: str) -> str:
        with self.opener.open(self.base_url + path, timeout=60) as response:
            html = response.read().decode()
        self.csrf_token = CSRF_FIELD.search(html).group(1)
        return html

    def post(self, path: str, data: dict) -> int:
        return self.submit(path, data)[0]

    def submit(self, path: str, data: dict) -> tuple[int, str]:
        """POST the form; the answer's status and page."""
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf_token}).encode()
        request = urllib.request.Request(
            self.base_url + path, data=body, headers={"Referer": self.base_url + path}
        )
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as answer:  # 302 (not followed), 4xx, 5xx
            return answer.code, answer.read().decode()


def crowd_submits(
    site: SiteUnderTest, path: str, count: int, form_data: Callable[[int], dict]
) -> list[int]:
    """`count` browsers open the form at `path`, wait for each other, then all submit it at
    once (`form_data(i)` is what browser i types). Returns the status of every answer."""
    barrier = threading.Barrier(count)
    statuses: list[int | str] = [0] * count

    def one_visitor(index: int) -> None:
        browser = Browser(site.base_url)
        try:
            browser.open_form(path)
        finally:
            barrier.wait(timeout=120)  # released together, even if this one failed to load
        try:
            statuses[index] = browser.post(path, form_data(index))
        except OSError as error:
            statuses[index] = f"no answer: {error}"

    threads = [threading.Thread(target=one_visitor, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return statuses
