"""Taking a seat or a place on the waiting list: the part of registering that runs under the lock.

The rule is the pretix pattern of `services`: lock the ticket type, then count its seats from
the rows and insert the newcomer in the same transaction. Here the count and the insert are one
statement (INSERT … SELECT, the status chosen by a CASE over the counts), and on PostgreSQL the
whole transaction (BEGIN, a bound on the wait for the lock, the lock, that statement, a count
afterwards, the newcomer's e-mail queued with the database task queue, COMMIT) goes to the
server in one pipeline: once the lock is granted the server runs the rest and releases it,
without waiting for this process (which, in a busy web worker, may be waiting for the GIL).
Every registration of a rush queues at that lock, so the time it is held is what bounds how
many registrations a second the site takes.

The statement is a statement of its own, after the lock, because under READ COMMITTED each
statement sees what was committed before it began: a count in the locking statement itself
would miss the registration that the previous holder of the lock committed.

The statement inserts nothing if the ticket type is withdrawn, outside its sale window, of
another event than the form's, or its event is unpublished or closed, or if the ticket type is
by invitation and the newcomer's invitation code is not one of its codes or has no use left;
`services` then reads the ticket type to say which. A code's uses are counted in the same
statement, under the same lock, as the seats: two people cannot both take its last use. The counts here are those of `services.holds_seat` (confirmed,
or offered or awaiting e-mail confirmation and not expired), written in SQL; a test holds the
two to the same answers.

One registration per person: the unique index `registration_once_per_email` refuses a second
active registration of an address for a ticket type, so two submits with the same address
cannot both take a seat, even with the locks off; `services.register` answers the second.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction

from twincity.core import task_rows

from . import locking, tasks
from .models import ACTIVE_STATUSES, EventPage, InvitationCode, Registration, TicketType

Status = Registration.Status

REGISTRATIONS = Registration._meta.db_table
TICKET_TYPES = TicketType._meta.db_table
EVENTS = EventPage._meta.db_table
PAGES = EventPage._meta.get_field("page_ptr").related_model._meta.db_table
INVITATION_CODES = InvitationCode._meta.db_table

SEATS_HELD = f"""
    SELECT COUNT(*) FROM {REGISTRATIONS} AS held
    WHERE held.ticket_type_id = t.id
      AND held.status IN ('{Status.CONFIRMED}', '{Status.OFFERED}', '{Status.AWAITING}')
      AND (held.status = '{Status.CONFIRMED}' OR held.offer_expires_at > %(now)s)
"""
SOMEONE_WAITS = f"""
    EXISTS (SELECT 1 FROM {REGISTRATIONS} AS queued
            WHERE queued.ticket_type_id = t.id AND queued.status = '{Status.WAITLISTED}')
"""
# A use of an invitation code is a registration with it that still stands.
STANDING = ", ".join(f"'{status}'" for status in ACTIVE_STATUSES)
CODE_HAS_A_USE_LEFT = f"""
    EXISTS (SELECT 1 FROM {INVITATION_CODES} AS code
            WHERE code.id = %(invitation_code_id)s AND code.ticket_type_id = t.id
              AND (SELECT COUNT(*) FROM {REGISTRATIONS} AS used
                   WHERE used.invitation_code_id = code.id
                     AND used.status IN ({STANDING})) < code.max_uses)
"""
# The newcomer's columns, in order; `status` and `created_at` are chosen by the statement.
GIVEN = (
    "user_id",
    "invitation_code_id",
    "name",
    "email",
    "organisation_name",
    "phone",
    "city_of_origin",
    "language",
    "answers",
    "secret",
    "access_token",
    "submission_token",
)
# Ids that may be NULL: PostgreSQL cannot tell the type of a bare NULL parameter.
INTEGER_IDS = ("user_id", "invitation_code_id")


def given_value(name: str) -> str:
    placeholder = f"%({name})s"
    return f"CAST({placeholder} AS INTEGER)" if name in INTEGER_IDS else placeholder


# The status is chosen in the inner SELECT, so that the outer one can give a seat held for an
# e-mail confirmation its deadline; the event's requirement travels with the row
# (`link_by_email_only`), so that RETURNING can tell the caller.
TAKE_SEAT_OR_QUEUE = f"""
INSERT INTO {REGISTRATIONS} (ticket_type_id, {", ".join(GIVEN)}, status, offer_expires_at,
                             link_by_email_only, link_mailed_at, created_at)
SELECT c.id, {", ".join(given_value(name) for name in GIVEN)},
       c.status, CASE WHEN c.status = '{Status.AWAITING}' THEN %(hold_until)s END,
       c.by_email, %(now)s, %(now)s
FROM (
  SELECT t.id, e.requires_email_confirmation AS by_email,
         CASE WHEN {SOMEONE_WAITS} OR ({SEATS_HELD}) >= t.capacity THEN '{Status.WAITLISTED}'
              WHEN e.requires_email_confirmation THEN '{Status.AWAITING}'
              ELSE '{Status.CONFIRMED}' END AS status
  FROM {TICKET_TYPES} AS t
  JOIN {EVENTS} AS e ON e.page_ptr_id = t.event_id
  JOIN {PAGES} AS p ON p.id = e.page_ptr_id
  WHERE t.id = %(ticket_type_id)s
    AND (%(event_id)s IS NULL OR t.event_id = %(event_id)s)
    AND NOT t.is_withdrawn AND t.sale_starts_at <= %(now)s AND %(now)s < t.sale_ends_at
    AND p.live AND e.registration_open
    AND (NOT t.by_invitation OR {CODE_HAS_A_USE_LEFT})
) AS c
RETURNING id, status, link_by_email_only
"""
# The newcomer's e-mail, queued in the same transaction: its template is named as the status
# the newcomer got (services.template_for: "confirmed", "awaiting" or "waitlisted").
NEWCOMER = f"FROM {REGISTRATIONS} AS r WHERE r.submission_token = %(submission_token)s"
NEWCOMER_EMAIL_ARGS = "r.id, r.status"

# After the insert, still under the lock: is a seat free? (Then the newcomer, queued behind
# others, is not the one to get it: the first in the queue is offered it.)
SEAT_FREE = (
    f"SELECT ({SEATS_HELD}) < t.capacity FROM {TICKET_TYPES} AS t WHERE t.id = %(ticket_type_id)s"
)


@dataclass(frozen=True)
class Taken:
    status: str
    seat_free_for_the_queue: bool
    email_queued: bool  # the newcomer's e-mail was queued in the same transaction


def take_seat_or_queue(
    registration: Registration, ticket_type_id: int, event_id: int | None, now: datetime
) -> Taken | None:
    """Insert `registration` (its given fields filled) as confirmed, awaiting e-mail
    confirmation (its seat held until `now` + settings.EVENTS_CONFIRMATION_HOLD_MINUTES) or
    waitlisted, in a transaction of its own, and set its `pk`, `status`, `offer_expires_at`,
    `link_by_email_only` and `created_at`. None if the ticket type does not take registrations
    now (nothing inserted). A second active registration of the same e-mail address for the
    ticket type raises IntegrityError (the constraint `registration_once_per_email`)."""
    hold_until = now + timedelta(minutes=settings.EVENTS_CONFIRMATION_HOLD_MINUTES)
    params = {name: db_value(name, getattr(registration, name)) for name in GIVEN}
    params |= {
        "ticket_type_id": ticket_type_id,
        "event_id": event_id,
        "now": db_value("created_at", now),
        "hold_until": db_value("offer_expires_at", hold_until),
    }
    lock = (
        locking.lock_statements(locking.TICKET_TYPE, ticket_type_id)
        if locking.locks_taken()
        else []
    )
    email_queued = task_rows.queues_in_database(tasks.send_registration_email)
    email = [newcomer_email(params)] if email_queued else []
    rows = run_in_one_transaction(
        [*lock, (TAKE_SEAT_OR_QUEUE, params), (SEAT_FREE, params), *email]
    )
    inserted, seat_free = rows[len(lock) : len(lock) + 2]
    if not inserted:
        return None
    ((registration.pk, registration.status, by_email),) = inserted
    registration.link_by_email_only = bool(by_email)
    registration.offer_expires_at = hold_until if registration.status == Status.AWAITING else None
    registration.ticket_type_id = ticket_type_id
    registration.created_at = registration.link_mailed_at = now
    registration._state.adding = False
    return Taken(registration.status, bool(seat_free[0][0]), email_queued)


def newcomer_email(params: dict) -> tuple[str, dict]:
    sql, task_params = task_rows.insert_task_row(
        tasks.send_registration_email, NEWCOMER_EMAIL_ARGS, NEWCOMER
    )
    return sql, {**params, **task_params}


def db_value(field_name: str, value):
    return Registration._meta.get_field(field_name).get_db_prep_save(value, connection)


def run_in_one_transaction(statements: list[tuple[str, object]]) -> list[list[tuple]]:
    """Run the statements in order in one transaction; the rows each returned. Database errors
    come out as Django's (IntegrityError for a second insert of the same submission token).

    On PostgreSQL, BEGIN, the statements and COMMIT go to the server in one pipeline: one round
    trip, and the lock the first statement takes is released by the COMMIT without waiting for
    this process. Inside a caller's transaction (the tests' own), or on SQLite, they run in an
    atomic block instead.
    """
    with locking.busy_when_lock_wait_ends(), connection.wrap_database_errors:
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            with transaction.atomic(durable=True):
                return [fetch_all(connection.cursor(), sql, params) for sql, params in statements]
        pause = race_test_pause()
        return pipelined([("BEGIN", None), *statements, *pause, ("COMMIT", None)])[
            1 : -1 - len(pause)
        ]


def pipelined(statements: list[tuple[str, object]]) -> list[list[tuple]]:
    """Send the statements in one pipeline (the connection in autocommit mode). After an error
    the server skips the rest, COMMIT included, and leaves the transaction open and failed:
    it is rolled back here before the error goes on."""
    connection.ensure_connection()
    raw = connection.connection
    try:
        with raw.pipeline():
            cursors = [raw.cursor() for _ in statements]
            for cursor, (sql, params) in zip(cursors, statements, strict=True):
                cursor.execute(sql, params)
    except Exception:
        raw.execute("ROLLBACK")
        raise
    return [cursor.fetchall() if cursor.description else [] for cursor in cursors]


def race_test_pause() -> list[tuple[str, None]]:
    """The race tests' pause (`locking.race_test_delay`) as a statement of the transaction."""
    delay = locking.race_test_delay()
    return [(f"SELECT pg_sleep({delay:.3f})", None)] if delay else []


def fetch_all(cursor, sql: str, params) -> list[tuple]:
    with cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []
