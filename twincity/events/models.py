"""Events: pages editors write and translate (Wagtail), and the transactional rows behind them.

Registration data hangs off the event page in the site's default language (the "source" page);
its translations share it, so a seat taken through /en/ is gone on /zh-hans/ too. Capacity is
never a stored counter: it is counted from registration rows under a lock (see services.py).
"""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from twincity.core.blocks import ArticleBodyBlock
from twincity.core.cities import City, city_choices
from twincity.core.generation import GenerationMemo, current_generation
from twincity.core.localisation import locale_id
from twincity.core.models import DemoContentMixin, SectionIndexPage
from twincity.directory.models import Organisation
from twincity.textsearch.segment import segment_for_autocomplete, segment_for_index
from twincity.textsearch.text import stream_text

from . import codes
from .blocks import ProgrammeBlock


class EventKind(models.TextChoices):
    EXPO = "expo", _("Expo")
    FESTIVAL = "festival", _("Festival")
    SEMINAR = "seminar", _("Seminar")
    CONFERENCE = "conference", _("Conference")
    JOB_FAIR = "job_fair", _("Job fair")
    EXHIBITION = "exhibition", _("Exhibition")
    CEREMONY = "ceremony", _("Ceremony")
    CAMPAIGN_LAUNCH = "campaign_launch", _("Campaign launch")


class EventIndexPage(SectionIndexPage):
    """The events of both cities, filterable by city, kind, month, upcoming or past."""

    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("events index")

    def listing_context(self, request) -> dict:
        from .page_context import index_context

        return index_context(self, request)


class PhoneQuestion(models.TextChoices):
    """Whether the registration form asks for a mobile phone number."""

    OFF = "off", _("Not asked")
    OPTIONAL = "optional", _("Asked, optional")
    REQUIRED = "required", _("Required")


# A translation's source page id by translation key (EventPage.source_page_id).
_source_page_ids = GenerationMemo()


class EventPage(DemoContentMixin, Page):
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    city = models.CharField(_("city"), max_length=20, choices=city_choices(City.BOTH))
    starts_at = models.DateTimeField(_("starts at"), help_text=_("Beijing time."))
    ends_at = models.DateTimeField(_("ends at"), help_text=_("Beijing time."))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude (WGS-84)"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude (WGS-84)"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    summary = models.TextField(_("summary"), help_text=_("One or two sentences for lists."))
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    programme = StreamField(ProgrammeBlock(), verbose_name=_("programme"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    co_organisers = ParentalManyToManyField(
        Organisation,
        blank=True,
        related_name="events",
        verbose_name=_("organisers"),
        help_text=_("Several organisations may own one event; the staff of each may manage it."),
    )
    fair = models.ForeignKey(
        "talent.Fair",
        verbose_name=_("job fair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_pages",
        help_text=_("For a job fair: its interview slots and vacancies are shown on the page."),
    )
    registration_open = models.BooleanField(_("takes registrations"), default=False)
    requires_email_confirmation = models.BooleanField(
        _("registrations confirmed by e-mail"),
        default=False,
        help_text=_(
            "A new registration holds its seat for a short time until the person follows the "
            "link e-mailed to them; a seat not confirmed in time goes to the next person."
        ),
    )
    registration_phone = models.CharField(
        _("mobile phone number on the registration form"),
        max_length=10,
        choices=PhoneQuestion.choices,
        default=PhoneQuestion.OFF,
        help_text=_("Staff see the number in the exports and at check-in."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("co_organisers"),
                FieldPanel("fair"),
                FieldPanel("registration_open"),
                FieldPanel("requires_email_confirmation"),
                FieldPanel("registration_phone"),
            ],
            heading=_("About the event"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Venue"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("programme"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("is_demo")]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []
    # What is the same in every language is kept in step with the source page.
    override_translatable_fields = [
        SynchronizedField("kind"),
        SynchronizedField("city"),
        SynchronizedField("starts_at"),
        SynchronizedField("ends_at"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("image"),
        SynchronizedField("co_organisers"),
        SynchronizedField("fair"),
        SynchronizedField("registration_open"),
        SynchronizedField("requires_email_confirmation"),
        SynchronizedField("registration_phone"),
    ]
    serve_select_related = ("image", "fair")
    # Chinese text is indexed cut into words (see twincity.textsearch.segment).
    search_fields = [
        *Page.search_fields,
        index.SearchField("search_title", boost=4),
        index.SearchField("search_text"),
        index.AutocompleteField("autocomplete_title"),
        index.FilterField("starts_at"),
        index.FilterField("city"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def get_context(self, request, *args, **kwargs):
        from .page_context import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context

    def search_title(self) -> str:
        return segment_for_index(self.title)

    def autocomplete_title(self) -> str:
        return segment_for_autocomplete(self.title)

    def search_text(self) -> str:
        return segment_for_index(f"{self.summary} {self.venue_name} {stream_text(self.body)}")

    def permissions_for_user(self, user):
        """Wagtail's page rights, narrowed for organisers' staff to their own events."""
        from .permissions import EventPagePermissionTester

        return EventPagePermissionTester(user, self)

    def source_page(self) -> "EventPage":
        """The page in the default language, which registrations and booths belong to; looked
        up once per instance (a page view asks for it in several places)."""
        if "_source_page" not in self.__dict__:
            self.__dict__["_source_page"] = self._find_source_page()
        return self.__dict__["_source_page"]

    def source_page_id(self) -> int | None:
        """The id of source_page(), kept per content generation: a page view needs only the id
        (the registration link, who may manage it), and a translation's source costs a query."""
        if self.locale_id == locale_id(
            get_supported_content_language_variant(settings.LANGUAGE_CODE)
        ):
            return self.pk
        return _source_page_ids.get(
            self.translation_key, current_generation(), lambda: self.source_page().pk
        )

    def _find_source_page(self) -> "EventPage":
        default = locale_id(get_supported_content_language_variant(settings.LANGUAGE_CODE))
        if self.locale_id == default:
            return self
        return (
            EventPage.objects.filter(
                translation_key=self.translation_key, locale_id=default
            ).first()
            or self
        )


class TicketType(models.Model):
    # Its price and seats are shown on the events listing: saving one starts a new content
    # generation (core.generation), so cached listings show the change.
    shown_on_public_pages = True

    class Kind(models.TextChoices):
        VISITOR = "visitor", _("Visitor")
        EXHIBITOR = "exhibitor", _("Exhibitor")
        PRESS = "press", _("Press")
        SPEAKER = "speaker", _("Speaker")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="ticket_types")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.VISITOR)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    capacity = models.PositiveIntegerField(_("seats"))
    price = models.DecimalField(
        _("price (yuan)"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("0 for a free ticket. Shown to visitors; the site takes no payment."),
    )
    by_invitation = models.BooleanField(
        _("by invitation"),
        default=False,
        help_text=_(
            "Only people with an invitation code may register (press, speakers). Create the "
            "codes under Events → Invitation codes."
        ),
    )
    sale_starts_at = models.DateTimeField(_("registration opens at"))
    sale_ends_at = models.DateTimeField(_("registration closes at"))
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to take up a freed seat"),
        default=48,
        help_text=_("How long the next person on the waiting list may claim a freed seat."),
    )
    # A ticket type is withdrawn, never deleted: its registrations keep pointing at it.
    is_withdrawn = models.BooleanField(_("withdrawn"), default=False)

    class Meta:
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")
        ordering = ["event", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sale_ends_at__gt=F("sale_starts_at")), name="ticket_sale_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event.title}: {self.name_en}"


class Question(models.Model):
    """A question the organisers ask everyone who registers for the event."""

    # Shown on the registration form, and kept in memory by registration (services):
    # saving or deleting one starts a new content generation (core.generation).
    shown_on_public_pages = True

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("One of several answers")
        YES_NO = "yes_no", _("Yes or no")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    text_en = models.CharField(_("question (English)"), max_length=200)
    text_zh = models.CharField(_("question (Chinese)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices_en = models.TextField(_("answers (English), one per line"), blank=True)
    choices_zh = models.TextField(_("answers (Chinese), one per line"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["event", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.text_en


def new_secret() -> str:
    return secrets.token_urlsafe(24)  # 32 characters, 192 bits: unguessable


def new_checkin_code() -> str:
    return codes.new_checkin_code()  # 16 characters of Crockford's base 32, 80 bits


class InvitationCode(models.Model):
    """A code that lets its holder register for a ticket type by invitation, up to `max_uses`
    times. A use is a registration with the code that still stands (counted from the rows, under
    the ticket type's lock, as seats are): a cancelled one gives its use back."""

    ticket_type = models.ForeignKey(
        TicketType,
        verbose_name=_("ticket type"),
        on_delete=models.CASCADE,
        related_name="invitation_codes",
    )
    code = models.CharField(
        _("code"),
        max_length=32,
        blank=True,
        help_text=_("Leave empty for a code made up for you, such as 7KQ2-M9XD."),
    )
    # The code as typed codes are compared (codes.normalised): one per ticket type.
    key = models.CharField(max_length=32, editable=False)
    max_uses = models.PositiveSmallIntegerField(
        _("uses"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How many people may register with this code."),
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Who the code is for; staff only.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation code")
        verbose_name_plural = _("invitation codes")
        ordering = ["ticket_type", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket_type", "key"], name="invitation_code_once_per_ticket_type"
            ),
            models.CheckConstraint(condition=Q(max_uses__gte=1), name="invitation_code_uses"),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper() or codes.new_invitation_code()
        self.key = codes.normalised(self.code)
        super().save(*args, **kwargs)

    @property
    def event_id(self) -> int:
        """The event the code's ticket type belongs to (the admin checks who manages it)."""
        return self.ticket_type.event_id


# The statuses of a registration that still stands (Registration.Status; the Meta of the model
# cannot read its own class): cancelled, expired and unconfirmed ones do not.
ACTIVE_STATUSES = ("confirmed", "waitlisted", "offered", "awaiting")


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Seat offered")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Offer expired")
        # Events that require e-mail confirmation: the seat is held until the link mailed to
        # the person is followed, or until the hold runs out.
        AWAITING = "awaiting", _("Awaiting e-mail confirmation")
        UNCONFIRMED = "unconfirmed", _("Not confirmed in time")

    class Origin(models.TextChoices):
        CHENGDU = "chengdu", _("Chengdu")
        CHONGQING = "chongqing", _("Chongqing")
        OTHER = "other", _("Elsewhere")

    ticket_type = models.ForeignKey(
        TicketType, on_delete=models.PROTECT, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail address"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    # Compact (phones.normalised_phone); asked only where the event says so.
    phone = models.CharField(_("mobile phone number"), max_length=16, blank=True)
    city_of_origin = models.CharField(
        _("coming from"), max_length=20, choices=Origin.choices, default=Origin.OTHER
    )
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="zh-hans")
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    invitation_code = models.ForeignKey(
        InvitationCode,
        verbose_name=_("invitation code"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    # The ticket's QR code carries `secret`, the check-in code (codes.py; 32-character URL-safe
    # secrets of older tickets stay valid); the attendee's own links carry `access_token`.
    secret = models.CharField(
        _("check-in code"), max_length=32, unique=True, default=new_checkin_code, editable=False
    )
    access_token = models.CharField(max_length=32, unique=True, default=new_secret, editable=False)
    # One form, one registration: a second submit of the same form finds the first.
    submission_token = models.UUIDField(unique=True)
    # Until when a seat is held for the person: an offer from the waiting list (OFFERED), or a
    # registration awaiting confirmation of its e-mail address (AWAITING).
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    # The event required e-mail confirmation: the registration's links (the access token) go only
    # to its e-mail address, never onto a page, so following one proves the address.
    link_by_email_only = models.BooleanField(default=False, editable=False)
    # When the registration's link was last mailed on request (or first sent): asking again sends
    # nothing until settings.EVENTS_LINK_RESEND_MINUTES have passed, so no inbox can be flooded.
    link_mailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket_type", "status"])]
        constraints = [
            # One registration per person: an e-mail address holds at most one active
            # registration of a ticket type, whatever the locks do.
            models.UniqueConstraint(
                F("ticket_type"),
                Lower("email"),
                condition=Q(status__in=ACTIVE_STATUSES),
                name="registration_once_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"


class CheckIn(models.Model):
    """A ticket let in: once per ticket, with who let it in, where and when."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="check_in"
    )
    gate = models.CharField(_("gate"), max_length=50)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_in_at = models.DateTimeField(auto_now_add=True)
    # The id the check-in page gave the scan: a retried submission of it is answered as the
    # first was, instead of "already checked in".
    scan_id = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.registration_id} at {self.gate}"


class BoothSpace(models.Model):
    """A booth on the hall plan of an expo."""

    # The event page lists the exhibitors by booth in its shared content (core.fragments):
    # saving a booth or an application starts a new content generation (core.generation).
    shown_on_public_pages = True

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="booth_spaces")
    number = models.CharField(_("booth number"), max_length=20)
    hall = models.CharField(_("hall"), max_length=50, blank=True)
    size_sqm = models.PositiveSmallIntegerField(_("size (m²)"), default=9)

    class Meta:
        verbose_name = _("booth space")
        verbose_name_plural = _("booth spaces")
        ordering = ["event", "hall", "number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="booth_space_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.hall} {self.number}".strip()


class BoothApplication(models.Model):
    shown_on_public_pages = True  # as BoothSpace: the exhibitors on the event page

    class Status(models.TextChoices):
        PENDING = "pending", _("Received")
        APPROVED = "approved", _("Approved")
        WAITLISTED = "waitlisted", _("On the waiting list")
        REJECTED = "rejected", _("Rejected")

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="booth_applications"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="booth_applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    size_sqm = models.PositiveSmallIntegerField(_("size wanted (m²)"), default=9)
    sector = models.CharField(_("sector"), max_length=100)
    products = models.TextField(_("products and services shown"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # One booth, one exhibitor: the database refuses a booth given twice.
    booth = models.OneToOneField(
        BoothSpace,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("booth"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("booth application")
        verbose_name_plural = _("booth applications")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="booth_application_once_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name_en} at {self.event.title}"


class EventStaff(models.Model):
    """A person who manages events for an organisation: registrations, check-in, booths."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_staff"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="event_staff"
    )

    class Meta:
        verbose_name = _("event staff member")
        verbose_name_plural = _("event staff")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="event_staff_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.organisation.name_en}"
