"""The trip planner's pages: a plan from the form, pin and drop, refusals, .ics and PDF.

Runs on the small places file of tests/tourism/fixtures (see conftest.py): a station, a
tea-house park, an alley, an opera house and a restaurant in Chengdu; a station, Hongyadong,
the cableway, Jiefangbei and a hotpot restaurant in Chongqing.
"""

import io
import re
from datetime import timedelta
from urllib.parse import urlencode

import icalendar
import pytest
from django.utils import timezone
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

CHENGDU_STATION = "chengdu-east-station"
CHONGQING_STATION = "chongqing-north-station"


def trip_query(**changes) -> dict:
    """Two days: the first from Chengdu East, the second from Chongqing North, where the trip
    ends; a Saturday and a Sunday, so that museums' Monday closing plays no part."""
    today = timezone.localdate()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
    query = {
        "start_date": saturday.isoformat(),
        "days": "2",
        "start_1": CHENGDU_STATION,
        "start_2": CHONGQING_STATION,
        "pace": "normal",
        "like_night-view": "3",
        "like_hotpot": "2",
        "like_tea-house": "2",
    }
    query.update(changes)
    return {key: value for key, value in query.items() if value is not None}


def planner_url(language: str = "en", query: dict | None = None, path: str = "") -> str:
    return f"/{language}/trip-planner/{path}" + (
        "?" + urlencode(query, doseq=True) if query else ""
    )


def stops_of(response) -> list:
    return [stop for day in response.context["days"] for stop in day.stops]


def test_the_empty_form_in_each_language(client):
    english = client.get(planner_url("en"))
    assert english.status_code == 200
    assert "Plan my trip" in english.content.decode()
    assert "days" not in english.context
    chinese = client.get(planner_url("zh-hans")).content.decode()
    assert "行程规划" in chinese


def test_a_two_day_trip_from_chengdu_to_chongqing(client):
    response = client.get(planner_url(query=trip_query()))
    assert response.status_code == 200
    days = response.context["days"]
    assert [day.number for day in days] == [1, 2]
    assert days[0].start.slug == CHENGDU_STATION and days[0].end.slug == CHONGQING_STATION
    rail = [stop for stop in days[0].stops if stop.role == "rail"]
    assert len(rail) == 1 and rail[0].arrival_page.city == "chongqing"
    visited = [stop.slug for stop in stops_of(response) if stop.role != "rail"]
    assert len(visited) == len(set(visited)) > 0
    assert "hongyadong" in visited  # the night view the tourist likes most
    html = response.content.decode()
    assert "High-speed train" in html and "Download the plan (PDF)" in html


def test_dropping_a_place_plans_again_without_it(client):
    first = client.get(planner_url(query=trip_query()))
    stop = next(stop for stop in stops_of(first) if stop.slug == "hongyadong")
    again = client.get(planner_url() + stop.links["drop"])
    assert "hongyadong" not in [stop.slug for stop in stops_of(again)]
    ((dropped, undo),) = again.context["dropped"]
    assert dropped.slug == "hongyadong"
    back = client.get(planner_url() + undo)
    assert "hongyadong" in [stop.slug for stop in stops_of(back)]


def test_a_pinned_place_stays_and_is_marked(client):
    first = client.get(planner_url(query=trip_query()))
    stop = next(stop for stop in stops_of(first) if stop.role == "visit")
    pinned = client.get(planner_url() + stop.links["pin"])
    again = next(s for s in stops_of(pinned) if s.slug == stop.slug)
    assert again.links["pinned"]
    assert "pinned" in pinned.content.decode()


def test_a_place_page_link_opens_the_form_with_the_place_ticked(client):
    response = client.get(planner_url(query={"must_see": "hongyadong"}))
    assert not response.context["form"].errors
    assert response.context["form"]["must_see"].value() == ["hongyadong"]
    ticked = re.search(r'<input[^>]*value="hongyadong"[^>]*>', response.content.decode())
    assert "checked" in ticked.group(0)


def test_a_must_see_place_is_planned(client):
    response = client.get(planner_url(query=trip_query(must_see="yangtze-cableway")))
    assert "yangtze-cableway" in [stop.slug for stop in stops_of(response)]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_date": "2020-01-01"}, "The trip cannot start in the past."),
        ({"start_date": "tomorrow"}, "Enter a valid date."),
        ({"days": "3"}, "Choose where this day starts."),
        ({"days": "9"}, "Select a valid choice."),
        ({"start_1": "nowhere"}, "Select a valid choice."),
        (
            {"must_see": "hongyadong", "pin": "kuanzhai-alleys", "drop": "kuanzhai-alleys"},
            "A place cannot be pinned and dropped at once.",
        ),
        ({"start_1": "hongyadong"}, "Select a valid choice."),  # not a hotel or station
    ],
)
def test_a_bad_request_is_explained_and_plans_nothing(client, changes, message):
    response = client.get(planner_url(query=trip_query(**changes)))
    assert response.status_code == 200
    assert "days" not in response.context
    assert message in response.content.decode()


def test_a_bad_request_is_explained_in_chinese(client):
    response = client.get(planner_url("zh-hans", trip_query(start_date="2020-01-01")))
    assert "行程不能从过去的日期开始" in response.content.decode()


def test_the_calendar_has_one_event_per_stop_in_beijing_time(client):
    query = trip_query()
    page = client.get(planner_url(query=query))
    response = client.get(planner_url(query=query, path="plan.ics"))
    assert response["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    stops = stops_of(page)
    assert len(events) == len(stops)
    first = events[0].decoded("dtstart")
    assert first == stops[0].starts
    assert first.utcoffset() == timedelta(hours=8)


def test_the_pdf_holds_the_plan_in_chinese(client):
    response = client.get(planner_url("zh-hans", trip_query(), "plan.pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "洪崖洞" in text and "高铁" in text


def test_an_export_of_a_bad_request_goes_back_to_the_form(client):
    query = trip_query(start_date="2020-01-01")
    response = client.get(planner_url(query=query, path="plan.pdf"))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/trip-planner/?")


def test_the_travel_pages_lead_to_the_planner(client, place):
    hongyadong = client.get(place("hongyadong").url).content.decode()
    assert "/en/trip-planner/?must_see=hongyadong" in hongyadong
    station = client.get(place(CHONGQING_STATION).url).content.decode()
    assert "must_see=" not in station  # a station is where a day starts, not a sight
    index = client.get(place("hongyadong").get_parent().url).content.decode()
    assert 'href="/en/trip-planner/"' in index
