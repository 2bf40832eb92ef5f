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


@pytest.mark.django_db  # so that the test database is set up even when this test runs alone
def test_concurrent_counts_are_all_kept():
    # The visitors count in threads, each on a connection of its own that commits; the test's
    # own transaction (READ COMMITTED) sees what they committed. No flush afterwards (it would
    # empty the demo site for later tests): the rows they made are deleted the way they were
    # made, on a connection of their own.
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent writers")
    campaign = Campaign.objects.get(title_en="A Tale of Two Cities")
    day = date(2031, 1, 1)  # a day no other test counts on
    rows = CampaignDailyCount.objects.filter(campaign=campaign, side="chengdu", day=day)
    try:
        errors = run_visitors(campaign.pk, day)
        assert not errors
        assert rows.get().views == THREADS * COUNTS_EACH
    finally:
        in_a_connection_of_its_own(rows.delete)


def in_a_connection_of_its_own(work) -> None:
    run_in_threads([work])


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

    run_in_threads([visitor] * THREADS)
    return errors


def run_in_threads(works) -> None:
    """Each work in a thread of its own, so on a database connection of its own, which the
    thread closes when done; returns when all are done."""

    def on_own_connection(work):
        try:
            work()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=on_own_connection, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
