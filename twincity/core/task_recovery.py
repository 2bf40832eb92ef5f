"""Tasks left RUNNING by a worker that died (SIGKILL, a lost machine) are run again.

django_tasks_db claims a task by marking it RUNNING with the worker's id, and only a worker
that finishes it marks it done: a worker killed half-way leaves the row RUNNING for ever and
never picks it up again. The worker (portal's) names itself `worker_id()` — this host, its
process id, a random part — and runs `requeue_orphaned_tasks` among its periodic jobs, at
start and every SCHEDULED_PUBLISHING_INTERVAL: a RUNNING task goes back to READY when the
worker that claimed it was on this host and its process is gone, or, whatever the host, when
it has been running longer than TWINCITY_TASK_STALE_MINUTES (no task of the site runs for
minutes; a worker on another machine cannot be asked whether it lives).

Run again, a task must not repeat what it did: e-mails are sent at most once per Message-ID
(core.mail), the other tasks are idempotent (a ticket re-rendered, a webhook with its own log).
"""

import os
import socket
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

HOST = socket.gethostname()[:40]


def worker_id() -> str:
    """host:pid:random, at most 64 characters (django_tasks_db's limit)."""
    return f"{HOST}:{os.getpid()}:{get_random_string(8)}"


def batch_worker() -> Worker:
    """A worker that runs every ready task of every queue, then returns; named `worker_id()`,
    so that a task it leaves running when killed is found and run again."""
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id(),
        excluded_queue_names=[],
    )


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another account's
        return True
    return True


def claimed_by_dead_local_worker(worker_ids: list[str]) -> bool:
    host, _, rest = (worker_ids[-1] if worker_ids else "").partition(":")
    pid = rest.partition(":")[0]
    return host == HOST and pid.isdigit() and not process_alive(int(pid))


def requeue_orphaned_tasks(now=None) -> int:
    """Puts tasks whose worker died back in the queue; returns how many."""
    now = now or timezone.now()
    stale_before = now - timedelta(minutes=settings.TWINCITY_TASK_STALE_MINUTES)
    running = DBTaskResult.objects.running()
    orphans = [
        task.pk
        for task in running.only("pk", "worker_ids", "started_at")
        if claimed_by_dead_local_worker(task.worker_ids)
        or (task.started_at is not None and task.started_at < stale_before)
    ]
    if not orphans:
        return 0
    # Only rows still RUNNING: a task its worker finished meanwhile stays finished.
    still_running = Q(pk__in=orphans, status=TaskResultStatus.RUNNING)
    return DBTaskResult.objects.filter(still_running).update(
        status=TaskResultStatus.READY, started_at=None
    )
