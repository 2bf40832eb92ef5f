"""Locks that make capacity safe under concurrent requests (the pretix pattern).

Capacity is recounted from rows after the lock is taken, inside the same transaction, so two
requests for the last seat cannot both see it free. On PostgreSQL the lock is a transaction-
scoped advisory lock keyed by what is being sold (a ticket type, an event's hall plan); it is
released at commit or rollback. SQLite has a single writer and our connections open
transactions with BEGIN IMMEDIATE, which serialises writers already: there the lock is a no-op.

settings.EVENTS_LOCKING = False (only the race tests set it) skips the lock, to show the race.
A lock is waited for at most settings.EVENTS_LOCK_WAIT_MS; then the change is rolled back and
LockBusy tells the person to try again.
"""

import contextlib
from collections.abc import Iterator

from django.conf import settings
from django.db import OperationalError, connection
from django.utils.translation import gettext as _

from .errors import LockBusy

# Namespaces of the advisory-lock keys, so a ticket type and a hall never share a key.
TICKET_TYPE = 1
HALL = 2


LOCK_SQL = "SELECT pg_advisory_xact_lock(%s, %s)"
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout runs out


def lock(namespace: int, object_id: int) -> None:
    """Take the exclusive lock on (namespace, object_id) until the transaction ends."""
    if lock_needed():
        with busy_when_lock_wait_ends(), connection.cursor() as cursor:
            for sql, params in lock_statements(namespace, object_id):
                cursor.execute(sql, params)
            cursor.execute("SET LOCAL lock_timeout TO DEFAULT")  # only this lock's wait


def lock_statements(namespace: int, object_id: int) -> list[tuple[str, list | None]]:
    """The statements that take the lock, waiting at most settings.EVENTS_LOCK_WAIT_MS (the
    bound holds for the rest of the transaction unless reset; SET takes no parameters)."""
    wait = f"SET LOCAL lock_timeout = {int(settings.EVENTS_LOCK_WAIT_MS)}"
    return [(wait, None), (LOCK_SQL, [namespace, object_id])]


@contextlib.contextmanager
def busy_when_lock_wait_ends() -> Iterator[None]:
    """Turns PostgreSQL's "lock timeout" (as Django raises it) into LockBusy."""
    try:
        yield
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) != LOCK_NOT_AVAILABLE:
            raise
        raise LockBusy(
            _(
                "Many people are doing this at the same moment, so nothing was saved. Please try again."
            )
        ) from error


def lock_needed() -> bool:
    """Whether to take a lock here, inside a transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("take a lock only inside transaction.atomic()")
    return locks_taken()


def locks_taken() -> bool:
    """PostgreSQL with locking on. Also for a caller that sends `lock_statements` itself
    together with its other statements (`seating`)."""
    return settings.EVENTS_LOCKING and connection.vendor == "postgresql"


def lock_ticket_type(ticket_type_id: int) -> None:
    lock(TICKET_TYPE, ticket_type_id)


def lock_hall(event_id: int) -> None:
    lock(HALL, event_id)


def race_test_delay() -> float:
    """Seconds to pause between counting and committing, for the race tests only (with the
    locks off): a wider gap makes the oversell that the locks prevent show on every run."""
    delay = settings.EVENTS_TEST_ONLY_RACE_DELAY_MS
    return delay / 1000 if delay and not settings.EVENTS_LOCKING else 0.0
