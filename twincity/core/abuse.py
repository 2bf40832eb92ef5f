"""Limits on abuse: how often one address (or one e-mail, one account) may do a thing that costs
us work or counts for something, and the answer when it may not.

    from twincity.core import abuse

    abuse.check(request, "registration", abuse.client_address(request), email)

raises `abuse.RateLimited` once any of the keys has used up the limit named "registration" in
settings.TWINCITY_RATE_LIMITS ("20/h": twenty per hour). `limited` turns that into the answer a
person sees: a translated page, status 429 and `Retry-After`, never a bare error. Sign-in is
limited by django-axes instead (lockouts per account and per address, unlocked by time or by
staff); its lockout answer is `sign_in_locked` below, the same page.

The counts live in the "shared" cache, which every process of every app server sees: Redis in
production, where each count is one atomic INCR. A fixed window per key: simple, and a burst at
a window's edge costs at most twice the limit, which is what these limits are for.
"""

import hashlib
import math
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import caches
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """ "20/h" -> twenty per hour; "5/10m" -> five per ten minutes."""
        count, _slash, period = text.partition("/")
        multiple = int(period[:-1] or 1)
        return cls(int(count), multiple * PERIODS[period[-1]])


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"rate limited, retry after {retry_after} s")
        self.retry_after = retry_after

    @property
    def message(self) -> str:
        """For a form shown again with what was typed (nothing a person entered is lost)."""
        minutes = math.ceil(self.retry_after / 60)
        return ngettext(
            "Too many attempts from here. Nothing was saved; please try again in %(minutes)d minute.",
            "Too many attempts from here. Nothing was saved; please try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}

    def mark(self, response):
        """The answer, whatever page it is, says 429 and when to come back."""
        response.status_code = 429
        response["Retry-After"] = str(self.retry_after)
        response["Cache-Control"] = "no-store"
        return response


def client_address(request) -> str:
    """The visitor's address: REMOTE_ADDR, or behind our own proxy the address it saw (the
    last entry it appended to X-Forwarded-For; earlier entries are whatever the client sent)."""
    if settings.TWINCITY_TRUSTED_PROXY_HOPS:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [address for address in forwarded if address]
        if len(forwarded) >= settings.TWINCITY_TRUSTED_PROXY_HOPS:
            return forwarded[-settings.TWINCITY_TRUSTED_PROXY_HOPS]
    return request.META.get("REMOTE_ADDR", "")


def rate(name: str) -> Rate | None:
    """The limit called `name`, or None when limits are off (settings.TWINCITY_RATE_LIMITS)."""
    if not settings.TWINCITY_RATE_LIMITS_ENABLED:
        return None
    return Rate.parse(settings.TWINCITY_RATE_LIMITS[name])


def check(name: str, *keys: str) -> None:
    """Counts one use by each key under the limit `name`; raises RateLimited if any key has
    gone over it. Empty keys are skipped (a form without an e-mail yet, say)."""
    limit = rate(name)
    if limit is None:
        return
    now = time.time()
    window = int(now // limit.seconds)
    retry_after = 0
    for key in filter(None, keys):
        if used(name, key, window, limit) > limit.count:
            retry_after = max(retry_after, math.ceil((window + 1) * limit.seconds - now))
    if retry_after:
        raise RateLimited(retry_after)


def used(name: str, key: str, window: int, limit: Rate) -> int:
    cache = caches[settings.TWINCITY_RATE_LIMIT_CACHE]
    # Hashed: the cache need not hold e-mail addresses, and keys stay short and safe.
    digest = hashlib.sha256(f"{name}\0{key.strip().lower()}".encode()).hexdigest()[:32]
    cache_key = f"rate:{name}:{window}:{digest}"
    cache.add(cache_key, 0, timeout=limit.seconds + 5)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=limit.seconds + 5)
        return 1


def within(name: str, *keys: str) -> bool:
    """Counts one use by `keys`; False once over the limit (for what is simply not done beyond
    it, such as counting a campaign's view or sending one more e-mail to a mailbox)."""
    try:
        check(name, *keys)
    except RateLimited:
        return False
    return True


def allows(name: str, request) -> bool:
    """`within` the limit, counted by the visitor's address."""
    return within(name, client_address(request))


def refused_when_limited(view):
    """A view decorator: a limit reached anywhere inside the view (`check` raising) answers
    with `too_many` instead of an error."""

    @wraps(view)
    def answering(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except RateLimited as refusal:
            return too_many(request, refusal.retry_after)

    return answering


def too_many(request, retry_after: int):
    """The page a refused request gets: what happened and when to try again."""
    until = timezone.localtime() + timedelta(seconds=retry_after)
    response = render(
        request,
        "core/too_many_requests.html",
        {"retry_after": retry_after, "until": until, "minutes": math.ceil(retry_after / 60)},
    )
    return RateLimited(retry_after).mark(response)


def limited(name: str, methods: tuple[str, ...] = ("POST",)):
    """A view decorator that counts the visitor's address under the limit `name` for requests
    of `methods` (those that do the costly or countable thing); over the limit the view is not
    called and `too_many` answers."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if request.method in methods:
                try:
                    check(name, client_address(request))
                except RateLimited as refusal:
                    return too_many(request, refusal.retry_after)
            return view(request, *args, **kwargs)

        return checked

    return decorator


# --- Sign-in lockouts (django-axes) -----------------------------------------------------------


def axes_username(request, credentials: dict) -> str:
    """The account a sign-in names, as axes counts it: e-mail addresses in any case are one."""
    return (credentials or {}).get("username", "").strip().lower()


def sign_in_locked(request, original_response=None, credentials=None):
    """Axes' answer once an account or an address is locked: the same page as every limit,
    with the time the lock ends (it ends by itself, or staff lift it)."""
    return too_many(request, lock_seconds_left(request, credentials))


def lock_seconds_left(request, credentials) -> int:
    cool_off = get_cool_off(request) or timedelta(0)
    username = axes_username(request, credentials)
    address = client_address(request)
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).filter(Q(username=username) | Q(ip_address=address))
    last = attempts.order_by("-attempt_time").values_list("attempt_time", flat=True).first()
    if last is None:
        return int(cool_off.total_seconds())
    return max(1, math.ceil((last + cool_off - timezone.now()).total_seconds()))
