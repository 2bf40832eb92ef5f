"""/metrics for Prometheus (core.health, core.metrics): allowed addresses only; requests by view,
the task queue, registrations and check-ins."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from twincity.core import metrics
from twincity.core.health import address_allowed

pytestmark = pytest.mark.django_db


def scrape(address: str = "127.0.0.1", **headers) -> str:
    response = Client(REMOTE_ADDR=address).get("/metrics", **headers)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def figure(text: str, name: str, labels: str = "") -> float:
    """The value of `name` with exactly `labels` ('{a="x",b="y"}', in any order)."""
    wanted = set(labels.strip("{}").split(",")) - {""}
    for line in text.splitlines():
        match = re.fullmatch(rf"{re.escape(name)}(?:{{(.*)}})? (\S+)", line)
        if match and set((match.group(1) or "").split(",")) - {""} == wanted:
            return float(match.group(2))
    raise AssertionError(f"{name}{labels} not in the scrape")


def figure_or_zero(text: str, name: str, labels: str = "") -> float:
    try:
        return figure(text, name, labels)
    except AssertionError:
        return 0.0


def test_other_addresses_get_404():
    assert Client(REMOTE_ADDR="203.0.113.5").get("/metrics").status_code == 404


def test_behind_the_proxy_the_visitors_address_counts(settings):
    settings.TWINCITY_TRUSTED_PROXY_HOPS = 1
    client = Client(REMOTE_ADDR="127.0.0.1")  # nginx, on the same machine
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 404
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="127.0.0.1").status_code == 200


@pytest.mark.parametrize(
    ("address", "allowed"),
    [("10.1.2.3", True), ("192.168.0.1", False), ("::1", True), ("not-an-address", False)],
)
def test_allowed_addresses_and_networks(address, allowed):
    assert address_allowed(address, ["10.0.0.0/8", "::1"]) is allowed


def test_requests_are_counted_by_view():
    name = "django_http_requests_total_by_view_transport_method_total"
    labels = '{method="GET",transport="http",view="portal:search"}'
    before = figure_or_zero(scrape(), name, labels)
    Client().get("/en/search/?q=expo")
    assert figure(scrape(), name, labels) == before + 1


def test_the_task_queue_depth_and_age():
    queued = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="twincity.core.mail.send_templated_email",
        backend_name="default",
        run_after=timezone.now() - timedelta(minutes=1),
        queue_name="default",
    )
    DBTaskResult.objects.filter(pk=queued.pk).update(
        enqueued_at=timezone.now() - timedelta(seconds=90)
    )
    text = scrape()
    assert figure(text, "twincity_task_queue_depth") == DBTaskResult.objects.ready().count() >= 1
    assert 89 <= figure(text, "twincity_task_queue_oldest_age_seconds") < 300


def test_registrations_and_check_ins_are_counted_when_they_commit(
    django_capture_on_commit_callbacks,
):
    before = metrics.REGISTRATIONS.labels(status="confirmed")._value.get()
    check_ins = metrics.CHECK_INS._value.get()
    with django_capture_on_commit_callbacks(execute=True):
        metrics.count_registration("confirmed")
        metrics.count_check_in()
    text = scrape()
    assert figure(text, "twincity_registrations_total", '{status="confirmed"}') == before + 1
    assert figure(text, "twincity_check_ins_total") == check_ins + 1


def test_a_rolled_back_registration_is_not_counted(django_capture_on_commit_callbacks):
    before = metrics.REGISTRATIONS.labels(status="confirmed")._value.get()
    with django_capture_on_commit_callbacks(execute=False):
        metrics.count_registration("confirmed")
    assert metrics.REGISTRATIONS.labels(status="confirmed")._value.get() == before


def test_multiprocess_mode_adds_up_every_process(tmp_path, monkeypatch):
    """Two gunicorn workers' counters, written to PROMETHEUS_MULTIPROC_DIR, in one scrape."""
    import subprocess
    import sys

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    count = (
        "from prometheus_client import Counter; "
        "Counter('twincity_probe', 'x', ['worker']).labels(worker='any').inc()"
    )
    for _ in range(2):
        subprocess.run(
            [sys.executable, "-c", count],
            check=True,
            env={"PROMETHEUS_MULTIPROC_DIR": str(tmp_path)},
        )
    assert figure(scrape(), "twincity_probe_total", '{worker="any"}') == 2.0
