"""Places of the Bashu Culture and Tourism Corridor, joint promotion campaigns and guidebooks.

Places and guidebooks are Wagtail pages, one tree per language like news and events: the
facts that do not depend on the language (coordinates, hours, kind, tags) are synchronised
from the English page, names, districts, addresses and texts are translated. Campaigns are a
snippet with both languages side by side (an organiser writes both messages together); their
counters are plain rows with no personal data at all (see services.py).
"""

from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from twincity.core.cities import City, city_choices
from twincity.core.models import DemoContentMixin, SectionIndexPage
from twincity.textsearch.segment import segment_for_autocomplete, segment_for_index
from twincity.textsearch.text import html_to_text

from .forms import PlacePageForm
from .vocabulary import TAGS


class PlaceKind(models.TextChoices):
    ATTRACTION = "attraction", _("Attraction")
    DINING = "dining", _("Dining")
    ACCOMMODATION = "accommodation", _("Accommodation")
    SHOPPING = "shopping", _("Shopping")
    ENTERTAINMENT = "entertainment", _("Entertainment")
    TRANSPORT = "transport", _("Transport hub")


class TransportRole(models.TextChoices):
    NONE = "", _("(not a transport hub)")
    HSR_STATION = "hsr_station", _("High-speed rail station")
    AIRPORT = "airport", _("Airport")
    METRO_HUB = "metro_hub", _("Metro hub")


class PriceLevel(models.IntegerChoices):
    FREE = 0, pgettext_lazy("price", "Free")
    LOW = 1, _("Under ¥50")
    MEDIUM = 2, _("¥50–150")
    HIGH = 3, _("¥150–400")
    LUXURY = 4, _("Over ¥400")


class PlaceIndexPage(SectionIndexPage):
    """The travel section: every place of both cities, with filters and a map."""

    subpage_types = ["tourism.PlacePage", "tourism.GuidebookPage"]

    class Meta:
        verbose_name = _("travel section")

    def listing_context(self, request) -> dict:
        from .page_context import index_context

        return index_context(self, request)


class PlacePage(DemoContentMixin, Page):
    """One place; its title is the name in the page's language."""

    name_en = models.CharField(_("name in English"), max_length=200)
    name_zh = models.CharField(_("name in Chinese"), max_length=200)
    city = models.CharField(_("city"), max_length=20, choices=city_choices())
    district = models.CharField(_("district"), max_length=100)
    address = models.CharField(_("address"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    transport_role = models.CharField(
        _("transport role"), max_length=20, choices=TransportRole.choices, blank=True
    )
    latitude = models.DecimalField(_("latitude (WGS-84)"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude (WGS-84)"), max_digits=9, decimal_places=6)
    hours = models.JSONField(_("opening hours"), default=dict)
    visit_minutes = models.PositiveSmallIntegerField(_("typical visit (minutes)"), default=60)
    price_level = models.PositiveSmallIntegerField(
        _("price level"), choices=PriceLevel.choices, default=PriceLevel.FREE
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    popularity = models.PositiveSmallIntegerField(
        _("popularity"), default=3, help_text=_("1 to 5: how much a first-time visitor wants it.")
    )
    summary = models.TextField(_("summary"), help_text=_("Two or three sentences for lists."))
    body = RichTextField(
        _("body"), blank=True, features=["bold", "italic", "link", "ol", "ul", "h2", "h3"]
    )
    # What a visitor relies on (hours, prices, whether it is open at all) goes out of date:
    # the page says when it was last checked, and a closed place says so instead of "open".
    facts_checked_on = models.DateField(
        _("facts checked on"),
        null=True,
        blank=True,
        help_text=_("When the hours, prices and status were last checked with the place."),
    )
    closed_since = models.DateField(
        _("closed since"),
        null=True,
        blank=True,
        help_text=_(
            "Set while the place is closed to visitors (rebuilding, renovation): its page "
            "says so and trip plans leave it out."
        ),
    )
    closure_note = models.CharField(
        _("why it is closed"),
        max_length=300,
        blank=True,
        help_text=_("For example: closed to passengers while the station is rebuilt."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = PlacePageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_zh")]),
                FieldRowPanel([FieldPanel("city"), FieldPanel("district")]),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("transport_role")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Where and what"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("hours"),
                FieldRowPanel(
                    [
                        FieldPanel("visit_minutes"),
                        FieldPanel("price_level"),
                        FieldPanel("popularity"),
                    ]
                ),
                FieldPanel("tags"),
                FieldRowPanel([FieldPanel("facts_checked_on"), FieldPanel("closed_since")]),
                FieldPanel("closure_note"),
            ],
            heading=_("Visiting"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("image"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("is_demo")]
    # What does not depend on the language is edited once, on the English page.
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "name_en",
            "name_zh",
            "city",
            "kind",
            "transport_role",
            "latitude",
            "longitude",
            "hours",
            "visit_minutes",
            "price_level",
            "tags",
            "popularity",
            "image",
            "facts_checked_on",
            "closed_since",
        )
    ]
    parent_page_types = ["tourism.PlaceIndexPage"]
    subpage_types: list[str] = []
    serve_select_related = ("image",)

    search_fields = [
        *Page.search_fields,
        index.SearchField("search_names", boost=4),
        index.SearchField("search_summary"),
        index.AutocompleteField("autocomplete_names"),
        index.FilterField("city"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="tourism_place_coordinates_on_earth",
            ),
            models.CheckConstraint(
                condition=Q(price_level__lte=4), name="tourism_place_price_level_0_to_4"
            ),
            models.CheckConstraint(
                condition=Q(popularity__gte=1, popularity__lte=5),
                name="tourism_place_popularity_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(visit_minutes__gte=1), name="tourism_place_visit_minutes_positive"
            ),
            models.CheckConstraint(
                condition=Q(kind="transport") | Q(transport_role=""),
                name="tourism_place_role_only_for_transport",
            ),
        ]

    def clean(self):
        super().clean()
        from .hours import check_hours

        check_hours(self.hours)
        unknown = [tag for tag in self.tags or [] if tag not in TAGS]
        if unknown:
            raise ValidationError({"tags": _("Unknown tags: %s") % ", ".join(unknown)})
        if self.kind != PlaceKind.TRANSPORT and self.transport_role:
            raise ValidationError(
                {"transport_role": _("Only a transport hub has a transport role.")}
            )

    def search_names(self) -> str:
        return segment_for_index(f"{self.title} {self.name_en} {self.name_zh}")

    def autocomplete_names(self) -> str:
        return segment_for_autocomplete(f"{self.title} {self.name_en} {self.name_zh}")

    def search_summary(self) -> str:
        """The summary and body (the names are their own field, weighed higher)."""
        return segment_for_index(f"{self.summary} {html_to_text(self.body)}")

    @property
    def other_name(self) -> str:
        """The name in the other script, shown under the title."""
        return self.name_en if self.title == self.name_zh else self.name_zh

    def tag_labels(self) -> list[tuple[str, str]]:
        return [(tag, TAGS[tag]) for tag in self.tags or [] if tag in TAGS]

    def get_context(self, request, *args, **kwargs):
        from .page_context import place_context, place_today

        context = super().get_context(request, *args, **kwargs)
        context.update(place_today(self))
        # Only the shared content uses them (core.fragments): computed when it is not kept.
        # Two fragments of the page ask for them: computed once, and only when not kept.
        context["details"] = cache(lambda: place_context(self, request))
        return context


@register_snippet
class Campaign(models.Model):
    """A joint promotion: each partner's page promotes the other while the campaign runs."""

    title_en = models.CharField(_("title in English"), max_length=200)
    title_zh = models.CharField(_("title in Chinese"), max_length=200)
    chengdu_place = models.ForeignKey(
        PlacePage,
        verbose_name=_("partner in Chengdu"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"city": City.CHENGDU, "locale__language_code": "en"},
    )
    chongqing_place = models.ForeignKey(
        PlacePage,
        verbose_name=_("partner in Chongqing"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"city": City.CHONGQING, "locale__language_code": "en"},
    )
    starts_on = models.DateField(_("first day"), help_text=_("Beijing date."))
    ends_on = models.DateField(_("last day"), help_text=_("Beijing date."))
    message_en = models.TextField(
        _("message in English"),
        help_text=_("Shown on each partner's page about the other one."),
    )
    message_zh = models.TextField(_("message in Chinese"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_en = models.CharField(_("image description in English"), max_length=250, blank=True)
    image_alt_zh = models.CharField(_("image description in Chinese"), max_length=250, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("title_en"), FieldPanel("title_zh")]),
        # A plain list of the English places of each city: quicker than the page chooser
        # for a few dozen places, and it shows only places of the right city.
        FieldRowPanel(
            [
                FieldPanel("chengdu_place", widget=forms.Select),
                FieldPanel("chongqing_place", widget=forms.Select),
            ]
        ),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("message_en"),
        FieldPanel("message_zh"),
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("image_alt_en"), FieldPanel("image_alt_zh")]),
    ]

    class Meta:
        verbose_name = _("joint promotion campaign")
        verbose_name_plural = _("joint promotion campaigns")
        ordering = ["-starts_on", "title_en"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="tourism_campaign_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title_en

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day cannot come before the first day.")
        if self.chengdu_place_id and self.chengdu_place.city != City.CHENGDU:
            errors["chengdu_place"] = _("Choose a place in Chengdu.")
        if self.chongqing_place_id and self.chongqing_place.city != City.CHONGQING:
            errors["chongqing_place"] = _("Choose a place in Chongqing.")
        if errors:
            raise ValidationError(errors)

    def partner(self, side: str) -> PlacePage:
        return self.chengdu_place if side == City.CHENGDU else self.chongqing_place

    def is_running(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class CampaignDailyCount(models.Model):
    """How often the promotion of one partner (`side`: the partner promoted, shown on the
    other partner's page) was seen and followed on one Beijing day. Nothing else is stored."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="counts"
    )
    side = models.CharField(_("partner promoted"), max_length=20, choices=city_choices())
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)
    clicks = models.PositiveIntegerField(_("click-throughs"), default=0)

    class Meta:
        verbose_name = _("campaign daily count")
        ordering = ["day", "side"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "side", "day"], name="tourism_count_one_row_per_day_side"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.side} {self.day}"


class GuidebookPage(DemoContentMixin, Page):
    """A guidebook for a city, for both, or for a campaign: sections built from the places
    (best first) with the editors' introductions and tips, as a page and a PDF."""

    scope = models.CharField(
        _("cities"), max_length=20, choices=city_choices(City.BOTH), default=City.BOTH
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A campaign's guidebook puts its two partners first."),
    )
    places_per_section = models.PositiveSmallIntegerField(
        _("places per section and city"), default=6
    )
    intro = models.TextField(_("introduction"), blank=True)
    dining_intro = models.TextField(_("dining: introduction and tips"), blank=True)
    accommodation_intro = models.TextField(_("accommodation: introduction and tips"), blank=True)
    shopping_intro = models.TextField(_("shopping: introduction and tips"), blank=True)
    entertainment_intro = models.TextField(_("entertainment: introduction and tips"), blank=True)
    transport_intro = models.TextField(_("getting around: introduction and tips"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("scope"), FieldPanel("campaign")]),
        FieldPanel("places_per_section"),
        FieldPanel("intro"),
        FieldPanel("dining_intro"),
        FieldPanel("accommodation_intro"),
        FieldPanel("shopping_intro"),
        FieldPanel("entertainment_intro"),
        FieldPanel("transport_intro"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("is_demo")]
    override_translatable_fields = [
        SynchronizedField("scope"),
        SynchronizedField("campaign"),
        SynchronizedField("places_per_section"),
    ]
    parent_page_types = ["tourism.PlaceIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("search_title", boost=4),
        index.SearchField("search_text"),
        index.AutocompleteField("autocomplete_title"),
    ]

    class Meta:
        verbose_name = _("guidebook")
        constraints = [
            models.CheckConstraint(
                condition=Q(places_per_section__gte=1, places_per_section__lte=30),
                name="tourism_guidebook_places_per_section_1_to_30",
            )
        ]

    def search_title(self) -> str:
        return segment_for_index(self.title)

    def autocomplete_title(self) -> str:
        return segment_for_autocomplete(self.title)

    def search_text(self) -> str:
        return segment_for_index(self.introductions())

    def introductions(self) -> str:
        """The editors' texts of every section, in order: for search."""
        return " ".join(
            text
            for text in (
                self.intro,
                self.dining_intro,
                self.accommodation_intro,
                self.shopping_intro,
                self.entertainment_intro,
                self.transport_intro,
            )
            if text
        )

    def get_context(self, request, *args, **kwargs):
        from .guidebook import guidebook_context

        context = super().get_context(request, *args, **kwargs)
        # Only the shared content uses them (core.fragments): computed when it is not kept.
        context["details"] = lambda: guidebook_context(self)
        return context

    def serve(self, request, *args, **kwargs):
        if request.GET.get("format") == "pdf":
            from .guidebook import pdf_response

            return pdf_response(self, request)
        return super().serve(request, *args, **kwargs)
