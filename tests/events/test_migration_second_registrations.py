"""Registrations made twice under one address, while that was allowed, are brought down to one
before the database takes the rule (events migration 0003): the checked-in one is kept, else a
confirmed one, else the earliest; the others are cancelled, their seats freed."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from twincity.events.models import CheckIn, Registration

from . import factories

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module(
    "twincity.events.migrations.0003_one_registration_per_email_and_confirmation"
)


@pytest.fixture
def without_the_rule():
    """The database as it was before the migration (the test's transaction restores it)."""
    if connection.vendor != "postgresql":
        pytest.skip("dropping an index inside the test's transaction needs PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX registration_once_per_email")


def twice(ticket_type, email):
    first = factories.register(ticket_type, email=email)
    second = factories.register(ticket_type, email="other-" + email)
    Registration.objects.filter(pk=second.pk).update(email=email.upper())
    return first, second


def test_the_checked_in_or_earliest_registration_is_kept(without_the_rule):
    ticket_type = factories.event(capacity=10).ticket_types.get()
    early, late_checked_in = twice(ticket_type, "twice@example.org")
    CheckIn.objects.create(registration=late_checked_in, gate="North gate")
    kept, dropped = twice(ticket_type, "again@example.org")
    alone = factories.register(ticket_type, email="alone@example.org")

    MIGRATION.cancel_second_registrations(apps, None)

    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses[late_checked_in.pk] == "confirmed" and statuses[early.pk] == "cancelled"
    assert statuses[kept.pk] == "confirmed" and statuses[dropped.pk] == "cancelled"
    assert statuses[alone.pk] == "confirmed"
