"""Enquiries from investors (在线咨询) and the offices of the two cities that receive them.

An enquiry is also the first half of a case: staff work it through its stages (new → awaiting
response → engaged → project, or non-responsive / not applicable) before a project takes over
(models/cases.py)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City, city_choices

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
