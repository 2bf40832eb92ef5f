"""Projects (the second half of a case, from a lead to production) and the case's audit trail.

Stages and their gates, who may move a case to which stage, and the service levels live in the
services; the models hold the data and what the database can enforce."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import city_choices

__all__ = ["CaseEvent", "Project", "ProjectStage", "ProjectStatus"]


class ProjectStage(models.TextChoices):
    LEAD = "lead", _("Lead")
    NEGOTIATION = "negotiation", _("Negotiation")
    SIGNED = "signed", _("Signed")
    CONSTRUCTION = "construction", _("Construction started")
    PRODUCTION = "production", _("In production")


class ProjectStatus(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    DELAYED = "delayed", _("Delayed")
    DORMANT = "dormant", _("Dormant")
    LOST = "lost", _("Lost")
    ABANDONED = "abandoned", _("Abandoned")
    WON = "won", _("Won")


class Project(models.Model):
    """An investment project: from the enquiry it grew out of (or entered by staff), through
    negotiation to a signed contract (正式合同额), funds arrived (到位资金), construction
    started (落地开工) and production."""

    enquiry = models.OneToOneField(
        "invest.Enquiry",
        verbose_name=_("enquiry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project",
    )
    name = models.CharField(_("project name"), max_length=200)
    investor = models.CharField(_("investor"), max_length=200)
    sector = models.CharField(_("sector"), max_length=40)  # a key of core/data/sectors.json
    city = models.CharField(_("city"), max_length=20, choices=city_choices())
    district = models.CharField(_("district"), max_length=100, blank=True)
    office = models.ForeignKey(
        "invest.Office", verbose_name=_("office"), on_delete=models.PROTECT, related_name="projects"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("project manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_projects",
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=ProjectStage.choices, default=ProjectStage.LEAD
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ONGOING
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    stage_changed_at = models.DateTimeField(_("stage changed at"), auto_now_add=True)
    contract_value_yuan = models.DecimalField(
        _("formal contract value (yuan)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    funds_arrived_yuan = models.DecimalField(
        _("funds arrived (yuan)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    planned_jobs = models.PositiveIntegerField(_("planned jobs"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    construction_started_on = models.DateField(_("construction started on"), null=True, blank=True)
    production_started_on = models.DateField(_("production started on"), null=True, blank=True)

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class CaseEvent(models.Model):
    """One line of a case's audit trail: who did what to an enquiry or its project, when, and
    the values before and after. Written by the services in the same transaction as the
    change; never edited."""

    enquiry = models.ForeignKey(
        "invest.Enquiry", on_delete=models.CASCADE, related_name="events", null=True, blank=True
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="events", null=True, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=40)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
