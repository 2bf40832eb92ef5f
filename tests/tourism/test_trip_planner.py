"""The trip planner's pages: the form (days, interests, must-see places), a plan from it with
the form folded under it, pin and drop, refusals and explanations, .ics and PDF.

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
from django.utils import timezone, translation
from pypdf import PdfReader

from tests.tourism.ics import InvalidCalendar, strictly_parsed
from twincity.tourism import planner
from twincity.tourism.trips import INTERESTS, place_pages, unfitted_notes
from twincity.tourism.vocabulary import TAGS

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
        "interest": ["night", "food", "culture"],
        "weight_night": "3",
        "weight_food": "2",
        "weight_culture": "2",
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


def test_the_calendar_is_valid_for_a_strict_reader(client):
    response = client.get(planner_url("zh-hans", trip_query(), "plan.ics"))
    calendar = strictly_parsed(response.content)
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Shanghai"
    # Beijing time: one STANDARD rule at UTC+8, no daylight saving time.
    assert [rule.name for rule in zone.subcomponents] == ["STANDARD"]
    (rule,) = zone.subcomponents
    assert rule.decoded("TZOFFSETFROM") == rule.decoded("TZOFFSETTO") == timedelta(hours=8)
    assert b"DTSTART;TZID=Asia/Shanghai:" in response.content
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert all("：" in summary and ": " not in summary for summary in summaries)


def test_the_strict_reader_refuses_what_calendars_misread():
    good = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:a@t\r\nDTSTAMP:20261205T010000Z\r\nDTSTART:20261205T010000Z\r\nSUMMARY:{}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    strictly_parsed(good.format("Hotpot").encode())
    with pytest.raises(InvalidCalendar, match="octets"):
        strictly_parsed(good.format("火锅" * 30).encode())
    with pytest.raises(InvalidCalendar, match="CRLF"):
        strictly_parsed(good.format("Hotpot").replace("\r\n", "\n").encode())
    with pytest.raises(InvalidCalendar, match="DTSTAMP"):
        strictly_parsed(good.format("Hotpot").replace("DTSTAMP:20261205T010000Z\r\n", "").encode())
    with pytest.raises(InvalidCalendar, match="VTIMEZONE"):
        strictly_parsed(
            good.format("Hotpot")
            .replace("DTSTART:20261205T010000Z", "DTSTART;TZID=Asia/Shanghai:20261205T090000")
            .encode()
        )


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


# --- The form as a person uses it ---------------------------------------------------------------


def tag_of(html: str, name: str, value: str = "") -> str:
    """The opening tag of the form control named `name` (with `value`, for check boxes)."""
    value_part = f'[^>]*value="{re.escape(value)}"' if value else ""
    found = re.search(rf'<(?:input|select)[^>]*name="{re.escape(name)}"{value_part}[^>]*>', html)
    assert found, f"no control {name} {value}"
    return found.group(0)


def day_rows(html: str) -> dict[int, bool]:
    """Day number -> shown, for every day row of the form."""
    rows = re.findall(r'<div class="trip-day-start" data-day="(\d)"( hidden)?>', html)
    return {int(day): not hidden for day, hidden in rows}


def test_the_form_shows_the_day_rows_of_the_default_number_of_days(client):
    html = client.get(planner_url()).content.decode()
    assert day_rows(html) == {1: True, 2: True, 3: False, 4: False, 5: False}
    assert 'name="step" value="days"' in html  # without JavaScript: show the days chosen


def test_showing_the_days_chosen_keeps_everything_typed_and_plans_nothing(client):
    query = trip_query(days="4", step="days", must_see="hongyadong", start_date="2020-01-01")
    response = client.get(planner_url(query=query))
    html = response.content.decode()
    assert "days" not in response.context and not response.context["form"].errors
    assert day_rows(html) == {1: True, 2: True, 3: True, 4: True, 5: False}
    assert 'value="2020-01-01"' in tag_of(html, "start_date")  # kept, judged on planning
    assert "checked" in tag_of(html, "interest", "night")
    assert "checked" in tag_of(html, "must_see", "hongyadong")
    assert re.search(r'<option value="3" selected>', html.split('name="weight_night"')[1])


def test_a_request_for_more_days_shows_their_rows_with_the_error(client):
    html = client.get(planner_url(query=trip_query(days="3"))).content.decode()
    assert day_rows(html)[3]
    assert "Choose where this day starts." in html


def test_interests_are_a_short_list_with_weights(client):
    html = client.get(planner_url()).content.decode()
    assert len(re.findall(r'<input type="checkbox" name="interest"', html)) == len(INTERESTS) == 8
    assert len(re.findall(r'<select name="weight_', html)) == len(INTERESTS)
    assert "like_" not in html


def test_every_tag_of_the_vocabulary_belongs_to_exactly_one_interest():
    covered = [tag for interest in INTERESTS for tag in interest.tags]
    assert sorted(covered) == sorted(TAGS)


def test_the_weights_reach_the_planner_and_very_much_makes_a_favourite(client):
    query = trip_query(interest=["pandas", "food"], weight_pandas="3", weight_food="1")
    trip = client.get(planner_url(query=query)).context["trip"]
    assert trip.interests["pandas"] == 3
    assert trip.interests["hotpot"] == trip.interests["snacks"] == 1
    assert "night-view" not in trip.interests  # the weight of an interest not ticked
    assert trip.favourites == {"pandas": ("pandas",)}


def test_must_see_places_are_grouped_by_city_in_the_page_language(client):
    html = client.get(planner_url("zh-hans")).content.decode()
    must_see = html[html.index("data-must-see") :]
    chengdu, chongqing = (
        must_see.index("<legend>成都</legend>"),
        must_see.index("<legend>重庆</legend>"),
    )
    assert chengdu < must_see.index("宽窄巷子") < chongqing < must_see.index("洪崖洞")
    assert 'id="trip-place-search"' in must_see  # the search box, shown by the script
    assert "成都东站" not in must_see  # a station is where a day starts, not a sight


def test_the_plan_comes_first_and_the_form_is_folded_under_it(client):
    html = client.get(planner_url(query=trip_query())).content.decode()
    plan, panel = html.index('id="plan-heading"'), html.index('<details class="trip-change">')
    assert plan < panel < html.index('<form class="form trip-form"')
    assert html.count('<form class="form trip-form"') == 1
    assert "Plan my trip" not in html and "Plan again" in html
    summary = html[panel : html.index("</summary>", panel)]
    assert "Change this plan" in summary and "2 days from" in summary
    assert "Night views and nightlife: very much" in summary


def test_the_date_input_holds_an_iso_date_on_the_chinese_page(client):
    empty = client.get(planner_url("zh-hans")).content.decode()
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert f'value="{tomorrow.isoformat()}"' in tag_of(empty, "start_date")
    query = trip_query()
    planned = client.get(planner_url("zh-hans", query))
    assert "days" in planned.context  # the ISO date the input sends is read in Chinese too
    html = planned.content.decode()
    assert f'value="{query["start_date"]}"' in tag_of(html, "start_date")
    assert "年" in html[html.index('id="plan-heading"') :]  # the page's own date format


def test_a_place_that_cannot_fit_is_explained_with_its_hours(client):
    query = trip_query(pace="relaxed", must_see="sichuan-opera-shufeng")
    english = client.get(planner_url(query=query)).content.decode()
    assert (
        "it is open from 20:00 to 21:30 and a visit takes 90 minutes, but at this pace the days "
        "run from 09:30 to 21:00"
    ) in english
    chinese = client.get(planner_url("zh-hans", query)).content.decode()
    assert "蜀风雅韵：" in chinese and "20:00" in chinese and "90分钟" in chinese


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_favourite_that_could_not_fit_is_explained_in_each_language(locales, language):
    trip = planner.TripRequest(
        start_date=timezone.localdate(), days=1, day_starts=[CHENGDU_STATION], pace="relaxed"
    )
    left_out = planner.Unfitted("kuanzhai-alleys", "no_room", favourite="culture")
    itinerary = planner.Itinerary(days=(), score=0, unfitted=(left_out,))
    with translation.override(language):
        (note,) = unfitted_notes(itinerary, place_pages(), trip)
    expected = {
        "en": [
            "You like “Museums, art, opera and tea houses” very much",
            "Kuanzhai Alleys",
            "it closes at 24:00 and a visit takes 90 minutes",
        ],
        "zh-hans": ["您非常喜欢", "宽窄巷子", "24:00", "90分钟"],
    }[language]
    assert all(part in note.text for part in expected), note.text
    assert note.can_pin and note.slug == "kuanzhai-alleys"


def test_rows_past_the_days_and_weights_of_interests_not_ticked_are_ignored(client):
    # An old link: a fourth day's hotel since closed, a weight left from an interest untaken.
    query = trip_query(start_4="a-hotel-since-closed", weight_pandas="9")
    response = client.get(planner_url(query=query))
    assert not response.context["form"].errors
    assert len(response.context["days"]) == 2
    ticked = client.get(planner_url(query=trip_query(weight_night="9")))
    assert "days" not in ticked.context
    assert "Select a valid choice." in ticked.content.decode()
