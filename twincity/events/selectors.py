"""Reads of the event pages, each a fixed number of queries whatever the data.

Related news, a choice documented here: an event has no tags of its own, so its related
articles are the news of its language whose tags appear word for word in the event's title or
summary ("food festival" in "… International Food Festival", "美食节" in "成都国际美食节"),
most shared tags first, newest first; when no tag matches, the newest news of the news center.
Substring matching serves both languages alike: Chinese needs no word segmentation for it.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from taggit.models import Tag
from wagtail.coreutils import get_supported_content_language_variant

from twincity.core.cities import City
from twincity.core.images import prefetch_images
from twincity.directory.models import Organisation
from twincity.news.models import NewsArticlePage
from twincity.news.selectors import latest_articles, published_articles
from twincity.tourism.selectors import Nearby, pages_near

from . import booths
from .models import BoothApplication, EventIndexPage, EventPage, TicketType
from .services import seat_counts

EVENTS_PER_PAGE = 12
RELATED_NEWS_SHOWN = 3
FAIR_VACANCIES_SHOWN = 5
# What a list of events shows; loading no more keeps the listing cheap.
LISTING_FIELDS = (
    "id",
    "title",
    "url_path",
    "locale_id",
    "kind",
    "city",
    "starts_at",
    "ends_at",
    "venue_name",
    "summary",
    "translation_key",  # the source page's ticket types give the price and seats
    "image",  # the card's picture, prefetched with its rendition (core.images)
)


@dataclass(frozen=True)
class EventFilters:
    """What a visitor narrowed the listing to; empty values mean "any"."""

    city: str = ""  # chengdu | chongqing | both
    kind: str = ""
    month: date | None = None  # the first day of the month
    when: str = ""  # upcoming | past


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The first instant of `month` and of the month after, in Beijing time."""
    china = timezone.get_default_timezone()
    last_day = calendar.monthrange(month.year, month.month)[1]
    start = datetime(month.year, month.month, 1, tzinfo=china)
    return start, start + timedelta(days=last_day)


def city_condition(city: str) -> Q:
    """An event held in both cities is an event of either city."""
    if city in (City.CHENGDU, City.CHONGQING):
        return Q(city__in=[city, City.BOTH])
    return Q(city=city)


def filtered_events(events: QuerySet, filters: EventFilters, now: datetime) -> QuerySet:
    if filters.city:
        events = events.filter(city_condition(filters.city))
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.month:
        # Any event that runs during the month, also one that began in the month before.
        start, end = month_bounds(filters.month)
        events = events.filter(starts_at__lt=end, ends_at__gte=start)
    if filters.when == "upcoming":
        events = events.filter(ends_at__gte=now)
    elif filters.when == "past":
        events = events.filter(ends_at__lt=now)
    return events


def upcoming_first(events: QuerySet, now: datetime) -> QuerySet:
    """Events not over yet, soonest first; then past events, latest first."""
    return events.annotate(
        is_past=Case(
            When(ends_at__lt=now, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        upcoming_start=Case(When(ends_at__gte=now, then=F("starts_at"))),
        past_start=Case(When(ends_at__lt=now, then=F("starts_at"))),
    ).order_by(
        "is_past",
        F("upcoming_start").asc(nulls_last=True),
        F("past_start").desc(nulls_last=True),
        "pk",
    )


def events_of(index: EventIndexPage) -> QuerySet:
    return EventPage.objects.child_of(index).live().public().only(*LISTING_FIELDS)


def listing_page(
    index: EventIndexPage, filters: EventFilters, page_number, now: datetime | None = None
) -> PaginatorPage:
    """One page of the index's events in its language: count, slice and view restrictions."""
    now = now or timezone.now()
    events = upcoming_first(filtered_events(events_of(index), filters, now), now)
    # get_page() answers a missing, malformed or too large page number with a real page.
    page = Paginator(events, EVENTS_PER_PAGE).get_page(page_number)
    page.object_list = prefetch_images(with_availability(list(page.object_list), now), "card")
    return page


def upcoming_events(locale_id: int, limit: int = 3, now: datetime | None = None) -> list:
    """The next events of one language, for the home page and other teasers, with their
    `availability`."""
    now = now or timezone.now()
    events = EventPage.objects.live().public().filter(locale_id=locale_id, ends_at__gte=now)
    return with_availability(list(events.only(*LISTING_FIELDS).order_by("starts_at", "pk")[:limit]))


# --- Price and seats of listed events ------------------------------------------------------------


def price_text(lowest: Decimal, highest: Decimal, several: bool = True) -> str:
    """ "Free", "¥80", "from ¥80" (several prices), "Free to ¥280"."""
    if highest == 0:
        return pgettext("price", "Free")
    if lowest == highest:
        return yuan(lowest)
    if lowest == 0:
        return _("Free to %(highest)s") % {"highest": yuan(highest)}
    return _("from %(lowest)s") % {"lowest": yuan(lowest)} if several else yuan(lowest)


def yuan(amount: Decimal) -> str:
    """¥80, or ¥80.50 when there are fen."""
    return f"¥{amount:.0f}" if amount == amount.to_integral_value() else f"¥{amount:.2f}"


@dataclass(frozen=True)
class Availability:
    """What a list shows of an event's registration: its price and seats left, over the ticket
    types anyone may take (not those by invitation) that are or will be on sale.

    `seats_left` is None where nothing is to be said (the event takes no registrations, is
    over, or only invited people register); 0 when they are taken (the waiting list is open).
    """

    lowest_price: Decimal | None = None
    highest_price: Decimal | None = None
    seats_left: int | None = None
    by_invitation_only: bool = False

    @property
    def price(self) -> str:
        if self.by_invitation_only:
            return _("By invitation")
        if self.lowest_price is None:
            return ""
        return price_text(self.lowest_price, self.highest_price)

    @property
    def seats(self) -> str:
        if self.seats_left is None:
            return ""
        if self.seats_left <= 0:
            return _("Sold out — waiting list")
        return ngettext("%(count)d seat left", "%(count)d seats left", self.seats_left) % {
            "count": self.seats_left
        }


NOTHING_TO_SAY = Availability()


def ticket_rows(translation_keys: set, now: datetime) -> list[dict]:
    """The ticket types still to be taken of the events' source pages (in the default
    language, which owns them), with their seats counted from the rows: one query."""
    source_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return list(
        TicketType.objects.filter(
            event__translation_key__in=translation_keys,
            event__locale__language_code=source_language,
            event__registration_open=True,
            event__ends_at__gte=now,
            is_withdrawn=False,
            sale_ends_at__gt=now,
        )
        .annotate(**seat_counts(now))
        .values(
            "event__translation_key",
            "price",
            "capacity",
            "taken",
            "waiting",
            "by_invitation",
            "sale_starts_at",
        )
    )


def availability_of(rows: list[dict]) -> Availability:
    """One event's availability from its ticket rows."""
    public = [row for row in rows if not row["by_invitation"]]
    if not public:
        return Availability(by_invitation_only=bool(rows))
    prices = [row["price"] for row in public]
    left = sum(0 if row["waiting"] else max(0, row["capacity"] - row["taken"]) for row in public)
    return Availability(min(prices), max(prices), left)


def with_availability(events: list, now: datetime | None = None) -> list:
    """The events (pages in any language), each given its `availability`: one query for the
    whole list, however long."""
    now = now or timezone.now()
    keys = {event.translation_key for event in events}
    by_event: dict = {key: [] for key in keys}
    for row in ticket_rows(keys, now) if keys else []:
        by_event[row["event__translation_key"]].append(row)
    for event in events:
        rows = by_event[event.translation_key]
        event.availability = availability_of(rows) if rows else NOTHING_TO_SAY
    return events


# --- The event page ---------------------------------------------------------------------------


def matching_tags(text: str, locale_id: int) -> list[str]:
    """Names of the language's news tags that appear in `text` (case does not matter)."""
    text = text.casefold()
    names = (
        Tag.objects.filter(news_articletag_items__content_object__in=published_articles(locale_id))
        .values_list("name", flat=True)
        .distinct()
    )
    return [name for name in names if len(name) >= 2 and name.casefold() in text]


def related_news(event: EventPage, limit: int = RELATED_NEWS_SHOWN) -> list[NewsArticlePage]:
    tags = matching_tags(f"{event.title} {event.summary}", event.locale_id)
    if not tags:
        return latest_articles(event.locale_id, limit)
    return list(
        published_articles(event.locale_id)
        .filter(tags__name__in=tags)
        .annotate(shared_tags=Count("tags", filter=Q(tags__name__in=tags), distinct=True))
        .select_related("category")
        .order_by("-shared_tags", "-date", "-pk")
        .distinct()[:limit]
    )


@dataclass(frozen=True)
class RegistrationState:
    """Whether the page offers registration now, and if not, when it will."""

    is_open: bool = False
    opens_at: datetime | None = None


def registration_state(event: EventPage, now: datetime | None = None) -> RegistrationState:
    """Open while the organisers take registrations, the event is not over and a ticket type
    is on sale; whether a seat is left is the registration form's to say (it offers the
    waiting list)."""
    now = now or timezone.now()
    return registration_of(ticket_rows({event.translation_key}, now), now)


def registration_of(rows: list[dict], now: datetime) -> RegistrationState:
    """registration_state() from the event's ticket rows (ticket_rows: only an event that takes
    registrations and is not over has any), so that a page showing the seats left as well
    needs one query for both."""
    windows = [row["sale_starts_at"] for row in rows]
    if any(starts <= now for starts in windows):
        return RegistrationState(is_open=True)
    return RegistrationState(opens_at=min(windows) if windows else None)


@dataclass(frozen=True)
class ProgrammeDay:
    day: date
    sessions: list = field(default_factory=list)


def session_start(block) -> datetime:
    """A session's start as an aware time; the block stores what the editor typed."""
    starts_at = block.value["starts_at"]
    if timezone.is_naive(starts_at):
        return timezone.make_aware(starts_at, timezone.get_default_timezone())
    return starts_at


def programme_days(event: EventPage) -> list[ProgrammeDay]:
    """The programme's sessions by day (Beijing time), in order of time."""
    sessions = sorted(
        (block for block in event.programme if block.block_type == "session"),
        key=session_start,
    )
    days: list[ProgrammeDay] = []
    for block in sessions:
        day = timezone.localtime(session_start(block)).date()
        if not days or days[-1].day != day:
            days.append(ProgrammeDay(day))
        days[-1].sessions.append(block)
    return days


EVENTS_NEAR_A_PLACE_KM = 1.5


def events_near(latitude, longitude, locale_id: int) -> list[Nearby]:
    """Events at or near a point (a travel place) that have not ended, soonest first, with the
    walk to each as tourism reckons it."""
    events = EventPage.objects.live().filter(
        locale_id=locale_id, ends_at__gte=timezone.now(), latitude__isnull=False
    )
    found = pages_near(events, float(latitude), float(longitude), EVENTS_NEAR_A_PLACE_KM)
    with_availability([item.page for item in found])
    return sorted(found, key=lambda item: item.page.starts_at)


def fair_vacancies(event: EventPage) -> list:
    """The first open vacancies of the job fair this event page stands for."""
    if event.fair_id is None:
        return []
    from twincity.talent.jobsearch import find_vacancies

    return list(find_vacancies(fair=event.fair)[:FAIR_VACANCIES_SHOWN])


@dataclass(frozen=True)
class EventSurroundings:
    """What an event page shows around its own fields; the names are the template's. All of it
    is the same for every visitor, so the page keeps it in its shared content (core.fragments);
    the registration box, which may change with every registration, is read on each request."""

    co_organisers: list
    programme_days: list[ProgrammeDay]
    related_news: list[NewsArticlePage]
    fair_vacancies: list
    exhibitors: list[BoothApplication]
    booth_apply_open: bool


def event_surroundings(event: EventPage, source: EventPage) -> EventSurroundings:
    """`source`: the default-language page, which owns the event (event.source_page())."""
    return EventSurroundings(
        # The default-language page owns the event: its organisers are the ones that manage it.
        # Only organisations the public may see (directory: a sign-up awaiting approval is not).
        co_organisers=list(
            Organisation.objects.public()
            .filter(pk__in=source.co_organisers.values("pk"))
            .order_by("name_en")
        ),
        programme_days=programme_days(event),
        related_news=related_news(event),
        fair_vacancies=fair_vacancies(event),
        # Booths are the exhibitors' part (booths.py): the page only shows what it says.
        exhibitors=list(booths.exhibitors(source)),
        booth_apply_open=booths.takes_booth_applications(source),
    )
