"""Lists of events show each event's price and seats left, as pretix and Eventbrite listings do:
"Free" or "from ¥80", "12 seats left" or "Sold out — waiting list", computed from the ticket
types of the event's source page with one query for the whole list."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from twincity.events.models import EventPage, TicketType
from twincity.events.selectors import Availability, with_availability

from . import factories

pytestmark = pytest.mark.django_db
CHINA = ZoneInfo("Asia/Shanghai")
TEST_MONTH = "2032-04"  # no demo event and no other test's event falls in it


def in_test_month(day: int, capacity: int = 10, **fields) -> EventPage:
    starts = datetime(2032, 4, day, 9, tzinfo=CHINA)
    return factories.event(
        capacity=capacity, starts_at=starts, ends_at=starts + timedelta(hours=8), **fields
    )


def availability(page: EventPage) -> Availability:
    return with_availability([EventPage.objects.get(pk=page.pk)])[0].availability


def texts(page: EventPage, language: str = "en") -> tuple[str, str]:
    with translation.override(language):
        shown = availability(page)
        return shown.price, shown.seats


# --- What is said ----------------------------------------------------------------------------------


def test_a_free_event_with_seats_left_says_so_in_both_languages():
    page = in_test_month(1, capacity=12)
    factories.register(page.ticket_types.get())

    assert texts(page) == ("Free", "11 seats left")
    assert texts(page, "zh-hans") == ("免费", "剩余 11 个名额")


def test_one_seat_left_is_singular():
    page = in_test_month(1, capacity=1)

    assert texts(page)[1] == "1 seat left"


def test_several_prices_show_the_lowest_and_seats_add_up():
    page = in_test_month(2, capacity=5)
    TicketType.objects.filter(event=page).update(price=Decimal("120"))
    factories.ticket_type(page, capacity=3, name_en="Student", price=Decimal("80"))

    assert texts(page) == ("from ¥80", "8 seats left")
    assert texts(page, "zh-hans") == ("¥80 起", "剩余 8 个名额")


def test_one_price_is_shown_as_it_is_with_its_fen():
    page = in_test_month(2)
    TicketType.objects.filter(event=page).update(price=Decimal("80.50"))

    assert texts(page)[0] == "¥80.50"


def test_free_and_paid_tickets_show_the_range():
    page = in_test_month(2)
    factories.ticket_type(page, name_en="Gala dinner", price=Decimal("280"))

    assert texts(page)[0] == "Free to ¥280"
    assert texts(page, "zh-hans")[0] == "免费至 ¥280"


def test_a_full_event_points_to_the_waiting_list():
    page = in_test_month(3, capacity=1)
    ticket_type = page.ticket_types.get()
    factories.register(ticket_type)
    factories.register(ticket_type)  # on the waiting list

    assert texts(page)[1] == "Sold out — waiting list"
    assert texts(page, "zh-hans")[1] == "名额已满，可加入候补名单"


def test_seats_being_offered_to_the_waiting_list_are_not_left_for_newcomers():
    page = in_test_month(3, capacity=2)
    ticket_type = page.ticket_types.get()
    first, _second, _waiting = (factories.register(ticket_type) for _ in range(3))
    from twincity.events import services

    services.cancel(first.access_token)  # its seat is offered to the one waiting

    assert texts(page)[1] == "Sold out — waiting list"


def test_ticket_types_by_invitation_count_for_neither_price_nor_seats():
    page = in_test_month(4, capacity=5)
    factories.speaker_tickets(page, capacity=20, price=Decimal("0"))
    TicketType.objects.filter(event=page, by_invitation=False).update(price=Decimal("60"))

    assert texts(page) == ("¥60", "5 seats left")


def test_an_event_only_by_invitation_says_so_and_shows_no_seats():
    page = in_test_month(4)
    TicketType.objects.filter(event=page).update(by_invitation=True)

    assert texts(page) == ("By invitation", "")
    assert texts(page, "zh-hans") == ("凭邀请报名", "")


@pytest.mark.parametrize(
    "spoil",
    [
        lambda page: EventPage.objects.filter(pk=page.pk).update(registration_open=False),
        lambda page: TicketType.objects.filter(event=page).update(is_withdrawn=True),
        lambda page: TicketType.objects.filter(event=page).update(
            sale_ends_at=timezone.now() - timedelta(hours=1),
            sale_starts_at=timezone.now() - timedelta(days=2),
        ),
        lambda page: EventPage.objects.filter(pk=page.pk).update(
            starts_at=timezone.now() - timedelta(days=2),
            ends_at=timezone.now() - timedelta(days=1),
        ),
    ],
    ids=["not taking registrations", "withdrawn", "sale over", "event over"],
)
def test_nothing_is_said_where_nobody_can_register(spoil):
    page = in_test_month(5)
    spoil(page)

    assert texts(page) == ("", "")


def test_a_translation_shows_the_seats_of_the_source_page():
    page = in_test_month(6, capacity=4)
    factories.register(page.ticket_types.get())
    chinese = factories.chinese_event(page)

    with translation.override("zh-hans"):
        assert with_availability([chinese])[0].availability.seats == "剩余 3 个名额"


# --- One query for the whole list ------------------------------------------------------------------


def test_the_availability_of_a_list_takes_one_query_however_long():
    pages = [in_test_month(day, capacity=day) for day in range(7, 17)]
    for page in pages[:4]:
        factories.ticket_type(page, name_en="Student", price=Decimal("30"))
        factories.register(page.ticket_types.first())

    def queries_for(listed: list) -> int:
        fresh = list(EventPage.objects.filter(pk__in=[page.pk for page in listed]))
        with CaptureQueriesContext(connection) as captured:
            with_availability(fresh)
            [(event.availability.price, event.availability.seats) for event in fresh]
        return len(captured)

    assert queries_for(pages[:1]) == queries_for(pages) == 1


# --- On the pages -------------------------------------------------------------------------------------


def test_the_listing_shows_price_and_seats_in_both_languages(client):
    page = in_test_month(20, capacity=30)
    TicketType.objects.filter(event=page).update(price=Decimal("80"))
    factories.ticket_type(page, capacity=20, name_en="Premium", price=Decimal("200"))
    factories.chinese_event(page, title="测试价格博览会")

    english = client.get("/en/events/", {"month": TEST_MONTH}).content.decode()
    chinese = client.get("/zh-hans/events/", {"month": TEST_MONTH}).content.decode()

    assert '<span class="event-price">from ¥80</span>' in english
    assert '<span class="event-seats">50 seats left</span>' in english
    assert '<span class="event-price">¥80 起</span>' in chinese
    assert '<span class="event-seats">剩余 50 个名额</span>' in chinese


def test_the_event_page_shows_price_and_seats_by_the_register_button(client):
    page = in_test_month(21, capacity=2)
    factories.register(page.ticket_types.get())

    html = client.get(page.url).content.decode()

    registration = html[html.index('id="registration-heading"') :]
    assert registration.index("1 seat left") < registration.index(">Register</a>")
