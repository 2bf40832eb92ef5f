"""Locks that make capacity safe under concurrent requests (the pretix pattern).

Capacity is recounted from rows after the lock is taken, inside the same transaction, so two
requests for the last seat cannot both see it free. On PostgreSQL the lock is a transaction-
scoped advisory lock keyed by what is being sold (a ticket type, an event's hall plan); it is
released at commit or rollback. SQLite has a single writer and our connections open
transactions with BEGIN IMMEDIATE, which serialises writers already: there the lock is a no-op.

settings.EVENTS_LOCKING = False (only the race tests set it) skips the lock, to show the race.
"""

from django.conf import settings
from django.db import connection

# Namespaces of the advisory-lock keys, so a ticket type and a hall never share a key.
TICKET_TYPE = 1
HALL = 2


LOCK_SQL = "SELECT pg_advisory_xact_lock(%s, %s)"


def lock(namespace: int, object_id: int) -> None:
    """Take the exclusive lock on (namespace, object_id) until the transaction ends."""
    if lock_needed():
        with connection.cursor() as cursor:
            cursor.execute(LOCK_SQL, [namespace, object_id])


def lock_needed() -> bool:
    """Whether to take a lock here, inside a transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("take a lock only inside transaction.atomic()")
    return locks_taken()


def locks_taken() -> bool:
    """PostgreSQL with locking on. Also for a caller that sends `LOCK_SQL` itself together
    with its other statements (`seating`)."""
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
