"""Counters under concurrent requests: no increment is lost, even on a day's first count,
where several requests race to create the row (PostgreSQL; SQLite has a single writer)."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from twincity.tourism.models import Campaign, CampaignDailyCount
from twincity.tourism.services import count

THREADS = 12
COUNTS_EACH = 5


def test_concurrent_counts_are_all_kept(django_db_setup, django_db_blocker):
    # Outside a test transaction (the threads must see each other's commits) and without
    # pytest-django's flush afterwards, which would empty the demo site for later tests: the
    # test removes the rows it made itself.
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL: concurrent writers")
        campaign = Campaign.objects.get(title_en="A Tale of Two Cities")
        day = date(2031, 1, 1)  # a day no other test counts on
        rows = CampaignDailyCount.objects.filter(campaign=campaign, side="chengdu", day=day)
        rows.delete()
        try:
            errors = run_visitors(campaign.pk, day)
            assert not errors
            assert rows.get().views == THREADS * COUNTS_EACH
        finally:
            rows.delete()


def run_visitors(campaign_id: int, day: date) -> list[Exception]:
    start = threading.Barrier(THREADS)
    errors = []

    def visitor():
        try:
            start.wait()
            for _ in range(COUNTS_EACH):
                count(campaign_id, "chengdu", "views", day)
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visitor) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
