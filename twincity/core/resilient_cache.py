"""Redis as Django's cache, where Redis being down is a miss, not an error page.

With REDIS_URL set, every cache (settings.CACHES) is this backend. When Redis cannot be
reached, a read answers "not there" (or the default), a write does nothing and says so
(`add` answers False, `incr` raises ValueError as for a missing key), and Redis is not asked
again for `RETRY_SECONDS`, so that a stopped Redis costs a request nothing but the first,
short, connection timeout. A warning is logged at most once per `RETRY_SECONDS`. When Redis
is back, the next try finds it and everything works as before.

What that means while Redis is down (docs/operations.md):
- the page cache: the content generation cannot be read; core.generation then uses a
  per-process stand-in that changes every few seconds, so pages are still kept in memory and
  served, at most that old; an edit shows up everywhere once Redis is back.
- rate limits (core.abuse, the API's) fail OPEN: every count starts again at 1. Refusing
  every registration, sign-up or API call because the counter is gone would turn a cache
  outage into a site outage; sign-in lockouts (django-axes) live in the database and still hold.
- kept answers and fragments: recomputed.

Each operation's time is measured for /metrics (twincity_cache_seconds).
"""

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from prometheus_client import Histogram
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("twincity.cache")

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 2.0
CACHE_SECONDS = Histogram(
    "twincity_cache_seconds",
    "Time of shared-cache operations, by operation.",
    ["operation"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1.0),
)


class Unreachable(Exception):
    """Redis was found down a moment ago: not asked again yet."""


def tolerant(operation: str, when_down):
    """Wraps a cache method: timed, and `when_down(*args, **kwargs)` answers while Redis is
    unreachable (a value, or an exception raised)."""

    def decorator(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            started = time.perf_counter()
            try:
                self.check_not_down()
                return method(self, *args, **kwargs)
            except (Unreachable, *UNREACHABLE) as error:
                self.note_down(error)
                return when_down(*args, **kwargs)
            finally:
                CACHE_SECONDS.labels(operation=operation).observe(time.perf_counter() - started)

        return wrapper

    return decorator


def missing_key(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (Redis unreachable)")


def nothing(*args, **kwargs):
    return None


def default_of_get(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        # Short timeouts: a lost Redis must not hold a request for long.
        options = {
            "socket_connect_timeout": 0.25,
            "socket_timeout": 0.5,
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0

    def check_not_down(self) -> None:
        if time.monotonic() < self._down_until:
            raise Unreachable

    def note_down(self, error: Exception) -> None:
        if isinstance(error, Unreachable):
            return
        if time.monotonic() >= self._down_until:
            logger.warning("Redis unreachable (%s): cache off for %g s", error, RETRY_SECONDS)
        self._down_until = time.monotonic() + RETRY_SECONDS

    get = tolerant("get", default_of_get)(RedisCache.get)
    get_many = tolerant("get_many", lambda *a, **k: {})(RedisCache.get_many)
    has_key = tolerant("has_key", lambda *a, **k: False)(RedisCache.has_key)
    add = tolerant("add", lambda *a, **k: False)(RedisCache.add)
    set = tolerant("set", nothing)(RedisCache.set)
    set_many = tolerant("set_many", lambda data, *a, **k: list(data))(RedisCache.set_many)
    touch = tolerant("touch", lambda *a, **k: False)(RedisCache.touch)
    delete = tolerant("delete", lambda *a, **k: False)(RedisCache.delete)
    delete_many = tolerant("delete_many", nothing)(RedisCache.delete_many)
    incr = tolerant("incr", missing_key)(RedisCache.incr)
    clear = tolerant("clear", lambda *a, **k: False)(RedisCache.clear)
