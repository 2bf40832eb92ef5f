"""A worker killed while it sends mail: every e-mail goes, none twice (core.mail,
core.task_recovery). The worker's death is SIGKILL's effect on the task row: claimed, never
finished; here the run stops by an exception nothing in the worker catches."""

import subprocess

import pytest
from django.core import mail as outbox
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from twincity.core import task_recovery
from twincity.core.mail import mail_domain, send_templated_email
from twincity.core.models import SentMail

pytestmark = pytest.mark.django_db
TEMPLATE = "talent/email/account_exists.txt"


class Killed(BaseException):
    """SIGKILL: the process stops where it is; nothing records the task's end."""


@pytest.fixture
def database_queue(settings):
    """The queue production has (the other tests run tasks at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def dead_worker_id() -> str:
    """The id a worker on this machine had, whose process has ended."""
    process = subprocess.Popen(["true"])
    process.wait()
    return f"{task_recovery.HOST}:{process.pid}:deadbeef"


def run_claimed_by(worker_id: str) -> DBTaskResult:
    """Claims the next task as `worker_id` and runs it, as the worker does."""
    row = DBTaskResult.objects.ready().get_locked()
    row.claim(worker_id)
    task_recovery.batch_worker().run_task(row)
    return row


def die(*args, **kwargs):
    raise Killed


def killed_after(monkeypatch, target, name: str) -> None:
    """The process dies right after `target.name` returns: the worker records nothing more
    (not even the failure it would record for an exception)."""
    original = getattr(target, name)

    def then_die(*args, **kwargs):
        original(*args, **kwargs)
        raise Killed

    monkeypatch.setattr(target, name, then_die)
    monkeypatch.setattr(DBTaskResult, "set_failed", die)


def queue_one_mail() -> str:
    context = {
        "reason": "sign_up",
        "full_name": "Wang Fang",
        "sign_in_url": "x",
        "new_password_url": "y",
    }
    result = send_templated_email.enqueue(TEMPLATE, "wang@example.org", "en", context)
    return str(result.id)


def run_again_after_recovery() -> DBTaskResult:
    assert task_recovery.requeue_orphaned_tasks() == 1
    row = run_claimed_by(task_recovery.worker_id())
    row.refresh_from_db()
    return row


def message_ids() -> list[str]:
    return [message.extra_headers["Message-ID"] for message in outbox.outbox]


def test_killed_after_sending_the_mail_is_not_sent_again(
    database_queue, dead_worker_id, monkeypatch
):
    task_id = queue_one_mail()
    killed_after(monkeypatch, SentMail.objects, "create")  # sent and recorded, task not finished
    with pytest.raises(Killed):
        run_claimed_by(dead_worker_id)
    monkeypatch.undo()
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING  # the orphan
    assert run_again_after_recovery().status == TaskResultStatus.SUCCESSFUL
    assert message_ids() == [f"<{task_id}.1@{mail_domain()}>"]


def test_killed_before_sending_the_mail_goes_on_the_next_run(
    database_queue, dead_worker_id, monkeypatch
):
    queue_one_mail()
    killed_after(monkeypatch, outbox.EmailMessage, "message")  # the mail is being written
    with pytest.raises(Killed):
        run_claimed_by(dead_worker_id)
    monkeypatch.undo()
    assert outbox.outbox == []
    assert run_again_after_recovery().status == TaskResultStatus.SUCCESSFUL
    assert len(outbox.outbox) == 1


def test_killed_between_send_and_record_resends_with_the_same_message_id(
    database_queue, dead_worker_id, monkeypatch
):
    """The one window left: the receiver sees the same Message-ID twice and drops one."""
    queue_one_mail()
    killed_after(monkeypatch, outbox.EmailMessage, "send")
    with pytest.raises(Killed):
        run_claimed_by(dead_worker_id)
    monkeypatch.undo()
    assert run_again_after_recovery().status == TaskResultStatus.SUCCESSFUL
    first, second = message_ids()
    assert first == second


def test_a_task_of_a_live_worker_is_left_alone(database_queue):
    queue_one_mail()
    row = DBTaskResult.objects.ready().get_locked()
    row.claim(task_recovery.worker_id())  # this very process: alive
    assert task_recovery.requeue_orphaned_tasks() == 0


def test_a_task_running_too_long_on_another_machine_is_run_again(database_queue, settings):
    from datetime import timedelta

    from django.utils import timezone

    queue_one_mail()
    row = DBTaskResult.objects.ready().get_locked()
    row.claim("other-host:4242:abcdefgh")
    assert task_recovery.requeue_orphaned_tasks() == 0  # maybe still running there
    later = timezone.now() + timedelta(minutes=settings.TWINCITY_TASK_STALE_MINUTES + 1)
    assert task_recovery.requeue_orphaned_tasks(now=later) == 1
    assert DBTaskResult.objects.ready().count() == 1


def test_mail_outside_a_task_gets_a_message_id_of_its_own():
    from twincity.core.mail import send_templated

    send_templated(TEMPLATE, "wang@example.org", "en", {"reason": "sign_up"})
    send_templated(TEMPLATE, "wang@example.org", "en", {"reason": "sign_up"})
    first, second = message_ids()
    assert first != second
    assert SentMail.objects.count() == 0
