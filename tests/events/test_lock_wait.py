"""A change that cannot get its lock in time (settings.EVENTS_LOCK_WAIT_MS) is told to try
again and changes nothing: the pretix pattern, so a stuck rush shows a message instead of
hanging until the server gives up. PostgreSQL only (SQLite takes no such lock); the same for
the pipelined registration of a live site is in test_race.py."""

import contextlib

import psycopg
import pytest
from django.db import connection

from tests.events import factories
from twincity.events import booths, locking
from twincity.events.errors import BoothError, LockBusy, RegistrationError
from twincity.events.models import BoothApplication

from . import race

pytestmark = [pytest.mark.django_db, race.postgresql_only]
BUSY = "Many people are doing this at the same moment, so nothing was saved. Please try again."


@pytest.fixture(autouse=True)
def short_wait(settings):
    settings.EVENTS_LOCK_WAIT_MS = 200
    with connection.cursor() as cursor:  # should the wait not end, fail instead of hanging
        cursor.execute("SET LOCAL statement_timeout = 10000")


@contextlib.contextmanager
def lock_held_elsewhere(namespace: int, object_id: int):
    """Another session holds the lock, as a request stuck inside it would."""
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s, %s)", [namespace, object_id])
        yield


def test_a_registration_that_waits_too_long_is_told_to_try_again_and_saves_nothing():
    ticket_type = factories.event(capacity=5).ticket_types.get()
    with (
        lock_held_elsewhere(locking.TICKET_TYPE, ticket_type.pk),
        pytest.raises(RegistrationError) as refusal,
    ):
        factories.register(ticket_type)
    assert isinstance(refusal.value, LockBusy) and refusal.value.message == BUSY
    assert ticket_type.registrations.count() == 0
    assert factories.register(ticket_type).status == "confirmed"  # once the lock is free


def test_a_booth_decision_that_waits_too_long_is_told_to_try_again_and_changes_nothing():
    expo = factories.event()
    factories.booth_spaces(expo, count=1)
    staff = factories.organiser_staff(expo)
    application = factories.booth_application(expo)
    with (
        lock_held_elsewhere(locking.HALL, expo.pk),
        pytest.raises(BoothError, match="Many people"),
    ):
        booths.approve_and_assign_next_free(application.pk, staff)
    application.refresh_from_db()
    assert application.status == BoothApplication.Status.PENDING and application.booth is None
