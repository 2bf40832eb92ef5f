"""Requests per minute: per partner key (PartnerKey.requests_per_minute) and, for anonymous
calls, per client address (settings.API_ANONYMOUS_REQUESTS_PER_MINUTE).

A fixed one-minute window counted in the "shared" cache, which every process of every app
server sees (Redis in production, where `incr` is atomic; a file locally): the limit holds
whichever server a partner's requests land on. Every request counts, a 304 too: a conditional
request costs little, but a client that polls in a loop must still be slowed down.

Leases. Asking the shared cache on every request cost most of a kept answer's time (0.64 of
0.84 ms, docs/benchmarks.md). So a process takes a caller's request numbers from the shared
counter a lease at a time (1/LEASE_SHARE of the limit, at least 1) and hands them out itself;
request number n is refused when n > limit, whichever process holds it. A caller is never let
through beyond the limit; one whose requests are spread over P processes may be refused up to
P × (lease − 1) requests early, a few percent of the limit. A limit under LEASE_SHARE leases
one number at a time: exact, as before.
"""

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

from twincity.core.abuse import client_address
from twincity.core.generation import SHARED_CACHE

WINDOW_SECONDS = 60
LEASE_SHARE = 50


@dataclass(frozen=True)
class Allowance:
    limit: int
    remaining: int
    retry_after: int  # seconds until the window ends

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0

    def headers(self) -> dict[str, str]:
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(0, self.remaining)),
        }
        if self.exceeded:
            headers["Retry-After"] = str(self.retry_after)
        return headers


def caller(request) -> tuple[str, int]:
    """Who is counted, and their limit per minute."""
    partner = getattr(request, "partner", None)
    if partner is not None:
        return f"key:{partner.pk}", partner.requests_per_minute
    return f"ip:{client_address(request)}", settings.API_ANONYMOUS_REQUESTS_PER_MINUTE


def count_request(request, now: float | None = None) -> Allowance:
    """Counts this request in the caller's current window."""
    now = time.time() if now is None else now
    who, limit = caller(request)
    window = int(now // WINDOW_SECONDS)
    number = leases.next_number(who, window, max(1, limit // LEASE_SHARE))
    retry_after = max(1, int((window + 1) * WINDOW_SECONDS - now) + 1)
    return Allowance(limit=limit, remaining=limit - number, retry_after=retry_after)


def take_from_shared_counter(who: str, window: int, count: int) -> int:
    """Takes `count` request numbers of the caller's window; returns the last one taken."""
    key = f"twincity:api-rate:{who}:{window}"
    shared = caches[SHARED_CACHE]
    # add() starts the window's counter only if no other process did; the timeout outlives
    # the window a little so that a late increment never finds it gone.
    shared.add(key, 0, timeout=WINDOW_SECONDS + 10)
    try:
        return shared.incr(key, count)
    except ValueError:  # expired between add and incr: this request starts the window
        shared.set(key, count, timeout=WINDOW_SECONDS + 10)
        return count


class Leases:
    """The request numbers this process holds, per caller: (window, next number, last number)."""

    def __init__(self, max_callers: int = 10_000) -> None:
        self.max_callers = max_callers
        self._held: dict[str, tuple[int, int, int]] = {}
        self._lock = threading.Lock()

    def next_number(self, who: str, window: int, lease: int) -> int:
        with self._lock:
            held = self._held.get(who)
            if held is not None and held[0] == window and held[1] <= held[2]:
                self._held[who] = (window, held[1] + 1, held[2])
                return held[1]
        last = take_from_shared_counter(who, window, lease)
        with self._lock:
            if len(self._held) >= self.max_callers:  # bounds memory; callers lease again
                self._held.clear()
            self._held[who] = (window, last - lease + 2, last)
        return last - lease + 1

    def clear(self) -> None:
        with self._lock:
            self._held.clear()


leases = Leases()
