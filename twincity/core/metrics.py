"""Figures for Prometheus at /metrics (answered by core.operations, from METRICS_ALLOWED_IPS
only).

django-prometheus (its middleware and database wrappers, settings.py) counts requests and
their latency by view, and queries and their time by database; the shared cache's time is
measured by core.resilient_cache; here are the site's own: the task queue's depth and the age
of its oldest ready task (read from django_tasks_db's table at each scrape), and registrations
and check-ins (counted when they commit: the events app calls `count_registration` and
`count_check_in`).

Several gunicorn workers: with PROMETHEUS_MULTIPROC_DIR set, every process writes its
counters to files there and a scrape adds them up (prometheus_client's multiprocess mode;
gunicorn.conf.py tells it when a worker dies), so one scrape sees the whole server.
"""

import os

import prometheus_client
from django.db import transaction
from django.db.models import Count, Min
from django.http import HttpResponse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client import CollectorRegistry, Counter
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

REGISTRATIONS = Counter(
    "twincity_registrations", "Event registrations taken, by their status.", ["status"]
)
CHECK_INS = Counter("twincity_check_ins", "Tickets checked in at a gate.")


def count_registration(status: str) -> None:
    transaction.on_commit(lambda: REGISTRATIONS.labels(status=status).inc())


def count_check_in() -> None:
    transaction.on_commit(CHECK_INS.inc)


class TaskQueueCollector:
    """The task queue as it stands at the scrape: the same figure whichever process asks."""

    def collect(self):
        now = timezone.now()
        # One query for both figures.
        figures = DBTaskResult.objects.ready().aggregate(
            depth=Count("pk"), oldest=Min("enqueued_at")
        )
        depth = GaugeMetricFamily("twincity_task_queue_depth", "Tasks ready to run.")
        depth.add_metric([], figures["depth"])
        age = GaugeMetricFamily(
            "twincity_task_queue_oldest_age_seconds",
            "How long the oldest ready task has waited (0 with none waiting).",
        )
        oldest = figures["oldest"]
        age.add_metric([], (now - oldest).total_seconds() if oldest else 0.0)
        yield depth
        yield age


def multiprocess_mode() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def exposition() -> bytes:
    """Every figure, in Prometheus' text format."""
    queue = CollectorRegistry()
    queue.register(TaskQueueCollector())
    if multiprocess_mode():
        processes = CollectorRegistry()
        MultiProcessCollector(processes)
        counted = prometheus_client.generate_latest(processes)
    else:
        counted = prometheus_client.generate_latest(prometheus_client.REGISTRY)
    return counted + prometheus_client.generate_latest(queue)


def metrics_view(request) -> HttpResponse:
    response = HttpResponse(exposition(), content_type=prometheus_client.CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
