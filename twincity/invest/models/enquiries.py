"""Enquiries from investors (在线咨询) and the offices of the two cities that receive them.

An enquiry is also the first half of a case: staff work it through its stages (new → awaiting
response → engaged → project, or non-responsive / not applicable) before a project takes over
(models/cases.py)."""

import secrets

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from twincity.core.cities import City, city_choices
from twincity.core.vocabulary import SECTORS

__all__ = ["Enquiry", "EnquiryStage", "IntendedCity", "Office", "Timeline"]


def new_reference() -> str:
    """What the investor and staff quote: "INV-" and eight characters without look-alikes."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "INV-" + "".join(secrets.choice(alphabet) for _ in range(8))


class Office(models.Model):
    """An investment promotion office of one city (Chongqing's investment promotion bureau,
    Chengdu's investment promotion office, a park's investment service centre): the team whose
    members own and work the cases routed to it."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    city = models.CharField(_("city"), max_length=20, choices=city_choices())
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("e-mail for new enquiries"), blank=True)
    email_language = models.CharField(
        _("language of its e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="zh-hans",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff"), blank=True, related_name="invest_offices"
    )

    class Meta:
        verbose_name = _("investment office")
        verbose_name_plural = _("investment offices")
        ordering = ["city", "name_en"]

    def __str__(self) -> str:
        return self.name_en


class IntendedCity(models.TextChoices):
    CHENGDU = City.CHENGDU.value, City.CHENGDU.label
    CHONGQING = City.CHONGQING.value, City.CHONGQING.label
    EITHER = "either", _("Either city")


class Timeline(models.TextChoices):
    WITHIN_6_MONTHS = "6m", _("Within 6 months")
    WITHIN_A_YEAR = "1y", _("Within a year")
    WITHIN_2_YEARS = "2y", _("Within two years")
    EXPLORING = "exploring", _("Still exploring")


class EnquiryStage(models.TextChoices):
    NEW = "new", _("New")
    AWAITING_RESPONSE = "awaiting", _("Awaiting the investor's response")
    ENGAGED = "engaged", _("Engaged")
    PROJECT = "project", _("Became a project")
    NON_RESPONSIVE = "non-responsive", _("Non-responsive")
    NOT_APPLICABLE = "not-applicable", _("Not applicable")


class Enquiry(models.Model):
    """An investor's enquiry, as sent (the investor's words are kept as typed) and as worked."""

    reference = models.CharField(_("reference"), max_length=12, unique=True, default=new_reference)
    # The private link's secret: whoever holds it sees the enquiry's public status.
    status_token = models.CharField(
        max_length=64, unique=True, default=secrets.token_urlsafe, editable=False
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    # Who
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    company = models.CharField(_("company"), max_length=200)
    company_country = models.CharField(_("company's country or region"), max_length=100)
    company_website = models.URLField(_("company website"), blank=True)

    # What
    sector = models.CharField(_("sector"), max_length=40)  # a key of core/data/sectors.json
    intended_city = models.CharField(
        _("intended city"), max_length=20, choices=IntendedCity.choices
    )
    planned_investment_yuan = models.DecimalField(
        _("planned investment (yuan)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    planned_jobs = models.PositiveIntegerField(_("planned jobs"), null=True, blank=True)
    timeline = models.CharField(_("timeline"), max_length=20, choices=Timeline.choices)
    # Values of content.CooperationMode the investor would consider.
    preferred_modes = models.JSONField(_("cooperation modes considered"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    opportunities = models.ManyToManyField(
        "invest.OpportunityPage",
        verbose_name=_("opportunities of interest"),
        blank=True,
        related_name="enquiries",
    )
    consented_at = models.DateTimeField(_("consented to the privacy notice at"))

    # As worked
    offices = models.ManyToManyField(
        Office, verbose_name=_("offices"), blank=True, related_name="enquiries"
    )
    lead_office = models.ForeignKey(
        Office,
        verbose_name=_("lead office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_enquiries",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_enquiries",
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=EnquiryStage.choices, default=EnquiryStage.NEW
    )
    stage_changed_at = models.DateTimeField(_("stage changed at"), auto_now_add=True)
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    last_contact_at = models.DateTimeField(
        _("last contact with the investor"), null=True, blank=True
    )
    routed_by = models.ForeignKey(
        "invest.RoutingRule",
        verbose_name=_("routed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    high_value = models.BooleanField(_("high value"), default=False)
    score_reasons = models.JSONField(_("why it scored"), default=list, blank=True)

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["stage", "stage_changed_at"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.company}"


# --- Routing and the scorecard, as staff edit them (routing.py and scorecard.py read them) ----

__all__ += [
    "PriorityMatch",
    "RouteOffice",
    "RoutingRule",
    "Scorecard",
    "SectorThreshold",
]


class RoutingRule(ClusterableModel):
    """Where an enquiry goes: the first active rule, by position, whose conditions all hold
    routes it to its offices (the first listed leads; two offices make a joint case). An empty
    condition holds for every enquiry. The fallback rule is tried last, whatever its position."""

    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveIntegerField(
        _("position"), default=100, help_text=_("Rules are tried from the lowest position up.")
    )
    active = models.BooleanField(_("active"), default=True)
    is_fallback = models.BooleanField(
        _("fallback rule"),
        default=False,
        help_text=_("Routes every enquiry that no other rule matches; its conditions are ignored."),
    )
    # Keys of core/data/sectors.json; empty: any sector.
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    # Values of IntendedCity; empty: any.
    intended_cities = models.JSONField(_("intended cities"), default=list, blank=True)
    min_investment_yuan = models.DecimalField(
        _("minimum planned investment (yuan)"),
        max_digits=16,
        decimal_places=0,
        null=True,
        blank=True,
    )
    max_investment_yuan = models.DecimalField(
        _("maximum planned investment (yuan)"),
        max_digits=16,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Up to and including this amount."),
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["is_fallback", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_fallback"],
                condition=models.Q(is_fallback=True),
                name="invest_one_fallback_rule",
                violation_error_message=_("There is a fallback rule already."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_investment_yuan__isnull=True)
                | models.Q(max_investment_yuan__isnull=True)
                | models.Q(min_investment_yuan__lte=models.F("max_investment_yuan")),
                name="invest_rule_min_not_over_max",
                violation_error_message=_("The minimum must not be over the maximum."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RouteOffice(Orderable):
    """One office a rule routes to; the first in order leads the case."""

    rule = ParentalKey(RoutingRule, on_delete=models.CASCADE, related_name="route_offices")
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("office routed to")
        verbose_name_plural = _("offices routed to")
        constraints = [
            models.UniqueConstraint(fields=["rule", "office"], name="invest_route_office_once")
        ]


class Scorecard(ClusterableModel):
    """How an enquiry scores: points for a planned investment at or over its sector's threshold,
    for jobs over a number, and for a priority sector in the intended city; an enquiry scoring
    at least the high-value threshold is flagged. One scorecard is in use: the latest."""

    name = models.CharField(_("name"), max_length=200, default="Scorecard")
    investment_points = models.PositiveSmallIntegerField(
        _("points for an investment at or over the sector's threshold"), default=40
    )
    default_threshold_yuan = models.DecimalField(
        _("threshold of the sectors not listed (yuan)"),
        max_digits=16,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Leave empty to give no investment points in the sectors not listed."),
    )
    jobs_over = models.PositiveIntegerField(_("jobs: more than"), default=100)
    jobs_points = models.PositiveSmallIntegerField(_("points for more jobs than that"), default=30)
    priority_points = models.PositiveSmallIntegerField(
        _("points for a priority sector in the intended city"), default=30
    )
    high_value_score = models.PositiveSmallIntegerField(
        _("high value from this score up"), default=60
    )

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.name


def sector_select() -> forms.Select:
    return forms.Select(choices=[(term.key, term.label) for term in SECTORS])


class SectorThreshold(Orderable):
    scorecard = ParentalKey(Scorecard, on_delete=models.CASCADE, related_name="thresholds")
    sector = models.CharField(_("sector"), max_length=40)  # a key of core/data/sectors.json
    threshold_yuan = models.DecimalField(
        _("investment threshold (yuan)"), max_digits=16, decimal_places=0
    )

    panels = [FieldPanel("sector", widget=sector_select()), FieldPanel("threshold_yuan")]

    class Meta(Orderable.Meta):
        verbose_name = _("sector threshold")
        verbose_name_plural = _("sector thresholds")
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "sector"], name="invest_threshold_sector_once"
            )
        ]


class PriorityMatch(Orderable):
    """A sector that a city promotes first (Chongqing's vehicles, Chengdu's electronics...)."""

    scorecard = ParentalKey(Scorecard, on_delete=models.CASCADE, related_name="priorities")
    sector = models.CharField(_("sector"), max_length=40)  # a key of core/data/sectors.json
    city = models.CharField(_("city"), max_length=20, choices=city_choices())

    panels = [FieldPanel("sector", widget=sector_select()), FieldPanel("city")]

    class Meta(Orderable.Meta):
        verbose_name = _("priority sector of a city")
        verbose_name_plural = _("priority sectors of the cities")
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "sector", "city"], name="invest_priority_once"
            )
        ]
