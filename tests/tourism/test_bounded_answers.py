"""Expensive answers are computed once per normalised request: a trip plan and its PDF, and a
guidebook's PDF, whatever else the address carries. The proof is the limit on fresh answers:
with room for only two, thirty requests with stray parameters are all answered."""

import pytest
from django.test import override_settings

from .test_trip_planner import planner_url, trip_query

pytestmark = pytest.mark.django_db

TWO_FRESH_ANSWERS = {
    "planner": "2/h",
    "pdf": "2/h",
    **{name: "100/h" for name in ("registration-address", "registration-email", "sign-up")},
    **{name: "100/h" for name in ("beacon", "search")},
}


@override_settings(TWINCITY_RATE_LIMITS=TWO_FRESH_ANSWERS)
def test_a_plan_with_stray_parameters_is_planned_once(client):
    for number in range(30):
        response = client.get(planner_url(query=trip_query(**{f"stray{number}": "x"})))
        assert response.status_code == 200 and response.context["days"]


@override_settings(TWINCITY_RATE_LIMITS=TWO_FRESH_ANSWERS)
def test_new_plans_past_the_limit_are_refused_with_retry_after(client):
    for pace in ("relaxed", "normal"):
        assert client.get(planner_url(query=trip_query(pace=pace))).status_code == 200
    refused = client.get(planner_url(query=trip_query(pace="packed")))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert "Too many attempts" in refused.content.decode()
    chinese = client.get(planner_url("zh-hans", query=trip_query(pace="packed")))
    assert chinese.status_code == 429 and "尝试次数过多" in chinese.content.decode()


@override_settings(TWINCITY_RATE_LIMITS=TWO_FRESH_ANSWERS)
def test_a_trip_pdf_is_rendered_once_per_plan(client):
    for number in range(30):
        response = client.get(planner_url(query=trip_query(utm=str(number)), path="plan.pdf"))
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")


@override_settings(TWINCITY_RATE_LIMITS=TWO_FRESH_ANSWERS)
def test_a_guidebook_pdf_is_rendered_once_per_day(client):
    for number in range(30):
        response = client.get(f"/en/travel/guide-chongqing/?format=pdf&n={number}")
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
