"""Views of the job fair: recruiter side (thin: parse input, call a service, render).

Every page but the home page needs an approved recruiter; a refusal (`NotAllowed`) from the
access rules or a service becomes a 403 page that says why.
"""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from twincity.core import personal_data
from twincity.core.access import access_required
from twincity.core.errors import show_on_form
from twincity.core.localisation import localised
from twincity.core.navigation import query_to_keep, trail_from_home
from twincity.core.private_files import private_file_response
from twincity.core.vocabulary import MAJORS
from twincity.directory.models import Organisation

from .. import access, services
from ..errors import NotAllowed, TalentError
from ..forms_recruiter import (
    ApplicantFilterForm,
    AttendanceForm,
    BulkStatusForm,
    DeleteRecruiterAccountForm,
    OpenSlotsForm,
    RankingForm,
    StatusActionForm,
    VacancyForm,
)
from ..models import Application, Booth, Fair, GraduateProfile, InterviewSlot, Recruiter
from ..profiles import graduates_for, match_score
from ..services import booking, privacy
from ..services.assignment import TAKING_PART, enterprise_preference
from .accounts import deleted_and_signed_out
from .graduate import forbidden  # the one 403 page of the job fair

PER_PAGE = 25
CANDIDATES_SHOWN = 20
# Profiles scored for a vacancy's candidate list: the most recently updated ones.
CANDIDATE_POOL = 5000
FILTERS = ("vacancy", "status", "school", "q", "sort")
# What the applicant page offers, as buttons, in pipeline order.
ACTIONS = {
    Application.Status.REVIEWED: gettext_lazy("Mark as reviewed"),
    Application.Status.INTERVIEW: gettext_lazy("Invite to an interview"),
    Application.Status.OFFER: gettext_lazy("Make an offer"),
    Application.Status.HIRED: gettext_lazy("Mark as hired"),
    Application.Status.DECLINED: gettext_lazy("Decline"),
}


# --- Access ------------------------------------------------------------------------------------


# The view runs for an approved recruiter, who is passed along; anyone else is sent to sign
# in (anonymous) or shown why not (403).
recruiter_page = access_required(
    admit=lambda request, **url: ((access.approved_recruiter(request.user),), url),
    refused=lambda request, refusal, **url: forbidden(request, refusal.message),
    refusal=NotAllowed,
)


# A recruiter's own data is theirs whether or not the organisers approved the account.
any_recruiter_page = access_required(
    admit=lambda request, **url: ((privacy.recruiter_of(request.user),), url),
    refused=lambda request, refusal, **url: forbidden(request, refusal.message),
    refusal=NotAllowed,
)


def call_service(form: forms.Form, service, *args, **kwargs):
    """The service's result, or None when it refuses: its message then goes on the form and
    nothing has changed. `NotAllowed` passes on, to become the 403 page."""
    try:
        return service(*args, **kwargs)
    except NotAllowed:
        raise
    except TalentError as error:
        show_on_form(form, error)
        return None


def trail(request, recruiter: Recruiter, *steps):
    home = (localised(recruiter.organisation, "name"), reverse("talent:employer-home"))
    return trail_from_home(request, home, *steps)


def application_of_enterprise(recruiter: Recruiter, pk: int) -> Application:
    application = get_object_or_404(
        Application.objects.select_related(
            "vacancy__organisation", "vacancy__fair", "graduate__user", "graduate__school"
        ),
        pk=pk,
    )
    access.check_recruiter_owns_application(recruiter, application)
    return application


# --- Home --------------------------------------------------------------------------------------


@require_GET
def employer_home(request):
    """An approved recruiter's overview; a recruiter still waiting sees that and nothing more."""
    user = request.user
    recruiter = getattr(user, "recruiter", None) if user.is_authenticated else None
    if recruiter is not None and not recruiter.is_approved:
        return awaiting_approval(request, recruiter)
    return enterprise_overview(request)


@never_cache
def awaiting_approval(request, recruiter: Recruiter):
    context = {
        "recruiter": recruiter,
        "breadcrumb_trail": trail_from_home(request, (_("Recruiter account"), None)),
    }
    return render(request, "talent/recruiter/pending.html", context)


@recruiter_page
def enterprise_overview(request, recruiter: Recruiter):
    organisation = recruiter.organisation
    vacancies = organisation.vacancies.select_related("fair").annotate(
        applications_count=Count("applications"),
        new_count=Count("applications", filter=Q(applications__status="applied")),
    )
    booths = Booth.objects.filter(organisation=organisation).select_related("fair")
    context = {
        "recruiter": recruiter,
        "organisation": organisation,
        "vacancies": vacancies,
        "booths": booths.order_by("-fair__starts_at"),
        "breadcrumb_trail": trail(request, recruiter),
    }
    return render(request, "talent/recruiter/home.html", context)


# --- Vacancies ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@recruiter_page
def vacancy_new(request, recruiter):
    initial = {"city": recruiter.organisation.city}
    return vacancy_form(request, recruiter, VacancyForm(request.POST or None, initial=initial))


@require_http_methods(["GET", "POST"])
@recruiter_page
def vacancy_edit(request, recruiter, pk: int):
    vacancy = services.vacancy_of_enterprise(request.user, pk)
    return vacancy_form(request, recruiter, VacancyForm(request.POST or None, instance=vacancy))


def vacancy_form(request, recruiter: Recruiter, form: VacancyForm):
    is_new = form.instance.pk is None
    if request.method == "POST" and form.is_valid():
        vacancy = call_service(form, services.save_vacancy, request.user, form.save(commit=False))
        if vacancy is not None:
            messages.success(
                request, _("The vacancy is posted.") if is_new else _("Your changes are saved.")
            )
            return (
                redirect("talent:employer-home")
                if is_new
                else redirect("talent:vacancy-edit", vacancy.pk)
            )
    title = _("Post a vacancy") if is_new else _("Edit the vacancy")
    context = {
        "form": form,
        "title": title,
        "vacancy": None if is_new else form.instance,
        "breadcrumb_trail": trail(request, recruiter, (title, None)),
    }
    return render(request, "talent/recruiter/vacancy_form.html", context)


# --- Applicants --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@recruiter_page
def applicants(request, recruiter):
    """All applications to the enterprise, filtered and sorted; a bulk move keeps the filters."""
    enterprise = access.applications_of_enterprise(recruiter)
    filter_form = ApplicantFilterForm(
        request.GET,
        vacancies=[(v.pk, localised(v, "title") or str(v)) for v in vacancy_choices(recruiter)],
        schools=school_choices(enterprise),
    )
    filter_form.is_valid()  # a filter that is not understood is left out, the others apply
    filters = filter_form.cleaned_data
    bulk_form = BulkStatusForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and bulk_form.is_valid():
        chosen = bulk_form.cleaned_data
        moved = call_service(
            bulk_form,
            services.move_applicants,
            request.user,
            chosen["application"],
            chosen["status"],
        )
        if moved is not None:
            messages.success(request, moved_message(moved))
            return redirect(request.get_full_path())
    rows = filtered_applications(enterprise, filters)
    sort = filters.get("sort") or "newest"
    context = {
        "filter_form": filter_form,
        "bulk_form": bulk_form,
        "applications": scored_page(rows, sort, request.GET.get("page")),
        "sort": sort,
        "selected": set(bulk_form.cleaned_data.get("application", []))
        if bulk_form.is_bound
        else set(),
        "page_keep": query_to_keep(**{name: str(filters.get(name) or "") for name in FILTERS}),
        "sort_keep": query_to_keep(
            **{name: str(filters.get(name) or "") for name in FILTERS if name != "sort"}
        ),
        "breadcrumb_trail": trail(request, recruiter, (_("Applicants"), None)),
    }
    return render(request, "talent/recruiter/applicants.html", context)


def vacancy_choices(recruiter: Recruiter):
    return recruiter.organisation.vacancies.order_by("-created_at", "-pk")


def school_choices(enterprise) -> list[tuple[int, str]]:
    schools = Organisation.objects.filter(pk__in=enterprise.values("school"))
    return sorted(((s.pk, localised(s, "name")) for s in schools), key=lambda pair: pair[1])


def filtered_applications(enterprise, filters: dict):
    rows = enterprise.select_related("graduate__school", "vacancy")
    if filters.get("vacancy"):
        rows = rows.filter(vacancy_id=filters["vacancy"])
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    if filters.get("school"):
        rows = rows.filter(school_id=filters["school"])
    if filters.get("q"):
        text = filters["q"].strip()
        # A major typed in either language finds it however the graduate wrote it.
        rows = rows.filter(
            Q(graduate__full_name__icontains=text)
            | Q(graduate__major__icontains=text)
            | MAJORS.stored_in("graduate__major", text)
        )
    return rows


def score_of(application: Application) -> float | None:
    if application.graduate is None:
        return None
    return match_score(application.graduate, application.vacancy).total


def scored_page(rows, sort: str, page_number):
    """One page of applications, each with `.match` (0..1, None for a deleted account).
    Sorting by score needs every score; sorting by date scores only the page shown."""
    if sort == "score":
        applications = list(rows)
        for application in applications:
            application.match = score_of(application)
        applications.sort(key=lambda a: -1 if a.match is None else a.match, reverse=True)
        return Paginator(applications, PER_PAGE).get_page(page_number)
    ordering = ("created_at", "pk") if sort == "oldest" else ("-created_at", "-pk")
    page = Paginator(rows.order_by(*ordering), PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    for application in page.object_list:
        application.match = score_of(application)
    return page


def moved_message(moved: list[Application]) -> str:
    count = len(moved)
    return ngettext(
        "%(count)d application moved to “%(status)s”.",
        "%(count)d applications moved to “%(status)s”.",
        count,
    ) % {"count": count, "status": moved[0].get_status_display()}


@require_http_methods(["GET", "POST"])
@recruiter_page
def applicant(request, recruiter, pk: int):
    """One application. Opening it changes nothing (GET is safe): the recruiter marks it
    reviewed, or moves it on, with the page's buttons (POST)."""
    application = application_of_enterprise(recruiter, pk)
    action = StatusActionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and action.is_valid():
        status = action.cleaned_data["status"]
        moved = call_service(
            action, services.move_applicants, request.user, [application.pk], status
        )
        if moved is not None:
            label = Application.Status(status).label
            messages.success(request, _("The application is now “%(status)s”.") % {"status": label})
        for refusal in action.non_field_errors():
            messages.error(request, refusal)
        return redirect("talent:applicant", application.pk)
    graduate = application.graduate
    vacancy_title = localised(application.vacancy, "title") or str(application.vacancy)
    context = {
        "application": application,
        "graduate": graduate,
        "contact": graduate is not None and access.check_recruiter_may_view(recruiter, graduate),
        "score": match_score(graduate, application.vacancy) if graduate else None,
        "history": application.changes.all(),
        "actions": possible_actions(application),
        "cv_shown": cv_sent(application) is not None,
        "breadcrumb_trail": trail(
            request,
            recruiter,
            (_("Applicants"), reverse("talent:applicants")),
            (graduate.full_name if graduate else vacancy_title, None),
        ),
    }
    return render(request, "talent/recruiter/applicant.html", context)


def possible_actions(application: Application) -> list[tuple[str, str]]:
    if application.graduate is None:
        return []
    moves = services.ENTERPRISE_MOVES.get(application.status, set())
    return [(status.value, label) for status, label in ACTIONS.items() if status in moves]


def cv_sent(application: Application):
    """The CV the enterprise may read for the application: the copy sent with it, while the
    application is open (withdrawn or declined, the access ends). An application from before
    copies were kept shows the graduate's current CV."""
    graduate = application.graduate
    if graduate is None or application.status in services.CLOSED:
        return None
    if application.cv:
        return application.cv
    return graduate.cv or None


@require_GET
@recruiter_page
def applicant_cv(request, recruiter, pk: int):
    """The CV sent with the application, as a download; reading it changes nothing."""
    application = application_of_enterprise(recruiter, pk)
    if application.status in services.CLOSED:
        return forbidden(
            request,
            _("This application is withdrawn or declined: its CV can no longer be read."),
        )
    cv = cv_sent(application)
    if cv is None:
        raise Http404(_("There is no CV for this application."))
    return private_file_response(cv, f"cv-{application.pk}.pdf")


# --- Candidates: visible profiles that fit a vacancy ----------------------------------------------


@require_GET
@recruiter_page
def candidates(request, recruiter, pk: int):
    vacancy = services.vacancy_of_enterprise(request.user, pk)
    pool = GraduateProfile.objects.filter(visibility=GraduateProfile.Visibility.RECRUITERS)
    pool = pool.select_related("school").order_by("-updated_at")[:CANDIDATE_POOL]
    ranked = graduates_for(vacancy, list(pool), CANDIDATES_SHOWN)
    engaged = access.engaged_graduate_ids(
        recruiter.organisation_id, [profile.pk for profile, _score in ranked]
    )
    rows = [(profile, score, profile.pk in engaged) for profile, score in ranked]
    title = localised(vacancy, "title") or str(vacancy)
    context = {
        "vacancy": vacancy,
        "rows": rows,
        "breadcrumb_trail": trail(
            request,
            recruiter,
            (title, reverse("talent:vacancy-edit", args=[vacancy.pk])),
            (_("Matching candidates"), None),
        ),
    }
    return render(request, "talent/recruiter/candidates.html", context)


@require_GET
@recruiter_page
def graduate_profile(request, recruiter, pk: int):
    graduate = get_object_or_404(GraduateProfile.objects.select_related("school", "user"), pk=pk)
    contact = access.check_recruiter_may_view(recruiter, graduate)
    vacancy_id = request.GET.get("vacancy", "")
    vacancy = (
        services.vacancy_of_enterprise(request.user, int(vacancy_id))
        if vacancy_id.isdigit()
        else None
    )
    applications = (
        access.applications_of_enterprise(recruiter)
        .filter(graduate=graduate)
        .select_related("vacancy")
        if contact
        else []
    )
    heading = graduate.full_name if contact else _("Candidate profile")
    context = {
        "graduate": graduate,
        "contact": contact,
        "heading": heading,
        "vacancy": vacancy,
        "score": match_score(graduate, vacancy) if vacancy else None,
        "applications": applications,
        "breadcrumb_trail": trail(request, recruiter, (heading, None)),
    }
    return render(request, "talent/recruiter/graduate.html", context)


# --- Fair: booth and interview slots -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@recruiter_page
def employer_slots(request, recruiter, pk: int):
    fair = get_object_or_404(Fair, pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    open_form = OpenSlotsForm(
        request.POST if action == "open" else None,
        vacancies=vacancy_choices(recruiter).filter(status="open"),
        initial={"first_start": fair.starts_at},
    )
    if action == "open" and open_form.is_valid():
        data = open_form.cleaned_data
        opened = call_service(
            open_form,
            booking.open_slots,
            request.user,
            fair,
            data["first_start"],
            data["count"],
            data["minutes"],
            place=data["place"],
            vacancy=data["vacancy"],
        )
        if opened is not None:
            count = len(opened)
            messages.success(
                request,
                ngettext(
                    "%(count)d interview slot opened.", "%(count)d interview slots opened.", count
                )
                % {"count": count},
            )
            return redirect("talent:employer-slots", fair.pk)
    if action == "attendance":
        return record_attendance(request, fair)
    slots = InterviewSlot.objects.filter(fair=fair, organisation=recruiter.organisation)
    title = localised(fair, "title")
    context = {
        "fair": fair,
        "booth": Booth.objects.filter(fair=fair, organisation=recruiter.organisation).first(),
        "slots": slots.select_related("booking__graduate", "vacancy"),
        "open_form": open_form,
        "breadcrumb_trail": trail(request, recruiter, (title, None)),
    }
    return render(request, "talent/recruiter/slots.html", context)


def record_attendance(request, fair: Fair):
    form = AttendanceForm(request.POST)
    if form.is_valid():
        booking.record_attendance(
            request.user, form.cleaned_data["booking"], form.cleaned_data["attended"]
        )
        messages.success(request, _("Attendance recorded."))
    else:
        messages.error(request, _("Choose whether the graduate came."))
    return redirect("talent:employer-slots", fair.pk)


# --- Ranking for the fair's stable assignment ----------------------------------------------------


@require_http_methods(["GET", "POST"])
@recruiter_page
def vacancy_ranking(request, recruiter, pk: int):
    vacancy = services.vacancy_of_enterprise(request.user, pk)
    taking_part = vacancy.applications.filter(status__in=TAKING_PART, graduate__isnull=False)
    ordered = sorted(
        taking_part.select_related("graduate__school", "vacancy"), key=enterprise_preference
    )
    for application in ordered:
        application.match = score_of(application)
    form = RankingForm(
        request.POST or None,
        applications=ordered,
        initial_ranks={a.pk: rank for rank, a in enumerate(ordered, start=1)},
    )
    if request.method == "POST" and form.is_valid():
        ranking = form.ordered_application_ids()
        if call_service(form, services.rank_applicants, request.user, vacancy, ranking) is not None:
            messages.success(request, _("Your ranking is saved."))
            return redirect("talent:vacancy-ranking", vacancy.pk)
    title = localised(vacancy, "title") or str(vacancy)
    context = {
        "vacancy": vacancy,
        "form": form,
        "rows": [(a, form[f"rank-{a.pk}"]) for a in ordered],
        "breadcrumb_trail": trail(
            request,
            recruiter,
            (title, reverse("talent:vacancy-edit", args=[vacancy.pk])),
            (_("Ranking"), None),
        ),
    }
    return render(request, "talent/recruiter/ranking.html", context)


# --- My data (PIPL): download, delete ---------------------------------------------------------


@require_GET
@any_recruiter_page
def recruiter_data(request, recruiter):
    return personal_data.download(
        privacy.recruiter_data_json(request.user), "twincity-my-data.json"
    )


@require_http_methods(["GET", "POST"])
@any_recruiter_page
def recruiter_delete_account(request, recruiter):
    form = DeleteRecruiterAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        return deleted_and_signed_out(request, privacy.delete_recruiter)
    title = _("Delete my account")
    context = {
        "form": form,
        "title": title,
        "breadcrumb_trail": trail_from_home(
            request, (_("Recruiter account"), reverse("talent:employer-home")), (title, None)
        ),
    }
    status = 400 if form.is_bound else 200
    return render(request, "talent/recruiter/delete_account.html", context, status=status)
