"""Rows that name people are pruned by the worker once past their retention: finished task rows
after TWINCITY_TASK_RETENTION_DAYS, sessions once expired."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from twincity.core.retention import prune_old_rows
from twincity.portal.management.commands.worker import Command as Worker

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def task_row(status: str, age: timedelta, *, finished: bool = True) -> DBTaskResult:
    """A task row for an e-mail to a person, enqueued (and finished) `age` ago."""
    when = timezone.now() - age
    row = DBTaskResult.objects.create(
        args_kwargs={"args": ["application_status", "li.lei@example.org", "en", {}], "kwargs": {}},
        task_path="twincity.core.mail.send_templated_email",
        backend_name="default",
        run_after=when,
        status=status,
        finished_at=when if finished else None,
    )
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=when)
    return row


def session(expired_ago: timedelta) -> Session:
    return Session.objects.create(
        session_key=f"s{expired_ago.days}x{expired_ago.seconds}".ljust(32, "0"),
        session_data="e30",
        expire_date=timezone.now() - expired_ago,
    )


def remaining(*rows) -> set:
    return {row.pk for row in rows if type(row).objects.filter(pk=row.pk).exists()}


def test_the_worker_prunes_finished_task_rows_past_retention_and_expired_sessions(settings):
    settings.TWINCITY_TASK_RETENTION_DAYS = 30
    old_done = task_row(TaskResultStatus.SUCCESSFUL, 31 * DAY)
    old_failed = task_row(TaskResultStatus.FAILED, 45 * DAY)
    recent_done = task_row(TaskResultStatus.SUCCESSFUL, 29 * DAY)
    old_waiting = task_row(TaskResultStatus.READY, 60 * DAY, finished=False)
    expired = session(DAY)
    live = session(-DAY)

    Worker().run_periodic_jobs()

    assert remaining(old_done, old_failed, recent_done, old_waiting) == {
        recent_done.pk,
        old_waiting.pk,
    }
    assert remaining(expired, live) == {live.pk}


def test_the_retention_is_a_setting(settings):
    settings.TWINCITY_TASK_RETENTION_DAYS = 7
    week_old = task_row(TaskResultStatus.SUCCESSFUL, 8 * DAY)
    day_old = task_row(TaskResultStatus.SUCCESSFUL, DAY)
    pruned = prune_old_rows()
    assert pruned.task_rows == 1
    assert remaining(week_old, day_old) == {day_old.pk}


def test_pruning_twice_is_harmless():
    task_row(TaskResultStatus.SUCCESSFUL, 400 * DAY)
    assert prune_old_rows().task_rows == 1
    assert prune_old_rows().task_rows == 0


def sign_in_log(age: timedelta):
    from axes.models import AccessLog

    row = AccessLog.objects.create(
        username="li.lei@example.org", ip_address="203.0.113.9", user_agent="test", path_info="/"
    )
    AccessLog.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - age)
    return row


def test_sign_in_logs_past_retention_are_pruned(settings):
    settings.TWINCITY_TASK_RETENTION_DAYS = 30
    old, recent = sign_in_log(31 * DAY), sign_in_log(DAY)
    assert prune_old_rows().sign_in_logs == 1
    assert remaining(old, recent) == {recent.pk}
