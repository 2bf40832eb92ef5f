"""Data for events tests, made as editors and visitors would make it.

E1, E2 and E3 add helpers here: keep each one small and built on the ones above it.
"""

import itertools
import uuid
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from twincity.core.demo import translate_page
from twincity.events import services
from twincity.events.models import EventIndexPage, EventPage, Question, Registration, TicketType
from twincity.portal.models import HomePage

_numbers = itertools.count(1)


def english_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="en")


def event_index() -> EventIndexPage:
    """The events index under the English home page, translated into Chinese (made once)."""
    index = EventIndexPage.objects.filter(locale__language_code="en").first()
    if index is None:
        index = english_home().add_child(instance=EventIndexPage(title="Events", slug="events"))
        index.save_revision().publish()
    chinese = Locale.objects.get(language_code="zh-hans")
    if index.get_translation_or_none(chinese) is None:
        translate_page(index, chinese, {"title": "活动"})
    return index


def event(capacity: int = 10, **fields) -> EventPage:
    """A published English event, open for registration, with one visitor ticket type of
    `capacity` seats on sale now; it starts in a month."""
    number = next(_numbers)
    starts = timezone.now().replace(microsecond=0) + timedelta(days=30)
    defaults = {
        "title": f"Test expo {number}",
        # Unique across processes too: the race tests make events in several shells.
        "slug": f"test-expo-{number}-{uuid.uuid4().hex[:8]}",
        "kind": "expo",
        "city": "chengdu",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=8),
        "venue_name": "Century City Exhibition Centre",
        "venue_address": "Tianfu Avenue, Chengdu",
        "summary": "An expo for tests.",
        "registration_open": True,
    }
    page = event_index().add_child(instance=EventPage(**{**defaults, **fields}))
    page.save_revision().publish()
    ticket_type(page, capacity=capacity)
    return EventPage.objects.get(pk=page.pk)


def chinese_event(page: EventPage, title: str = "测试博览会") -> EventPage:
    """The published Chinese translation of `page`."""
    return translate_page(page, Locale.objects.get(language_code="zh-hans"), {"title": title})


def ticket_type(page: EventPage, capacity: int = 10, **fields) -> TicketType:
    now = timezone.now()
    defaults = {
        "name_en": "Visitor",
        "name_zh": "观众",
        "capacity": capacity,
        "sale_starts_at": now - timedelta(days=1),
        "sale_ends_at": now + timedelta(days=20),
    }
    return TicketType.objects.create(event=page, **{**defaults, **fields})


def question(page: EventPage, **fields) -> Question:
    defaults = {"text_en": "Your company?", "text_zh": "您的公司？", "kind": Question.Kind.TEXT}
    return Question.objects.create(event=page, **{**defaults, **fields})


def register(ticket_type_: TicketType, **fields) -> Registration:
    """One person registers for the ticket type through the service, as the form does."""
    number = next(_numbers)
    defaults = {
        "name": f"Visitor {number}",
        "email": f"visitor{number}@example.org",
        "city_of_origin": "chongqing",
        "answers": {},
        "language": "en",
        "submission_token": uuid.uuid4(),
    }
    return services.register(ticket_type_.pk, **{**defaults, **fields})


# --- Staff, check-in and booths (E3) ------------------------------------------------------------


def organiser_staff(page: EventPage, organisation=None):
    """A user on the event staff of one of the event's co-organisers (added to the page)."""
    from django.contrib.auth.models import User

    from tests.talent.factories import PASSWORD, enterprise, unique
    from twincity.events.models import EventStaff

    organisation = organisation or enterprise(name_en=unique("Organiser "))
    # A fresh copy: `page` itself keeps no organisers in memory, which it would then prefer.
    fresh = EventPage.objects.get(pk=page.pk)
    fresh.co_organisers.add(organisation)
    fresh.save_revision().publish()
    user = User.objects.create_user(unique("staff") + "@example.org", password=PASSWORD)
    EventStaff.objects.create(user=user, organisation=organisation)
    return user


def event_manager():
    """A user with the site-wide permission to manage every event."""
    from django.contrib.auth.models import Permission, User

    from tests.talent.factories import PASSWORD, unique

    user = User.objects.create_user(unique("manager") + "@example.org", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="change_registration"))
    return User.objects.get(pk=user.pk)  # fresh, so the permission cache is empty


def booth_spaces(page: EventPage, count: int = 3, hall: str = "Hall 1"):
    from twincity.events.models import BoothSpace

    return [
        BoothSpace.objects.create(event=page, hall=hall, number=f"A{number:02d}")
        for number in range(1, count + 1)
    ]


def booth_application(page: EventPage, recruiter=None, **fields):
    """An approved recruiter's enterprise applies for a booth through the service."""
    from tests.talent.factories import recruiter as make_recruiter
    from twincity.events import booths

    recruiter = recruiter or make_recruiter()
    defaults = {"size_sqm": 9, "sector": "Food and catering", "products": "Hotpot base"}
    return booths.apply_for_booth(recruiter.user, page, **{**defaults, **fields})


# --- Prices, invitations and phone numbers (issue 13) -------------------------------------------


def speaker_tickets(page: EventPage, capacity: int = 10, **fields) -> TicketType:
    """A ticket type by invitation, on sale now, as editors set one up for speakers."""
    defaults = {"kind": TicketType.Kind.SPEAKER, "name_en": "Speaker", "name_zh": "演讲嘉宾"}
    return ticket_type(page, capacity=capacity, by_invitation=True, **{**defaults, **fields})


def invitation_code(ticket_type_: TicketType, code: str = "", max_uses: int = 1):
    """An invitation code as staff create it in the admin (made up when `code` is empty)."""
    from twincity.events.models import InvitationCode

    return InvitationCode.objects.create(ticket_type=ticket_type_, code=code, max_uses=max_uses)


def asking_phone(page: EventPage, rule: str) -> EventPage:
    """The event with its registration form asking for a phone number: off, optional, required."""
    fresh = EventPage.objects.get(pk=page.pk)
    fresh.registration_phone = rule
    fresh.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)
