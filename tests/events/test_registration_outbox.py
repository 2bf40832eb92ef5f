"""With the database task queue (production's), the newcomer's e-mail is queued by a statement of
the registration's own transaction (core.task_rows): the row must be the one django_tasks_db's
own enqueue writes, the worker must send it, and a registration that does not commit queues
nothing. (The other tests run tasks at once, which takes the usual after-commit path.)"""

import uuid

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from tests.talent.factories import sent_mail
from twincity.core import task_rows
from twincity.events import services, tasks
from twincity.events.errors import RegistrationError
from twincity.events.models import Registration
from twincity.portal.management.commands.worker import Command as WorkerCommand

from . import factories

pytestmark = pytest.mark.django_db
Status = Registration.Status
DB_WORKER = "django_tasks_db.management.commands.db_worker"
# Every column but the two that differ from one queuing to the next.
COMPARED_COLUMNS = [
    field.attname
    for field in DBTaskResult._meta.local_concrete_fields
    if field.name not in ("id", "enqueued_at")
]


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued_emails() -> list[list]:
    rows = DBTaskResult.objects.filter(task_path=tasks.send_registration_email.module_path)
    return [row.args_kwargs["args"] for row in rows.order_by("enqueued_at")]


def run_worker(monkeypatch) -> None:
    # The worker recycles its database connections between tasks; inside the test's
    # transaction that would close the connection the test runs on.
    monkeypatch.setattr(f"{DB_WORKER}.close_old_connections", lambda: None)
    WorkerCommand().run_queued_tasks()


def test_the_row_is_the_one_the_backends_own_enqueue_writes():
    by_backend = tasks.send_registration_email.enqueue(7, "confirmed").db_result
    sql, params = task_rows.insert_task_row(tasks.send_registration_email, "7, 'confirmed'", "")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    ours = DBTaskResult.objects.exclude(pk=by_backend.pk).get()
    by_backend.refresh_from_db()
    for column in COMPARED_COLUMNS:
        assert getattr(ours, column) == getattr(by_backend, column), column
    assert ours.args_kwargs == {"args": [7, "confirmed"], "kwargs": {}}
    assert ours.pk != by_backend.pk and ours.enqueued_at >= by_backend.enqueued_at


def test_the_newcomers_email_is_queued_with_the_registration_and_the_worker_sends_it(monkeypatch):
    ticket_type = factories.event(capacity=1).ticket_types.get()
    confirmed = factories.register(ticket_type)
    waitlisted = factories.register(ticket_type)
    assert queued_emails() == [[confirmed.pk, "confirmed"], [waitlisted.pk, "waitlisted"]]
    assert sent_mail() == []  # not before the worker runs

    run_worker(monkeypatch)

    first, second = sent_mail()
    assert first.to == [confirmed.email] and "confirmed" in first.subject
    assert [name for name, _content, _type in first.attachments] == [
        f"{ticket_type.event.slug}.ics"
    ]
    assert second.to == [waitlisted.email] and "waiting list" in second.subject.lower()


def test_the_templates_are_named_as_the_statuses_the_statement_passes():
    for status in (Status.CONFIRMED, Status.WAITLISTED):
        assert services.template_for(status) == status


def test_a_refused_registration_queues_nothing():
    ticket_type = factories.event(capacity=1).ticket_types.get()
    ticket_type.is_withdrawn = True
    ticket_type.save()
    with pytest.raises(RegistrationError):
        factories.register(ticket_type)
    assert queued_emails() == [] and ticket_type.registrations.count() == 0


def test_a_double_submit_queues_one_email():
    ticket_type = factories.event(capacity=5).ticket_types.get()
    token = uuid.uuid4()
    first = factories.register(ticket_type, submission_token=token)
    again = factories.register(ticket_type, submission_token=token)
    assert again.pk == first.pk
    assert queued_emails() == [[first.pk, "confirmed"]]
