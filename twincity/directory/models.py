"""Organisations of the two cities, the groups they form, and their school–industry projects."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .validators import validate_credit_code


class City(models.TextChoices):
    CHENGDU = "chengdu", _("Chengdu")
    CHONGQING = "chongqing", _("Chongqing")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        ENTERPRISE = "enterprise", _("Enterprise")
        ASSOCIATION = "association", _("Association")
        GOVERNMENT = "government", _("Government body")
        TOURISM_OPERATOR = "tourism", _("Tourism operator")

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    city = models.CharField(_("city"), max_length=20, choices=City.choices)
    district = models.CharField(_("district"), max_length=100, blank=True)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=50, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("18 characters; required for enterprises."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~Q(credit_code=""),
                name="directory_unique_credit_code",
            ),
            models.CheckConstraint(
                condition=~Q(kind="enterprise") | ~Q(credit_code=""),
                name="directory_enterprise_has_credit_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.name_zh})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.ENTERPRISE and not self.credit_code:
            raise ValidationError(
                {"credit_code": _("An enterprise needs its unified social credit code.")}
            )


class Group(models.Model):
    """An alliance of organisations, such as the vocational education group of 15 May 2020."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    members = models.ManyToManyField(Organisation, through="Membership", related_name="groups")

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return f"{self.name_en} ({self.name_zh})"


class Membership(models.Model):
    class Role(models.TextChoices):
        FOUNDER = "founder", _("Founding member")
        CHAIR = "chair", _("Chair")
        SECRETARIAT = "secretariat", _("Secretariat")
        MEMBER = "member", _("Member")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "organisation"], name="directory_one_membership_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.group}"


class CooperationProject(models.Model):
    class Kind(models.TextChoices):
        INTERNSHIP_BASE = "internship_base", _("Internship base")
        ORDER_CLASS = "order_class", _("Order class")
        JOINT_CURRICULUM = "joint_curriculum", _("Joint curriculum")
        TRAINING_CENTRE = "training_centre", _("Training centre")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")

    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    partners = models.ManyToManyField(Organisation, related_name="cooperation_projects")

    class Meta:
        verbose_name = _("cooperation project")
        verbose_name_plural = _("cooperation projects")

    def __str__(self) -> str:
        return self.title_en
