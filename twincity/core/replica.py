"""Reads of anonymous visitors from a PostgreSQL read replica (DATABASE_REPLICA_URL).

Only when a replica is configured: settings.py then adds the database alias "replica", this
router and `ReplicaMiddleware`; without one nothing here runs.

Who reads the replica: a request that
- is a GET or a HEAD,
- carries no session cookie (a signed-in person sees what they just did, and the admin),
- is not under /admin/ or /django-admin/,
- carries no "recently wrote" pin: every other request (a POST, PUT, DELETE…) answers with a
  short-lived cookie (`PIN_COOKIE`, `PIN_SECONDS`, longer than the replication lag), so that
  the person who just registered sees their registration on the next page.
Everything else reads the primary: the worker, management commands, the WSGI wrappers (the
page cache's generation lives in the shared cache anyway), anything inside
`transaction.atomic` (and so every `select_for_update`). All writes and all migrations go to
the primary.

A replica that cannot be reached is marked down for `DOWN_SECONDS` and reads go to the
primary meanwhile; a GET whose reads failed on the replica half-way is answered again, once,
from the primary (`ReplicaMiddleware`).
"""

import contextvars
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger("twincity.replica")

PRIMARY = "default"
REPLICA = "replica"
PIN_COOKIE = "twincity_wrote"
# Longer than the replication lag the operator accepts (docs/operations.md).
PIN_SECONDS = 10
DOWN_SECONDS = 5.0
SAFE_METHODS = frozenset({"GET", "HEAD"})
PRIMARY_ONLY_PREFIXES = ("/admin/", "/django-admin/")

# While the current request may read the replica: how many atomic blocks were open on the
# primary when it began (none in production; the tests' own transaction in tests). A read
# inside a block the request opened goes to the primary. Unset anywhere else.
_replica_request: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "replica_request", default=None
)
_down_until = 0.0


def replica_eligible(method: str, path: str, cookies: dict, session_cookie: str) -> bool:
    """The rule of the module docstring: may this request read the replica?"""
    return (
        method in SAFE_METHODS
        and session_cookie not in cookies
        and PIN_COOKIE not in cookies
        and not path.startswith(PRIMARY_ONLY_PREFIXES)
    )


def mark_replica_down() -> None:
    global _down_until
    if time.monotonic() >= _down_until:
        logger.warning("Read replica unreachable: reading the primary for %g s", DOWN_SECONDS)
    _down_until = time.monotonic() + DOWN_SECONDS


def replica_reachable() -> bool:
    """False while the replica is marked down, or when connecting to it (or the health check
    of its kept connection) fails now."""
    if time.monotonic() < _down_until:
        return False
    replica = connections[REPLICA]
    try:
        replica.close_if_health_check_failed()
        replica.ensure_connection()
    except DatabaseError:
        mark_replica_down()
        return False
    return True


def reads_alias() -> str:
    """Where a read of this moment goes."""
    blocks_at_start = _replica_request.get()
    if blocks_at_start is None or len(connections[PRIMARY].atomic_blocks) > blocks_at_start:
        return PRIMARY
    return REPLICA if replica_reachable() else PRIMARY


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        return reads_alias()

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, first, second, **hints) -> bool:
        return True  # one database, two copies of it

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == PRIMARY


class ReplicaMiddleware:
    """Decides where the request reads (near the top of MIDDLEWARE: the site lookup reads
    too), pins a writer to the primary for a moment, and answers a GET again from the
    primary when the replica failed it."""

    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request):
        eligible = replica_eligible(
            request.method, request.path, request.COOKIES, settings.SESSION_COOKIE_NAME
        )
        blocks = len(connections[PRIMARY].atomic_blocks)
        token = _replica_request.set(blocks if eligible else None)
        try:
            response = self.get_response(request)
            if eligible and getattr(response, "failed_database", None) == REPLICA:
                mark_replica_down()
                _replica_request.set(None)
                response = self.get_response(request)
        finally:
            _replica_request.reset(token)
        if request.method not in SAFE_METHODS and request.method != "OPTIONS":
            response.set_cookie(PIN_COOKIE, "1", max_age=PIN_SECONDS, httponly=True, samesite="Lax")
        return response


def reading_replica() -> bool:
    """Whether the current request's reads may have gone to the replica (for the failure
    handler, which marks such an answer so that `ReplicaMiddleware` tries the primary once)."""
    return _replica_request.get() is not None
