"""How long rows that name people are kept: finished task rows (their arguments carry e-mail
addresses and names) and the records of sign-ins (django-axes' logs: account and address) go
after TWINCITY_TASK_RETENTION_DAYS, and sessions once they expire (they name the account; an
expired one opens nothing). The worker
runs `prune_old_rows` as a periodic job (core/wagtail_hooks.py); running it twice is harmless."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import SentMail
from .personal_data import sign_in_records

FINISHED = [TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]


@dataclass(frozen=True)
class Pruned:
    task_rows: int
    sessions: int
    sign_in_logs: int
    sent_mails: int = 0


def retention_cutoff(now: datetime) -> datetime:
    return now - timedelta(days=settings.TWINCITY_TASK_RETENTION_DAYS)


def prune_old_rows(now: datetime | None = None) -> Pruned:
    """Delete task rows that finished before the retention cutoff, and expired sessions. A task
    still waiting or running is kept whatever its age: it has work to do."""
    now = now or timezone.now()
    cutoff = retention_cutoff(now)
    tasks = DBTaskResult.objects.filter(status__in=FINISHED, finished_at__lt=cutoff)
    sessions = Session.objects.filter(expire_date__lt=now)
    return Pruned(
        task_rows=tasks.delete()[0],
        sessions=sessions.delete()[0],
        sign_in_logs=prune_sign_in_logs(cutoff),
        # Needed only while a task may run again: its task row goes after the same time.
        sent_mails=SentMail.objects.filter(sent_at__lt=cutoff).delete()[0],
    )


def prune_sign_in_logs(cutoff: datetime) -> int:
    """The logs of sign-ins and of failed ones; the lockout counters (AccessAttempt) are
    django-axes' own to expire, after AXES_COOLOFF_TIME."""
    logs = [model for model in sign_in_records() if model.__name__ != "AccessAttempt"]
    return sum(model.objects.filter(attempt_time__lt=cutoff).delete()[0] for model in logs)
