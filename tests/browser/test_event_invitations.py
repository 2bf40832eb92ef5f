"""Events as pretix and Eventbrite users expect them, in a real browser, in both languages and at
a phone's size: the listing shows price and seats; the event page's "add to calendar" downloads
a .ics that parses; a speaker registers with an invitation code (a wrong one is explained at its
field and what was typed stays); the organisers find the registration in the admin, filtered by
event."""

import json
import re
import uuid
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect

from tests.browser.test_organiser_assignment import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
BROWSER_LOCALES = {"en": "en-US", "zh-hans": "zh-CN"}
MONTH = "2033-05"  # the walk's events only
PASSWORD = "walk-invite-5521"
# What each language's pages say (the Chinese is the site's own translation).
SAYS = {
    "en": {
        "price": "from ¥80",
        "seats": "30 seats left",
        "calendar": "Add to calendar (.ics file)",
        "register": "Register",
        "speaker": "Speaker (by invitation)",
        "wrong_code": "This invitation code is not valid for this ticket type.",
        "confirmed": "Confirmed",
    },
    "zh-hans": {
        "price": "¥80 起",
        "seats": "剩余 30 个名额",
        "calendar": "添加到日历（ICS 文件）",
        "register": "报名",
        "speaker": "演讲嘉宾（凭邀请码）",
        "wrong_code": "这个邀请码不适用于该票种。",
        "confirmed": "已确认",
    },
}

# A conference with two paid visitor tickets and speaker tickets by invitation, in both
# languages; a code for one speaker; a superuser for the admin.
SET_UP = """
import json
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo
from django.contrib.auth.models import User
from tests.events import factories
from twincity.events.models import TicketType

suffix = "{suffix}"
starts = datetime(2033, 5, 12, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
page = factories.event(
    capacity=10, title=f"Invitation walk forum {{suffix}}", starts_at=starts,
    ends_at=starts + timedelta(hours=7),
)
TicketType.objects.filter(event=page).update(price=Decimal("80"))
factories.ticket_type(page, capacity=20, name_en="Gala", name_zh="晚宴", price=Decimal("200"))
speakers = factories.speaker_tickets(page, capacity=5)
factories.invitation_code(speakers, "SPKR-{suffix}")
chinese = factories.chinese_event(page, title=f"邀请码演示论坛 {{suffix}}")
User.objects.create_superuser(f"admin-{{suffix}}", f"admin-{{suffix}}@example.org", "{password}")
print(json.dumps({{"event": page.pk, "en": page.title, "zh-hans": chinese.title,
                   "en_url": page.url, "zh-hans_url": chinese.url}}))
"""


def set_up(site) -> tuple[str, dict]:
    suffix = uuid.uuid4().hex[:6].upper()
    output = site.manage("shell", stdin=SET_UP.format(suffix=suffix, password=PASSWORD))
    return suffix, json.loads(output.strip().splitlines()[-1])


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_speaker_finds_the_forum_adds_it_to_the_calendar_and_registers_with_a_code(
    open_tab, site, language
):
    suffix, forum = set_up(site)
    says = SAYS[language]
    tab = open_tab(locale=BROWSER_LOCALES[language], viewport=PHONE)

    # The listing: price and seats on the forum's card.
    tab.goto(f"/{language}/events/?month={MONTH}")
    card = tab.locator(".event-card").filter(has_text=forum[language])
    expect(card.locator(".event-price")).to_have_text(says["price"])
    expect(card.locator(".event-seats")).to_have_text(says["seats"])
    assert_accessible(tab)

    # The event page's own calendar file.
    card.get_by_role("link", name=forum[language]).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(forum[language])
    with tab.expect_download() as download:
        tab.get_by_role("link", name=says["calendar"]).click()
    content = Path(download.value.path()).read_bytes()
    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(event["summary"]) == forum[language]
    assert b"\r\n" in content and max(len(line) for line in content.split(b"\r\n")) <= 75

    # Registering as a speaker: the code is asked for once the speaker ticket is chosen.
    tab.get_by_role("link", name=says["register"], exact=True).click()
    code_field = tab.locator("#id_invitation_code")
    expect(code_field).to_be_hidden()
    tab.get_by_role("radio", name=re.compile(re.escape(says["speaker"]))).check()
    expect(code_field).to_be_visible()
    tab.locator("#id_name").fill("Guo Jing")
    tab.locator("#id_email").fill(f"guo-{suffix.lower()}@example.org")
    tab.locator("input[name=city_of_origin][value=chengdu]").check()
    tab.locator("#id_consent").check()
    code_field.fill(f"SPKR-{suffix}-X")
    tab.locator("form.form button[type=submit]").click()

    expect(tab.locator("#id_invitation_code_error")).to_have_text(
        re.compile(re.escape(says["wrong_code"]))
    )
    expect(code_field).to_be_visible()
    expect(code_field).to_have_value(f"SPKR-{suffix}-X")
    expect(tab.locator("#id_name")).to_have_value("Guo Jing")
    expect(tab.locator("#id_email")).to_have_value(f"guo-{suffix.lower()}@example.org")
    assert_fits_the_phone(tab)
    assert_accessible(tab)

    code_field.fill(f"spkr-{suffix.lower()}")  # typed in lower case this time
    tab.locator("#id_consent").check()
    tab.locator("form.form button[type=submit]").click()
    expect(tab).to_have_url(re.compile(rf"/{language}/events/tickets/[\w-]+/$"))
    expect(tab.locator("#ticket-status")).to_have_text(says["confirmed"])
    expect(tab.locator(".ticket__secret")).to_have_text(
        re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")
    )

    # The organisers' view: the admin's registrations, filtered by the forum.
    admin = open_tab(locale="en-US", viewport={"width": 1400, "height": 1000})
    sign_in_to_admin(admin, f"admin-{suffix}")
    admin.goto("/admin/events/registrations/")
    expect(admin).to_have_title(re.compile(r"^Registrations - "))
    admin.get_by_role("button", name="Show filters").click()
    admin.get_by_role("button", name="Event", exact=True).click()
    admin.get_by_label("Event", exact=True).select_option(label=forum["en"])
    expect(admin).to_have_url(re.compile(rf"event={forum['event']}"))
    rows = admin.locator("table.listing tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Guo Jing")
    expect(rows.first).to_contain_text("Speaker")


def assert_fits_the_phone(tab) -> None:
    """Nothing of the form sticks out sideways on a phone."""
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"


def sign_in_to_admin(tab, username: str) -> None:
    tab.goto("/admin/")
    tab.get_by_role("textbox", name="Username").fill(username)
    tab.get_by_role("textbox", name="Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
