"""The event page offers its own .ics file ("add to calendar"), from this site only; the file is
valid iCalendar (RFC 5545): CRLF line endings, long lines folded at 75 octets, times in UTC (no
TZID without its VTIMEZONE), and it parses back to the event."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from wagtail.models import Locale

from tests.talent.factories import english_url

from . import factories

pytestmark = pytest.mark.django_db
CHINA = ZoneInfo("Asia/Shanghai")
LONG_TITLE_ZH = (
    "成渝地区双城经济圈文化旅游与美食产业协同发展国际博览会暨川渝两地职业教育校企合作洽谈会"
)
LONG_SUMMARY_ZH = "在成都世纪城新国际会展中心举办，" * 6


@pytest.fixture
def expo():
    starts = datetime(2031, 10, 17, 9, 30, tzinfo=CHINA)
    page = factories.event(
        title="Two-city culture and food expo",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        summary="Hotpot, tea and crafts of both cities. " * 4,
    )
    factories.chinese_event(page, title=LONG_TITLE_ZH)
    chinese = page.get_translation(Locale.objects.get(language_code="zh-hans"))
    chinese.summary = LONG_SUMMARY_ZH
    chinese.save_revision().publish()
    return page


def ics_link(html: str) -> str:
    (link,) = re.findall(r'<a class="add-to-calendar" href="([^"]+)"', html)
    return link


def assert_valid_ics(content: bytes) -> None:
    """The rules of RFC 5545 that calendar programs trip over, checked line by line."""
    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines), [line for line in lines if len(line) > 75]
    for line in lines:  # a fold never splits a UTF-8 character
        line.decode("utf-8")
    unfolded = content.decode().replace("\r\n ", "").replace("\r\n\t", "")
    assert unfolded.startswith("BEGIN:VCALENDAR\r\n") and unfolded.endswith("END:VCALENDAR\r\n")
    if "TZID=" in unfolded:
        assert "BEGIN:VTIMEZONE" in unfolded
    for stamp in re.findall(r"^(?:DTSTART|DTEND|DTSTAMP)(?:;[^:]*)?:(\S+)$", unfolded, re.M):
        assert stamp.endswith("Z") or "TZID=" in unfolded, stamp


@pytest.mark.parametrize(
    ("language", "label", "title"),
    [
        ("en", "Add to calendar (.ics file)", "Two-city culture and food expo"),
        ("zh-hans", "添加到日历（ICS 文件）", LONG_TITLE_ZH),
    ],
)
def test_the_event_page_offers_its_calendar_file_and_it_is_valid(
    client, expo, language, label, title
):
    page = (
        expo
        if language == "en"
        else expo.get_translation(Locale.objects.get(language_code=language))
    )
    html = client.get(page.url).content.decode()
    assert label in html
    link = ics_link(html)
    assert link == f"/{language}/events/{expo.pk}/calendar.ics"  # this site, no foreign host

    response = client.get(link)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert_valid_ics(response.content)
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == title
    assert event.decoded("dtstart") == datetime(2031, 10, 17, 1, 30, tzinfo=UTC)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=8)
    assert str(event["uid"]) == f"event-{expo.translation_key}@twincity"


def test_the_chinese_file_keeps_every_character_across_its_folds(client, expo):
    content = client.get(f"/zh-hans/events/{expo.pk}/calendar.ics").content

    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(event["description"]).startswith(LONG_SUMMARY_ZH)
    assert max(len(line) for line in content.split(b"\r\n")) <= 75


def test_the_calendar_link_goes_to_the_source_event_from_a_translation(client, expo):
    chinese = expo.get_translation(Locale.objects.get(language_code="zh-hans"))

    html = client.get(chinese.url).content.decode()

    assert ics_link(html) == english_url("events:event-ics", expo.pk).replace("/en/", "/zh-hans/")
