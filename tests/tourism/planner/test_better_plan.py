"""The "better plan" button of the trip planner's page: a link to the same request with a longer
(fixed, so still deterministic) search, and no button once it was pressed."""

import pytest

from tests.tourism.test_trip_planner import planner_url, trip_query

pytestmark = pytest.mark.django_db


def test_the_better_plan_button_asks_the_same_request_for_a_longer_search(client):
    first = client.get(planner_url(query=trip_query()))
    better_link = first.context["links"]["better"]
    assert "better=1" in better_link and "Find a better plan" in first.content.decode()
    assert first.context["trip"].better is False

    better = client.get(planner_url() + better_link)
    assert better.status_code == 200
    assert better.context["trip"].better is True
    assert better.context["links"]["better"] == ""  # pressed: no button, a note instead
    html = better.content.decode()
    assert "Find a better plan" not in html and "This plan comes from the longer search." in html
    assert better.context["trip"].days == first.context["trip"].days
    # the downloads carry the flag, so the calendar and the PDF show this same plan
    assert "better=1" in better.context["links"]["ics"]


def test_the_button_is_translated(client):
    chinese = client.get(planner_url("zh-hans", query=trip_query())).content.decode()
    assert "寻找更好的行程" in chinese
