"""The background worker: runs queued tasks and publishes scheduled pages on time.

Wagtail publishes a page whose "go live" time has come only when `publish_scheduled` runs,
so the worker runs it every SCHEDULED_PUBLISHING_INTERVAL seconds between draining the task
queue (django-tasks' database backend); at the same pace it runs the apps' periodic jobs
(core.hooks.PERIODIC_JOBS: the events app passes on the seats offered from waiting lists that
were not taken up in time). Several workers may run at once: the task
queue claims each task for one worker, and publishing a page twice or expiring an offer twice
is a no-op, and so must be a periodic job run twice.
"""

import logging
import signal
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from wagtail import hooks

from twincity.core.hooks import PERIODIC_JOBS
from twincity.core.task_recovery import batch_worker

logger = logging.getLogger("twincity.worker")


class Command(BaseCommand):
    help = "Run queued tasks and publish scheduled pages, until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Do one round of work, then exit.")
        parser.add_argument(
            "--poll",
            type=float,
            default=1.0,
            help="Seconds to wait between looks at the task queue (default 1).",
        )

    def handle(self, *, once: bool, poll: float, **options):
        self.running = True
        if not once:
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)
            self.stdout.write(
                f"Worker started: tasks every {poll:g} s, scheduled publishing every "
                f"{settings.SCHEDULED_PUBLISHING_INTERVAL:g} s."
            )
        last_publish = float("-inf")
        while self.running:
            close_old_connections()
            if time.monotonic() - last_publish >= settings.SCHEDULED_PUBLISHING_INTERVAL or once:
                self.publish_scheduled_pages()
                self.run_periodic_jobs()
                last_publish = time.monotonic()
            self.run_queued_tasks()
            if once:
                return
            time.sleep(poll)

    def stop(self, signum, frame) -> None:
        self.stdout.write("Worker stopping after the current round.")
        self.running = False

    def publish_scheduled_pages(self) -> None:
        try:
            call_command("publish_scheduled", verbosity=0)
        except Exception:  # a bad page must not stop tasks from running; the log says which
            logger.exception("Scheduled publishing failed")

    def run_periodic_jobs(self) -> None:
        for job in hooks.get_hooks(PERIODIC_JOBS):
            try:
                job()
            except Exception:  # as above: one job failing must not stop the others
                logger.exception("Periodic job %s.%s failed", job.__module__, job.__name__)

    def run_queued_tasks(self) -> None:
        batch_worker().run()
