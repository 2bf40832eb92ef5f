"""What investors read: opportunities (招商项目), key industries, parks (产业园区), the policy
library (投资政策) and the investment guide (投资指南), as translatable Wagtail pages.

One tree per language, like news and tourism: what does not depend on the language (keys,
numbers, dates, coordinates, links to other pages and organisations) is a SynchronizedField,
edited once on the English page; names and texts are translated with wagtail-localize.

    Invest (InvestIndexPage, /invest/)
    ├── Opportunities (OpportunityIndexPage) → OpportunityPage
    ├── Parks (ParkIndexPage) → ParkPage
    ├── Policies (PolicyIndexPage) → PolicyPage
    ├── IndustryPage (one per key industry)
    └── GuidePage (one per topic of the investment guide)
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from twincity.core.blocks import ArticleBodyBlock
from twincity.core.cities import City, city_choices
from twincity.core.models import DemoContentMixin, SectionIndexPage
from twincity.core.vocabulary import SECTORS
from twincity.textsearch.segment import segment_for_autocomplete, segment_for_index
from twincity.textsearch.text import html_to_text, stream_text

__all__ = [
    "CooperationMode",
    "GuidePage",
    "GuideTopic",
    "IndustryPage",
    "InvestIndexPage",
    "OpportunityIndexPage",
    "OpportunityPage",
    "ParkIndexPage",
    "ParkLevel",
    "ParkPage",
    "PlanningStatus",
    "PolicyIndexPage",
    "PolicyPage",
    "PolicyStatus",
    "PolicyTopic",
    "SIZE_BOUNDS",
    "SizeBand",
    "TimeToDecision",
]

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]


class CooperationMode(models.TextChoices):
    EQUITY = "equity", _("Equity investment")
    JOINT_VENTURE = "joint-venture", _("Joint venture")
    WHOLLY_OWNED = "wholly-owned", _("Wholly owned")
    PPP = "ppp", _("Public–private partnership (PPP)")
    LEASE = "lease", _("Lease")
    FRANCHISE = "franchise", _("Franchise or operation")


class PlanningStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    FEASIBILITY = "feasibility", _("Feasibility study done")
    APPROVED = "approved", _("Approved, land reserved")
    READY = "ready", _("Ready to start")


class TimeToDecision(models.TextChoices):
    UNDER_3 = "under-3", _("Under 3 months")
    MONTHS_3_6 = "3-6", _("3 to 6 months")
    MONTHS_6_12 = "6-12", _("6 to 12 months")
    OVER_12 = "over-12", _("Over 12 months")


class SizeBand(models.TextChoices):
    """Bands of total investment, for the filter (bounds in yuan, the upper one excluded)."""

    SMALL = "small", _("Under ¥100 million")
    MEDIUM = "medium", _("¥100 million to ¥1 billion")
    LARGE = "large", _("¥1 billion to ¥5 billion")
    VERY_LARGE = "very-large", _("¥5 billion and over")


SIZE_BOUNDS = {
    SizeBand.SMALL: (None, 100_000_000),
    SizeBand.MEDIUM: (100_000_000, 1_000_000_000),
    SizeBand.LARGE: (1_000_000_000, 5_000_000_000),
    SizeBand.VERY_LARGE: (5_000_000_000, None),
}


class ParkLevel(models.TextChoices):
    NATIONAL_NEW_AREA = "national-new-area", _("National new area")
    NATIONAL_HIGH_TECH = "national-high-tech", _("National high-tech zone")
    NATIONAL_ETDZ = "national-etdz", _("National economic and technological development zone")
    INTERNATIONAL = "international", _("Intergovernmental cooperation project")
    PROVINCIAL = "provincial", _("Provincial development zone")
    OTHER = "other", _("Other park")


class PolicyStatus(models.TextChoices):
    IN_FORCE = "in-force", _("In force")
    AMENDED = "amended", _("Amended")
    REPEALED = "repealed", _("Repealed")


class PolicyTopic(models.TextChoices):
    INDUSTRY = "industry", _("Industrial development")
    INCENTIVES = "incentives", _("Investment incentives")
    TAX = "tax", _("Tax")
    LAND = "land", _("Land")
    TALENT = "talent", _("Talent")
    TRADE = "trade", _("Foreign trade")
    FINANCE = "finance", _("Finance")


class GuideTopic(models.TextChoices):
    REGISTRATION = "registration", _("Registering a foreign-invested enterprise")
    LAND = "land", _("Land")
    PERMITS = "permits", _("Permits")
    TALENT = "talent", _("Talent")
    TAX = "tax", _("Tax")


def check_sectors(keys, field: str) -> dict:
    unknown = [key for key in keys or [] if SECTORS.term(key) is None]
    return {field: _("Unknown sectors: %s") % ", ".join(unknown)} if unknown else {}


def check_choices(values, choices, field: str) -> dict:
    unknown = [value for value in values or [] if value not in choices.values]
    return {field: _("Unknown values: %s") % ", ".join(unknown)} if unknown else {}


def sector_choices() -> list[tuple[str, str]]:
    return [(key, str(name)) for key, name in SECTORS.choices()]


class ContentPageForm(WagtailAdminPageForm):
    """Keys picked from their lists instead of typed as JSON (sectors, cooperation modes);
    a page without such a field simply has no such form field."""

    keyed_fields = {
        "sector": lambda: forms.ChoiceField(label=_("Sector"), choices=sector_choices),
        "sectors": lambda: forms.MultipleChoiceField(
            label=_("Sectors"),
            required=False,
            choices=sector_choices,
            widget=forms.CheckboxSelectMultiple,
        ),
        "cooperation_modes": lambda: forms.MultipleChoiceField(
            label=_("Cooperation modes"),
            required=False,
            choices=CooperationMode.choices,
            widget=forms.CheckboxSelectMultiple,
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, make in self.keyed_fields.items():
            if name in self.fields:
                self.fields[name] = make()


class InvestIndexPage(SectionIndexPage):
    """The Invest section (投资成渝): a landing over opportunities, industries, parks,
    policies and the guide."""

    subpage_types = [
        "invest.OpportunityIndexPage",
        "invest.ParkIndexPage",
        "invest.PolicyIndexPage",
        "invest.IndustryPage",
        "invest.GuidePage",
    ]

    class Meta:
        verbose_name = _("investment section")

    def listing_context(self, request) -> dict:
        from ..page_context import landing_context

        return landing_context(self, request)


class InvestListingPage(SectionIndexPage):
    """A listing below the Invest section (opportunities, parks, policies): an introduction
    over filters and cards; `listing_context` comes from page_context."""

    parent_page_types = ["invest.InvestIndexPage"]

    class Meta:
        abstract = True


class OpportunityIndexPage(InvestListingPage):
    subpage_types = ["invest.OpportunityPage"]

    class Meta:
        verbose_name = _("opportunity listing")

    def listing_context(self, request) -> dict:
        from ..page_context import opportunity_index_context

        return opportunity_index_context(self, request)


class ParkIndexPage(InvestListingPage):
    subpage_types = ["invest.ParkPage"]

    class Meta:
        verbose_name = _("park directory")

    def listing_context(self, request) -> dict:
        from ..page_context import park_index_context

        return park_index_context(self, request)


class PolicyIndexPage(InvestListingPage):
    subpage_types = ["invest.PolicyPage"]

    class Meta:
        verbose_name = _("policy library")

    def listing_context(self, request) -> dict:
        from ..page_context import policy_index_context

        return policy_index_context(self, request)


class SearchableMixin:
    """Chinese text indexed cut into words (textsearch.segment), as news and tourism do."""

    def search_title(self) -> str:
        return segment_for_index(self.title)

    def autocomplete_title(self) -> str:
        return segment_for_autocomplete(self.title)

    def search_text(self) -> str:
        return segment_for_index(self.search_passage_text())


SEARCH_FIELDS = [
    *Page.search_fields,
    index.SearchField("search_title", boost=4),
    index.SearchField("search_text"),
    index.AutocompleteField("autocomplete_title"),
]


class ParkPage(SearchableMixin, DemoContentMixin, Page):
    """An industrial park, new area or development zone, with where it is and what it hosts."""

    city = models.CharField(_("city"), max_length=20, choices=city_choices())
    district = models.CharField(_("district"), max_length=100, blank=True)
    # Keys of core/data/sectors.json.
    sectors = models.JSONField(_("leading industries"), default=list, blank=True)
    latitude = models.DecimalField(
        _("latitude (WGS-84)"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude (WGS-84)"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    coordinates_approximate = models.BooleanField(
        _("coordinates are approximate"),
        default=True,
        help_text=_("The map marks the area's centre, not an address."),
    )
    level = models.CharField(
        _("level"), max_length=30, choices=ParkLevel.choices, default=ParkLevel.OTHER
    )
    approved_by = models.CharField(_("approving body"), max_length=200, blank=True)
    approved_year = models.PositiveSmallIntegerField(_("year approved"), null=True, blank=True)
    approval_document = models.CharField(
        _("approval document number"),
        max_length=100,
        blank=True,
        help_text=_("Only where it is public, for example 国函〔2010〕36号."),
    )
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    management = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("management body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(
        _("summary"), default="", help_text=_("Two or three sentences for lists.")
    )
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)
    contact_phone = models.CharField(_("contact telephone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = ContentPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("city"), FieldPanel("district")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("coordinates_approximate"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldRowPanel([FieldPanel("approved_by"), FieldPanel("approved_year")]),
                FieldPanel("approval_document"),
                FieldPanel("area_km2"),
                FieldPanel("sectors"),
                FieldPanel("management"),
            ],
            heading=_("About the park"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("contact_phone"), FieldPanel("contact_email"), FieldPanel("website")],
            heading=_("Contact"),
        ),
        FieldPanel("image"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("is_demo")]
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "city",
            "sectors",
            "latitude",
            "longitude",
            "coordinates_approximate",
            "level",
            "approved_year",
            "approval_document",
            "area_km2",
            "management",
            "contact_phone",
            "contact_email",
            "website",
            "image",
        )
    ]
    parent_page_types = ["invest.ParkIndexPage"]
    subpage_types: list[str] = []
    search_fields = [*SEARCH_FIELDS, index.FilterField("city"), index.FilterField("level")]

    class Meta:
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        constraints = [
            models.CheckConstraint(
                condition=Q(area_km2__isnull=True) | Q(area_km2__gt=0),
                name="invest_park_area_positive",
            )
        ]

    def clean(self):
        super().clean()
        errors = check_sectors(self.sectors, "sectors")
        if errors:
            raise ValidationError(errors)

    def search_passage_text(self) -> str:
        return f"{self.summary} {html_to_text(self.body)}"

    def get_context(self, request, *args, **kwargs):
        from ..page_context import park_context

        context = super().get_context(request, *args, **kwargs)
        context.update(park_context(self, request))
        return context


class OpportunityPage(SearchableMixin, DemoContentMixin, Page):
    """A project that seeks investors (招商项目), in one city or jointly in both."""

    city = models.CharField(_("city"), max_length=20, choices=city_choices(City.BOTH))
    district = models.CharField(_("district"), max_length=100, blank=True)
    sector = models.CharField(_("sector"), max_length=40)  # a key of core/data/sectors.json
    # Synchronised, as wagtail-localize keeps a link to a page: the Chinese opportunity points
    # at the same park page as the English one. Pages show `park.localized` and selectors
    # match parks by translation key, so the visitor always sees the park in their language.
    park = models.ForeignKey(
        ParkPage,
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    total_investment_yuan = models.DecimalField(
        _("total investment (yuan)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    sought_yuan = models.DecimalField(
        _("investment sought (yuan)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    cooperation_modes = models.JSONField(_("cooperation modes"), default=list, blank=True)
    latitude = models.DecimalField(
        _("latitude (WGS-84)"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude (WGS-84)"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    summary = models.TextField(
        _("summary"), default="", help_text=_("Two or three sentences for lists.")
    )
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)
    planning_status = models.CharField(
        _("planning status"), max_length=20, choices=PlanningStatus.choices, blank=True
    )
    time_to_decision = models.CharField(
        _("time to decision"), max_length=20, choices=TimeToDecision.choices, blank=True
    )
    promoter = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("promoter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_name = models.CharField(_("contact"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    documents = StreamField(
        [("document", DocumentChooserBlock(label=_("document")))],
        verbose_name=_("documents"),
        blank=True,
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown on the Invest landing and home page.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = ContentPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("sector"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("district"), FieldPanel("park")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("What and where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("total_investment_yuan"), FieldPanel("sought_yuan")]),
                FieldPanel("cooperation_modes"),
                FieldRowPanel([FieldPanel("planning_status"), FieldPanel("time_to_decision")]),
            ],
            heading=_("Investment"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("promoter"),
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
            ],
            heading=_("Promoter and contact"),
        ),
        FieldPanel("documents"),
        FieldPanel("image"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("featured"), FieldPanel("is_demo")]
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "city",
            "sector",
            "park",
            "total_investment_yuan",
            "sought_yuan",
            "cooperation_modes",
            "latitude",
            "longitude",
            "planning_status",
            "time_to_decision",
            "promoter",
            "contact_phone",
            "contact_email",
            "featured",
            "image",
            "documents",
        )
    ]
    parent_page_types = ["invest.OpportunityIndexPage"]
    subpage_types: list[str] = []
    serve_select_related = ("park", "promoter", "image")
    search_fields = [
        *SEARCH_FIELDS,
        index.SearchField("search_sector", boost=2),
        index.FilterField("city"),
        index.FilterField("sector"),
    ]

    class Meta:
        verbose_name = _("investment opportunity")
        verbose_name_plural = _("investment opportunities")
        constraints = [
            models.CheckConstraint(
                condition=Q(sought_yuan__isnull=True)
                | Q(total_investment_yuan__isnull=True)
                | Q(sought_yuan__lte=models.F("total_investment_yuan")),
                name="invest_opportunity_sought_within_total",
            )
        ]

    def clean(self):
        super().clean()
        errors = {}
        if SECTORS.term(self.sector) is None:
            errors["sector"] = _("Choose a sector of the list.")
        errors |= check_choices(self.cooperation_modes, CooperationMode, "cooperation_modes")
        if (
            self.sought_yuan is not None
            and self.total_investment_yuan is not None
            and self.sought_yuan > self.total_investment_yuan
        ):
            errors["sought_yuan"] = _("The amount sought cannot exceed the total investment.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_joint(self) -> bool:
        return self.city == City.BOTH

    def mode_labels(self) -> list[str]:
        labels = dict(CooperationMode.choices)
        return [labels[mode] for mode in self.cooperation_modes or [] if mode in labels]

    def search_passage_text(self) -> str:
        return f"{self.summary} {html_to_text(self.body)}"

    def search_sector(self) -> str:
        """The sector's names in both languages and its aliases: 汽车 and "vehicle" both find
        a vehicle opportunity, whichever language it is written in."""
        term = SECTORS.term(self.sector)
        return segment_for_index(" ".join(term.spellings())) if term else ""

    def get_context(self, request, *args, **kwargs):
        from ..page_context import opportunity_context

        context = super().get_context(request, *args, **kwargs)
        context.update(opportunity_context(self, request))
        return context


class IndustryPage(SearchableMixin, DemoContentMixin, Page):
    """A key industry (重点产业): one of Chongqing's "33618" clusters or Sichuan's "5+1"
    industries, with its parks, opportunities, policies and enterprises."""

    sector = models.CharField(_("sector"), max_length=40)  # a key of core/data/sectors.json
    city = models.CharField(_("city"), max_length=20, choices=city_choices(City.BOTH))
    programme = models.CharField(
        _("programme"), max_length=100, blank=True, help_text=_("For example “33618” or “5+1”.")
    )
    summary = models.TextField(_("summary"))
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)

    base_form_class = ContentPageForm
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("sector"), FieldPanel("city"), FieldPanel("programme")]),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("is_demo")]
    override_translatable_fields = [SynchronizedField("sector"), SynchronizedField("city")]
    parent_page_types = ["invest.InvestIndexPage"]
    subpage_types: list[str] = []
    search_fields = SEARCH_FIELDS

    class Meta:
        verbose_name = _("key industry")
        verbose_name_plural = _("key industries")

    def clean(self):
        super().clean()
        if SECTORS.term(self.sector) is None:
            raise ValidationError({"sector": _("Choose a sector of the list.")})

    def search_passage_text(self) -> str:
        return f"{self.summary} {html_to_text(self.body)}"

    def get_context(self, request, *args, **kwargs):
        from ..page_context import industry_context

        context = super().get_context(request, *args, **kwargs)
        context.update(industry_context(self, request))
        return context


class PolicyPage(SearchableMixin, DemoContentMixin, Page):
    """A policy document (投资政策): who issued it, its number, dates and status, its text."""

    issuer = models.CharField(_("issuing body"), max_length=200)
    document_number = models.CharField(
        _("document number"),
        max_length=100,
        blank=True,
        help_text=_("For example 渝府发〔2021〕18号."),
    )
    issued_on = models.DateField(_("issued on"))
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PolicyStatus.choices, default=PolicyStatus.IN_FORCE
    )
    # Synchronised like OpportunityPage.park; the page shows `replaced_by.localized`.
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced or amended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.CharField(_("topic"), max_length=20, choices=PolicyTopic.choices)
    city = models.CharField(_("city"), max_length=20, choices=city_choices(City.BOTH))
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    summary = models.TextField(_("summary"))
    body = StreamField(ArticleBodyBlock(), verbose_name=_("full text"), blank=True)
    attachments = StreamField(
        [("document", DocumentChooserBlock(label=_("document")))],
        verbose_name=_("attachments"),
        blank=True,
    )
    source_url = models.URLField(_("official source"), blank=True)
    # Demo content is either public facts summarised (number, issuer, dates as published) or
    # an invented example; the public page says which.
    is_invented = models.BooleanField(
        _("invented example"),
        default=False,
        help_text=_("An example made up for a demonstration: the page says it is not real."),
    )

    base_form_class = ContentPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("document_number")]),
                FieldRowPanel([FieldPanel("issued_on"), FieldPanel("effective_on")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("replaced_by")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("city")]),
                FieldPanel("sectors"),
                FieldPanel("source_url"),
            ],
            heading=_("About the document"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("is_demo"), FieldPanel("is_invented")]
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "document_number",
            "issued_on",
            "effective_on",
            "status",
            "replaced_by",
            "topic",
            "city",
            "sectors",
            "attachments",
            "source_url",
            "is_invented",
        )
    ]
    parent_page_types = ["invest.PolicyIndexPage"]
    subpage_types: list[str] = []
    serve_select_related = ("replaced_by",)
    search_fields = [
        *SEARCH_FIELDS,
        index.SearchField("search_issuer", boost=2),
        index.FilterField("status"),
        index.FilterField("issued_on"),
    ]

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True) | Q(effective_on__gte=models.F("issued_on")),
                name="invest_policy_effective_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(status="in-force")
                | Q(replaced_by__isnull=False)
                | Q(status="repealed"),
                name="invest_policy_amended_names_amendment",
            ),
        ]

    def clean(self):
        super().clean()
        errors = check_sectors(self.sectors, "sectors")
        if self.effective_on and self.issued_on and self.effective_on < self.issued_on:
            errors["effective_on"] = _("A policy cannot take effect before it is issued.")
        if self.status == PolicyStatus.AMENDED and not self.replaced_by_id:
            errors["replaced_by"] = _("Name the document that amended this one.")
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("A document cannot replace itself.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_current(self) -> bool:
        return self.status == PolicyStatus.IN_FORCE

    def search_passage_text(self) -> str:
        return f"{self.summary} {stream_text(self.body)}"

    def search_issuer(self) -> str:
        return segment_for_index(f"{self.issuer} {self.document_number}")

    def get_context(self, request, *args, **kwargs):
        from ..page_context import policy_context

        context = super().get_context(request, *args, **kwargs)
        context.update(policy_context(self, request))
        return context


class OfficeBlock(blocks.StructBlock):
    """The office of one city that handles a step."""

    name = blocks.CharBlock(label=_("office"))
    address = blocks.CharBlock(label=_("address"), required=False)
    phone = blocks.CharBlock(label=_("telephone"), required=False)
    url = blocks.URLBlock(label=_("website"), required=False)

    class Meta:
        icon = "site"


class GuideStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"))
    text = blocks.RichTextBlock(label=_("what to do"), features=["bold", "italic", "link", "ul"])
    chongqing = OfficeBlock(label=_("Chongqing office"))
    chengdu = OfficeBlock(label=_("Chengdu office"))

    class Meta:
        icon = "list-ol"


class GuidePage(SearchableMixin, DemoContentMixin, Page):
    """A chapter of the investment guide (投资指南): numbered steps, each with the office of
    Chongqing and of Chengdu that handles it, side by side."""

    topic = models.CharField(_("topic"), max_length=20, choices=GuideTopic.choices)
    summary = models.TextField(_("summary"))
    steps = StreamField([("step", GuideStepBlock())], verbose_name=_("steps"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        FieldPanel("summary"),
        FieldPanel("steps"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("is_demo")]
    override_translatable_fields = [SynchronizedField("topic")]
    parent_page_types = ["invest.InvestIndexPage"]
    subpage_types: list[str] = []
    search_fields = SEARCH_FIELDS

    class Meta:
        verbose_name = _("investment guide page")
        verbose_name_plural = _("investment guide pages")

    def search_passage_text(self) -> str:
        return f"{self.summary} {stream_text(self.steps)}"

    def get_context(self, request, *args, **kwargs):
        from ..page_context import guide_context

        context = super().get_context(request, *args, **kwargs)
        context.update(guide_context(self, request))
        return context
