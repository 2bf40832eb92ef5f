"""Organisations of the two cities, the groups they form, and their school–industry projects."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.search import index

from twincity.core.cities import City, city_choices
from twincity.core.models import DemoContentMixin
from twincity.core.vocabulary import DISTRICTS, INDUSTRIES
from twincity.core.vocabulary_forms import SuggestionsInput
from twincity.textsearch.segment import segment_for_autocomplete, segment_for_index

from .validators import validate_credit_code


class DemoFlag(DemoContentMixin):
    """Rows the demo loader invented for illustration (see demo.py), labelled "[demo]" wherever
    shown: the admin shows a snippet by `str()`, which `with_demo_label` serves."""

    class Meta:
        abstract = True

    def get_admin_display_title(self) -> str:
        return str(self)  # the mixin's own asks a Page for its title; a snippet is none

    def with_demo_label(self, text: str) -> str:
        return "{} [{}]".format(text, _("demo")) if self.is_demo else text


class OrganisationQuerySet(models.QuerySet):
    def public(self) -> "OrganisationQuerySet":
        """What visitors may see: every page, list and feed of the public site reads through this."""
        return self.filter(listed=True)


class Organisation(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        ENTERPRISE = "enterprise", _("Enterprise")
        ASSOCIATION = "association", _("Association")
        GOVERNMENT = "government", _("Government body")
        TOURISM_OPERATOR = "tourism", _("Tourism operator")

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    city = models.CharField(_("city"), max_length=20, choices=city_choices(City.OTHER))
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
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # False for an enterprise a recruiter's sign-up added: its names are the sender's word
    # until organisers approve the sign-up (talent), which lists it. Staff may unlist any.
    listed = models.BooleanField(
        _("shown on the public site"),
        default=True,
        help_text=_(
            "Untick to keep this organisation out of the directory, search, sitemaps and job "
            "listings. An enterprise added by a recruiter's sign-up stays unlisted until the "
            "organisers approve the sign-up."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    # The site search finds an organisation by either name in either script; visitors see
    # only listed ones (the search asks Organisation.objects.public()). Chinese is cut into
    # words (twincity.textsearch.segment).
    search_fields = [
        index.SearchField("search_names", boost=4),
        index.SearchField("search_text"),
        index.AutocompleteField("autocomplete_names"),
        index.FilterField("listed"),
    ]

    panels = [
        FieldPanel("name_en"),
        FieldPanel("name_zh"),
        FieldPanel("kind"),
        FieldPanel("city"),
        # Free text; the vocabulary's names are suggested so that pages can name them in
        # both languages (core/vocabulary.py), but any text is kept.
        FieldPanel("district", widget=SuggestionsInput(DISTRICTS)),
        FieldPanel("industry", widget=SuggestionsInput(INDUSTRIES)),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
        FieldPanel("credit_code"),
        FieldPanel("listed"),
    ]

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

    def search_names(self) -> str:
        return segment_for_index(f"{self.name_en} {self.name_zh}")

    def autocomplete_names(self) -> str:
        return segment_for_autocomplete(f"{self.name_en} {self.name_zh}")

    def search_text(self) -> str:
        """The industry and district in both languages, as the vocabulary names them."""
        words = [self.industry, self.district]
        for vocabulary, value in ((INDUSTRIES, self.industry), (DISTRICTS, self.district)):
            term = vocabulary.term(value) if value else None
            if term is not None:
                words += [term.en, term.zh]
        return segment_for_index(" ".join(words))

    def list_publicly(self) -> None:
        """Show the organisation on the public site (once organisers vouch for it)."""
        if not self.listed:
            self.listed = True
            self.save(update_fields=["listed"])

    def clean(self) -> None:
        if self.kind == self.Kind.ENTERPRISE and not self.credit_code:
            raise ValidationError(
                {"credit_code": _("An enterprise needs its unified social credit code.")}
            )


class GroupForm(WagtailAdminModelForm):
    """The group's edit form, whose membership rows see the group as edited on the same page,
    so that Membership.clean checks join dates against the founding date being saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form in self.formsets["memberships"].forms:
            form.instance.group = self.instance


class Group(ClusterableModel):
    """An alliance of organisations, such as the vocational education group of 15 May 2020.

    Clusterable so that staff edit its memberships on the group's own edit page.
    """

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    members = models.ManyToManyField(Organisation, through="Membership", related_name="groups")

    panels = [
        FieldPanel("name_en"),
        FieldPanel("name_zh"),
        FieldPanel("founded_on"),
        InlinePanel("memberships", heading=_("Members"), label=_("member")),
    ]
    base_form_class = GroupForm

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return f"{self.name_en} ({self.name_zh})"


class Membership(DemoFlag):
    class Role(models.TextChoices):
        FOUNDER = "founder", _("Founding member")
        CHAIR = "chair", _("Chair")
        SECRETARIAT = "secretariat", _("Secretariat")
        MEMBER = "member", _("Member")

    group = ParentalKey(Group, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("role"),
        FieldPanel("joined_on"),
        FieldPanel("is_demo"),
    ]

    class Meta:
        verbose_name = _("membership")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "organisation"], name="directory_one_membership_per_group"
            )
        ]

    def __str__(self) -> str:
        return self.with_demo_label(f"{self.organisation} in {self.group}")

    def clean(self) -> None:
        # Without a group yet, RelatedObjectDoesNotExist (an AttributeError): getattr copes.
        founded_on = getattr(getattr(self, "group", None), "founded_on", None)
        if founded_on and self.joined_on and self.joined_on < founded_on:
            raise ValidationError(
                {"joined_on": _("A member cannot join before the group was founded.")}
            )


class CooperationProject(DemoFlag):
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
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partners"), related_name="cooperation_projects"
    )

    # A plain many-to-many: snippets keep no revisions, so the form saves it directly. Checkboxes,
    # because a multiple <select> needs Ctrl-click, which staff get wrong.
    panels = [
        FieldPanel("title_en"),
        FieldPanel("title_zh"),
        FieldPanel("kind"),
        FieldPanel("status"),
        FieldPanel("started_on"),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("is_demo"),
    ]

    class Meta:
        verbose_name = _("cooperation project")
        verbose_name_plural = _("cooperation projects")

    def __str__(self) -> str:
        return self.with_demo_label(self.title_en)
