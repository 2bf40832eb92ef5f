"""Visitors register for events in a real browser: the ticket with its QR code, the e-mail with
the .ics, cancelling; a full event's waiting list, and the seat offered to the next in line."""

import email.message
import re
import uuid

import icalendar
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SET_UP = """
import json
from tests.events import factories
page = factories.event(capacity={seats}, title="{title}")
print(json.dumps({{"url": page.url}}))
"""
TICKET_LINK = re.compile(r"https?://\S+/events/tickets/[\w-]+/")


def event_with_seats(site, seats: int) -> tuple[str, str]:
    """A published event open for registration; its title and address."""
    title = f"Hotpot culture forum {uuid.uuid4().hex[:6]}"
    output = site.manage("shell", stdin=SET_UP.format(seats=seats, title=title))
    return title, re.search(r'"url": "([^"]+)"', output).group(1)


def register(tab, event_url: str, name: str, address: str) -> None:
    tab.goto(event_url)
    tab.get_by_role("link", name="Register", exact=True).click()
    tab.get_by_label("Your name").fill(name)
    tab.get_by_label("E-mail address", exact=True).fill(address)
    tab.get_by_role("group", name="Coming from").get_by_label("Chongqing").check()
    tab.get_by_label("I agree that the organisers keep my name").check()
    tab.get_by_role("button", name="Register", exact=True).click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Your ticket")


def mail_to(site, address: str) -> list[email.message.Message]:
    site.manage("worker", "--once")  # the e-mails leave through the task queue
    return [message for message in site.outbox() if message["To"] == address]


def text_and_calendar(message: email.message.Message) -> tuple[str, bytes | None]:
    text, ics = "", None
    for part in message.walk():
        if part.get_content_type() == "text/plain" and not part.get_filename():
            text = part.get_payload(decode=True).decode()
        if part.get_content_type() == "text/calendar":
            ics = part.get_payload(decode=True)
    return text, ics


def cancel_on_ticket_page(tab, button: str) -> None:
    tab.get_by_role("link", name=button).click()
    tab.get_by_role("button", name="Yes, cancel it").click()
    expect(tab.locator("#ticket-status")).to_have_text("Cancelled")
    expect(tab.get_by_role("status").first).to_contain_text("Your registration is cancelled.")


def test_a_visitor_registers_gets_the_ticket_by_email_and_cancels(site, page):
    title, url = event_with_seats(site, 5)
    address = f"visitor-{uuid.uuid4().hex[:8]}@example.org"
    register(page, url, "Chen Jing", address)
    expect(page.locator("#ticket-status")).to_have_text("Confirmed")
    expect(page.locator(".ticket__qr svg")).to_be_visible()

    (confirmation,) = mail_to(site, address)
    assert confirmation["Subject"] == f"Your registration for {title} is confirmed"
    text, ics = text_and_calendar(confirmation)
    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["summary"]) == title
    ticket_link = TICKET_LINK.search(text).group(0)
    assert ticket_link == page.url

    page.goto(ticket_link)
    secret = page.locator(".ticket__secret").inner_text()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", secret)
    cancel_on_ticket_page(page, "Cancel my registration")
    expect(page.locator(".ticket__qr")).to_have_count(0)
    subjects = [message["Subject"] for message in mail_to(site, address)]
    assert f"Your registration for {title} is cancelled" in subjects


def test_a_full_event_puts_the_next_visitor_on_the_waiting_list_and_offers_the_freed_seat(
    site, open_tab
):
    title, url = event_with_seats(site, 1)
    first, second = open_tab(locale="en-US"), open_tab(locale="en-US")
    first_address = f"first-{uuid.uuid4().hex[:8]}@example.org"
    second_address = f"second-{uuid.uuid4().hex[:8]}@example.org"

    register(first, url, "Huang Lei", first_address)
    expect(first.locator("#ticket-status")).to_have_text("Confirmed")
    second.goto(url)
    second.get_by_role("link", name="Register", exact=True).click()
    expect(second.get_by_role("group", name="Ticket type")).to_contain_text("waiting list")
    register(second, url, "Zhou Min", second_address)
    expect(second.locator("#ticket-status")).to_have_text("On the waiting list")
    expect(second.get_by_text("number 1 in line")).to_be_visible()
    (waiting,) = mail_to(site, second_address)
    assert waiting["Subject"] == f"You are on the waiting list for {title}"

    cancel_on_ticket_page(first, "Cancel my registration")
    offers = [m for m in mail_to(site, second_address) if "offered" in m["Subject"]]
    assert [offer["Subject"] for offer in offers] == [f"A seat at {title} is offered to you"]
    text, ics = text_and_calendar(offers[0])
    assert ics is None and "Accept it before" in text

    second.goto(TICKET_LINK.search(text).group(0))
    expect(second.locator("#ticket-status")).to_have_text("Seat offered")
    second.get_by_role("button", name="Accept the seat").click()
    expect(second.locator("#ticket-status")).to_have_text("Confirmed")
    expect(second.locator(".ticket__qr svg")).to_be_visible()
    confirmations = [m for m in mail_to(site, second_address) if "confirmed" in m["Subject"]]
    assert len(confirmations) == 1 and text_and_calendar(confirmations[0])[1]
