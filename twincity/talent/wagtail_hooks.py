"""Staff run the job fairs in the Wagtail admin: Job fairs → Fairs, Booths, Recruiters.

Recruiters are approved or rejected on the organisers' own page (it e-mails them); the admin
lists them, filtered by status, and edits only their contact details.
"""

from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from twincity.core.hooks import (
    DEMO_LOADERS,
    HOME_PAGE_SECTIONS,
    ORGANISATION_PROFILE_EXTRAS,
    SEARCH_SOURCES,
    Extra,
)

from . import access, jobsearch
from .models import Booth, Fair, Recruiter


class FairForm(WagtailAdminModelForm):
    """Says plainly what the database's checks would refuse, next to the field concerned."""

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        closes_at = data.get("booking_closes_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The fair must end after it starts."))
        if ends_at and closes_at and closes_at > ends_at:
            self.add_error("booking_closes_at", _("Booking must close before the fair ends."))
        if data.get("mode") == Fair.Mode.ON_SITE and not data.get("city"):
            self.add_error("city", _("A fair on site takes place in a city: choose it."))
        return data


class BoothForm(WagtailAdminModelForm):
    """A booth number is given once per fair, and an enterprise has one booth per fair: say so
    on the form rather than let the database refuse the save."""

    def clean(self):
        data = super().clean()
        fair, organisation = data.get("fair"), data.get("organisation")
        number = (data.get("number") or "").strip()
        if fair is None:
            return data
        others = Booth.objects.filter(fair=fair).exclude(pk=self.instance.pk)
        taken = others.filter(number=number).select_related("organisation").first()
        if number and taken:
            self.add_error(
                "number",
                _("Booth %(number)s at this fair is given to %(enterprise)s already.")
                % {"number": number, "enterprise": taken.organisation.name_zh},
            )
        if organisation and others.filter(organisation=organisation).exists():
            self.add_error(
                "organisation",
                _("This enterprise has a booth at this fair already: edit that one."),
            )
        data["number"] = number
        return data


class FairViewSet(SnippetViewSet):
    model = Fair
    icon = "date"
    list_display = ["title_en", "title_zh", "starts_at", "mode", "city"]
    list_filter = ["mode", "city"]
    search_fields = ["title_en", "title_zh"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("title_en"),
                    FieldPanel("title_zh"),
                    FieldPanel("description_en"),
                    FieldPanel("description_zh"),
                ],
                heading=_("Title and description"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("mode"),
                    FieldPanel("city"),
                    FieldPanel("venue_en"),
                    FieldPanel("venue_zh"),
                ],
                heading=_("Where"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                    FieldPanel("booking_closes_at"),
                    FieldPanel("min_gap_minutes"),
                ],
                heading=_("When"),
            ),
            FieldPanel("organisers", widget=forms.SelectMultiple(attrs={"size": 8})),
        ],
        base_form_class=FairForm,
    )


class BoothViewSet(SnippetViewSet):
    model = Booth
    icon = "pick"
    list_display = ["number", "organisation", "fair"]
    list_filter = ["fair"]
    search_fields = ["number"]
    edit_handler = ObjectList(
        [FieldPanel("fair"), FieldPanel("organisation"), FieldPanel("number")],
        base_form_class=BoothForm,
    )

    def get_queryset(self, request):
        return Booth.objects.select_related("fair", "organisation")


class NoAddingPolicy(ModelPermissionPolicy):
    """Recruiters register themselves (and name their enterprise); staff never add one."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# Registered before any view asks, as Wagtail wants (the viewset then finds it).
register_permission_policy(Recruiter, NoAddingPolicy(Recruiter), exact_class=True)


class RecruiterViewSet(SnippetViewSet):
    model = Recruiter
    icon = "user"
    list_display = ["full_name", "organisation", "status", "requested_at"]
    list_filter = ["status"]
    search_fields = ["full_name"]
    edit_handler = ObjectList(
        [
            FieldPanel("organisation", read_only=True),
            FieldPanel(
                "status",
                read_only=True,
                help_text=_("Approve or reject on the organisers' page “Recruiter approvals”."),
            ),
            FieldPanel("full_name"),
            FieldPanel("job_title"),
            FieldPanel("phone"),
            FieldPanel("language"),
        ]
    )

    def get_queryset(self, request):
        return Recruiter.objects.select_related("organisation")


class JobFairGroup(SnippetViewSetGroup):
    menu_label = _("Job fairs")
    menu_icon = "date"
    menu_order = 250
    items = (FairViewSet, BoothViewSet, RecruiterViewSet)


register_snippet(JobFairGroup)


class OrganiserMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return access.is_organiser(request.user)


@hooks.register("register_admin_menu_item")
def register_approvals_menu_item():
    return OrganiserMenuItem(
        _("Recruiter approvals"),
        reverse_lazy("talent:recruiter-approvals"),
        icon_name="tick",
        order=260,
    )


PROFILE_VACANCIES = 20


@hooks.register(ORGANISATION_PROFILE_EXTRAS)
def vacancies_and_fairs(organisation, request) -> Extra:
    """An organisation's open vacancies and the job fairs it organises or takes part in."""
    taking_part = Q(organisers=organisation) | Q(booths__organisation=organisation)
    fairs = Fair.objects.filter(taking_part).distinct().order_by("-starts_at")[:10]
    vacancies = jobsearch.find_vacancies(organisation=organisation)[:PROFILE_VACANCIES]
    return Extra(
        "talent/includes/organisation_profile.html",
        {"vacancies": vacancies, "fairs": list(fairs)},
    )


@hooks.register(HOME_PAGE_SECTIONS, order=30)
def home_job_fair(home, request) -> Extra | None:
    """The next job fair (the latest while none is announced) with its enterprises and jobs."""
    from django.utils import timezone

    from .selectors import fair_teaser

    teaser = fair_teaser(timezone.now())
    if teaser is None:
        return None
    return Extra("talent/includes/home_fair.html", {"fair_teaser": teaser})


@hooks.register(DEMO_LOADERS, order=30)
def load_talent_demo(homes, locales) -> str:
    """The seed's job fair with invented enterprises, vacancies and graduates, made once
    (`generate_talent_demo` makes it again, of any size); before the events, whose seed
    job-fair page links to this fair."""
    from .demo import DEFAULT_SEED, DEFAULT_SIZE, FAIR_TITLE_EN, generate

    if Fair.objects.filter(title_en=FAIR_TITLE_EN).exists():
        return "job fair demo kept"
    made = generate(DEFAULT_SIZE, DEFAULT_SEED)
    return f"job fair demo: {made['graduates']} graduates, {made['vacancies']} vacancies"


@hooks.register(SEARCH_SOURCES, order=40)
def searched_vacancies():
    from .search import VACANCIES

    return VACANCIES
