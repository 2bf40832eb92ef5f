"""One way of writing an event's dates per language, in Beijing time, on every page, ticket,
e-mail and staff page of the events: "Fri 15 Oct 2027, 09:30" and "2027年10月15日（星期五）09:30"."""

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from tests.talent.factories import english_url, sent_mail
from twincity.events.dates import beijing_time

from . import factories

CHINA = ZoneInfo("Asia/Shanghai")
MOMENT = datetime(2027, 10, 15, 1, 30, tzinfo=UTC)  # 09:30 in Beijing, a Friday


@pytest.mark.parametrize(
    ("language", "moment", "date_only", "written"),
    [
        ("en", MOMENT, False, "Fri 15 Oct 2027, 09:30"),
        ("zh-hans", MOMENT, False, "2027年10月15日（星期五）09:30"),
        ("en", MOMENT, True, "Fri 15 Oct 2027"),
        ("zh-hans", MOMENT, True, "2027年10月15日（星期五）"),
        ("en", date(2027, 5, 3), False, "Mon 3 May 2027"),
        ("zh-hans", date(2027, 5, 9), False, "2027年5月9日（星期日）"),
        # 23:30 UTC is the next day in Beijing.
        ("en", datetime(2027, 12, 31, 23, 30, tzinfo=UTC), False, "Sat 1 Jan 2028, 07:30"),
    ],
)
def test_each_language_has_its_one_format(language, moment, date_only, written):
    with translation.override(language):
        assert beijing_time(moment, date_only=date_only) == written


def test_no_moment_is_no_text():
    assert beijing_time(None) == ""


@pytest.fixture
def expo():
    """An event on a Friday, in both languages: {language: page}."""
    starts = datetime(2031, 10, 17, 9, 30, tzinfo=CHINA)
    page = factories.event(starts_at=starts, ends_at=starts + timedelta(hours=8))
    return {"en": page, "zh-hans": factories.chinese_event(page)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "written", "day"),
    [
        ("en", "Fri 17 Oct 2031, 09:30", "Fri 17 Oct 2031"),
        ("zh-hans", "2031年10月17日（星期五）09:30", "2031年10月17日（星期五）"),
    ],
)
def test_the_event_page_and_listing_write_the_same(client, expo, language, written, day):
    event_page = client.get(expo[language].url).content.decode()
    listing = client.get(f"/{language}/events/", {"month": "2031-10"}).content.decode()

    assert f'<time datetime="2031-10-17T09:30:00+08:00">{written}</time>' in event_page
    assert '<time datetime="2031-10-17T17:30:00+08:00">17:30</time>' in event_page
    assert f'<time datetime="2031-10-17">{day}</time>' in listing


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "written"),
    [("en", "Fri 17 Oct 2031, 09:30"), ("zh-hans", "2031年10月17日（星期五）09:30")],
)
def test_the_ticket_and_its_email_write_the_same(client, expo, language, written):
    registration = factories.register(expo["en"].ticket_types.get(), language=language)
    url = english_url("events:ticket", registration.access_token).replace("/en/", f"/{language}/")

    ticket = client.get(url).content.decode()
    (confirmation,) = sent_mail()

    assert written in ticket
    assert f"{written} – " in confirmation.body


@pytest.mark.django_db
def test_the_staff_page_writes_the_same(client, expo):
    client.force_login(factories.organiser_staff(expo["en"]))

    html = client.get(english_url("events:event-manage", expo["en"].pk)).content.decode()

    assert re.search(r"· Fri 17 Oct 2031, 09:30</p>", html)
