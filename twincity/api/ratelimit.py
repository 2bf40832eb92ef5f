"""Requests per minute: per partner key (PartnerKey.requests_per_minute) and, for anonymous
calls, per client address (settings.API_ANONYMOUS_REQUESTS_PER_MINUTE).

A fixed one-minute window counted in the "shared" cache, which every process of every app
server sees (Redis in production, where `incr` is atomic; a file locally): the limit holds
whichever server a partner's requests land on. Every request counts, a 304 too: a conditional
request costs little, but a client that polls in a loop must still be slowed down.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

from twincity.core.abuse import client_address
from twincity.core.generation import SHARED_CACHE

WINDOW_SECONDS = 60


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
    key = f"twincity:api-rate:{who}:{window}"
    shared = caches[SHARED_CACHE]
    # add() starts the window's counter only if no other process did; the timeout outlives
    # the window a little so that a late increment never finds it gone.
    shared.add(key, 0, timeout=WINDOW_SECONDS + 10)
    try:
        used = shared.incr(key)
    except ValueError:  # expired between add and incr: this request starts the window
        shared.set(key, 1, timeout=WINDOW_SECONDS + 10)
        used = 1
    retry_after = max(1, int((window + 1) * WINDOW_SECONDS - now) + 1)
    return Allowance(limit=limit, remaining=limit - used, retry_after=retry_after)
