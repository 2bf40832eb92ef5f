"""Projects (the second half of a case, from a lead to production) and the case's audit trail.

Stages and their gates, who may move a case to which stage, and the service levels live in the
services; the models hold the data and what the database can enforce."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import city_choices

__all__ = [
    "CaseEvent",
    "CaseNote",
    "CaseTask",
    "CaseTeamMember",
    "Project",
    "ProjectStage",
    "ProjectStatus",
]


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
    planned_investment_yuan = models.DecimalField(
        _("planned investment (yuan)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    planned_jobs = models.PositiveIntegerField(_("planned jobs"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    construction_started_on = models.DateField(_("construction started on"), null=True, blank=True)
    production_started_on = models.DateField(_("production started on"), null=True, blank=True)

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        ordering = ["-created_at"]
        # Who may do what to a case (services/cases.py asks; the groups "Investment officers"
        # and "Investment managers" hold them, migration 0002 or later): a move to a stage
        # needs the right of that stage, so signing can be kept to managers.
        permissions = [
            ("work_cases", _("Work investment cases of one's offices")),
            ("move_to_negotiation", _("Move a project to negotiation")),
            ("move_to_signed", _("Move a project to signed")),
            ("move_to_construction", _("Move a project to construction started")),
            ("move_to_production", _("Move a project to in production")),
            ("close_project", _("Mark a project won, lost or abandoned")),
            ("hand_over_case", _("Hand a case over to another office")),
        ]

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


class CaseTeamMember(models.Model):
    """A member of an enquiry's case team besides its owner (staff of the case's offices)."""

    enquiry = models.ForeignKey("invest.Enquiry", on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invest_case_teams"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case team member")
        verbose_name_plural = _("case team members")
        constraints = [
            models.UniqueConstraint(fields=["enquiry", "user"], name="invest_team_member_once")
        ]

    def __str__(self) -> str:
        return str(self.user)


class CaseItem(models.Model):
    """What belongs to a case: to its enquiry when there is one (the project that grew out of
    it included), otherwise to a project entered by staff."""

    enquiry = models.ForeignKey(
        "invest.Enquiry", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class CaseNote(CaseItem):
    """A note on a case: a call, a visit, what the investor said."""

    text = models.TextField(_("note"))

    class Meta:
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(enquiry__isnull=False) | models.Q(project__isnull=False),
                name="invest_note_of_a_case",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class CaseTask(CaseItem):
    """Something to do on a case by a date; the worker reminds its assignee once when the date
    has passed (reminder_sent_at remembers it)."""

    title = models.CharField(_("task"), max_length=300)
    due_on = models.DateField(_("due on"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invest_case_tasks",
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case task")
        verbose_name_plural = _("case tasks")
        ordering = ["done_at", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(enquiry__isnull=False) | models.Q(project__isnull=False),
                name="invest_task_of_a_case",
            )
        ]
        indexes = [models.Index(fields=["done_at", "due_on"])]

    def __str__(self) -> str:
        return self.title
