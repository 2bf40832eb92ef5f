"""The graduate's own pages, mounted at me/: applications (their home), profile and CV,
applying, interview bookings, the ranking for a fair's stable assignment, saved searches,
and their rights over their data (download, delete).

Every view needs a signed-in graduate and looks only at that graduate's own rows: an id of
someone else's application, booking or search finds nothing (404) or is refused (403).
"""

from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from twincity.core import personal_data
from twincity.core.access import access_required
from twincity.core.localisation import localised
from twincity.core.navigation import trail_from_home
from twincity.core.private_files import private_file_response

from .. import access, jobsearch, services
from ..errors import NotAllowed, TalentError
from ..forms import JobSearchForm
from ..forms_graduate import (
    ApplicationMoveForm,
    ApplyForm,
    CVUploadForm,
    DeleteAccountForm,
    GraduateProfileForm,
    RankingForm,
)
from ..models import Application, Fair, GraduateProfile, InterviewSlot, Vacancy
from ..services import booking, privacy
from ..services.applications import TAKING_PART
from .accounts import deleted_and_signed_out

Status = Application.Status
PIPELINE = [Status.APPLIED, Status.REVIEWED, Status.INTERVIEW, Status.OFFER, Status.HIRED]
RECOMMENDATIONS_SHOWN = 5


# --- Who may come in --------------------------------------------------------------------------


def forbidden(request, message: str) -> HttpResponse:
    title = _("Not allowed")
    context = {"message": message, "title": title}
    context["breadcrumb_trail"] = trail_from_home(request, (title, None))
    return render(request, "talent/graduate/forbidden.html", context, status=403)


# Graduates only (the view gets the profile); any other account gets the 403 page, as does a
# refusal (`NotAllowed`) a service raises inside the view.
graduate_required = access_required(
    admit=lambda request, **url: ((access.graduate_of(request.user),), url),
    refused=lambda request, refusal, **url: forbidden(request, refusal.message),
    refusal=NotAllowed,
)


def my_trail(request, *steps: tuple[str, str | None]) -> list:
    return trail_from_home(
        request, (_("My applications"), reverse("talent:my-applications")), *steps
    )


def page(request, template: str, title: str, context: dict) -> HttpResponse:
    """One of the graduate's pages below "My applications" in the breadcrumbs."""
    context = {"title": title, "breadcrumb_trail": my_trail(request, (title, None)), **context}
    return render(request, f"talent/graduate/{template}", context)


def refusal(service, *args) -> str | None:
    """Run one service call; the message of the rule that refused it, or None if it went
    through. `NotAllowed` is left to `graduate_required`, which answers with the 403 page."""
    try:
        service(*args)
    except NotAllowed:
        raise
    except TalentError as error:
        return error.message
    return None


def tell(request, problem: str | None, success: str) -> None:
    """One message after a POST that redirects: what went wrong, or that it worked."""
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, success)


def back_or(request, fallback: str, *args):
    """Back where the form came from if it said so (and it is on this site), else `fallback`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback, *args)


# --- Home: applications, interviews, recommendations -------------------------------------------


@require_GET
@graduate_required
def my_applications(request, profile: GraduateProfile):
    applications = profile.applications.select_related(
        "vacancy__organisation", "vacancy__fair"
    ).prefetch_related("changes")
    bookings = profile.bookings.select_related("slot__organisation", "slot__fair").order_by(
        "slot__starts_at"
    )
    context = {
        "rows": [application_row(application) for application in applications],
        "bookings": bookings,
        "now": timezone.now(),
        "ranked_fairs": fairs_to_rank(profile),
        "recommendations": recommendations(profile),
        "saved_searches": request.user.saved_searches.all(),
        "title": _("My applications"),
        "breadcrumb_trail": trail_from_home(request, (_("My applications"), None)),
    }
    return render(request, "talent/graduate/applications.html", context)


def application_row(application: Application) -> dict:
    moves = services.GRADUATE_MOVES.get(application.status, set())
    return {
        "application": application,
        "steps": pipeline_steps(application),
        "may_withdraw": Status.WITHDRAWN in moves,
        "may_accept": Status.HIRED in moves,
    }


def pipeline_steps(application: Application) -> list[dict]:
    """applied → reviewed → interview → offer → hired; an application that ended early shows
    the steps it reached, then how it ended (declined, withdrawn)."""
    reached = {change.status for change in application.changes.all()} | {application.status}
    if application.status in PIPELINE:
        steps = PIPELINE
    else:
        steps = [status for status in PIPELINE if status in reached] + [application.status]
    return [
        {
            "label": Status(status).label,
            "current": status == application.status,
            "done": status in reached and status != application.status,
        }
        for status in steps
    ]


def fairs_to_rank(profile: GraduateProfile):
    return Fair.objects.filter(
        vacancies__applications__graduate=profile,
        vacancies__applications__status__in=TAKING_PART,
    ).distinct()


def recommendations(profile: GraduateProfile) -> list:
    return jobsearch.recommended_vacancies(profile, RECOMMENDATIONS_SHOWN)


@require_POST
@graduate_required
def application_status(request, profile: GraduateProfile, pk: int):
    """The graduate withdraws an application (after confirming) or accepts an offer."""
    application = get_object_or_404(
        Application.objects.select_related("vacancy__organisation"), pk=pk, graduate=profile
    )
    form = ApplicationMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This change is not possible."))
        return redirect("talent:my-applications")
    status = form.cleaned_data["status"]
    if status == Status.WITHDRAWN and not form.cleaned_data["confirmed"]:
        title = _("Withdraw your application?")
        return page(request, "confirm_withdraw.html", title, {"application": application})
    problem = refusal(services.change_status, application, status, request.user)
    tell(request, problem, MOVE_DONE[status])
    return redirect("talent:my-applications")


MOVE_DONE = {
    Status.WITHDRAWN: gettext_lazy("You have withdrawn your application."),
    Status.HIRED: gettext_lazy("Congratulations! You have accepted the offer."),
}


# --- Profile and CV ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@graduate_required
def my_profile(request, profile: GraduateProfile):
    posted = request.POST.get("form") if request.method == "POST" else None
    profile_form = GraduateProfileForm.for_profile(
        profile, request.POST if posted == "profile" else None
    )
    cv_form = CVUploadForm(request.POST, request.FILES) if posted == "cv" else CVUploadForm()
    if posted == "profile" and profile_form.is_valid():
        problem = refusal(services.save_profile, request.user, profile_form.cleaned_data)
        if problem is None:
            messages.success(request, _("Your profile is saved."))
            return redirect("talent:my-profile")
        profile_form.add_error(None, problem)
    if posted == "cv" and cv_form.is_valid():
        problem = refusal(services.store_cv, request.user, cv_form.cleaned_data["cv"])
        if problem is None:
            messages.success(request, _("Your CV is uploaded. You can apply now."))
            return redirect("talent:my-profile")
        cv_form.add_error("cv", problem)
    context = {"profile": profile, "form": profile_form, "cv_form": cv_form}
    return page(request, "profile.html", _("My profile"), context)


@require_GET
@graduate_required
def my_cv(request, profile: GraduateProfile):
    if not profile.cv:
        raise Http404
    return private_file_response(profile.cv, "cv.pdf")


# --- Applying ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@graduate_required
def apply(request, profile: GraduateProfile, vacancy_pk: int):
    vacancy = get_object_or_404(Vacancy.objects.select_related("organisation"), pk=vacancy_pk)
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = refusal(services.apply, request.user, vacancy, form.cleaned_data["cover_note"])
        if problem is None:
            organisation = localised(vacancy.organisation, "name")
            sent = _("Your application to %(organisation)s is sent.")
            messages.success(request, sent % {"organisation": organisation})
            return redirect("talent:my-applications")
        if profile.applications.filter(vacancy=vacancy).exists():
            # A second click on "Apply": the first one went through.
            messages.info(request, problem)
            return redirect("talent:my-applications")
        form.add_error(None, problem)
    context = {
        "vacancy": vacancy,
        "form": form,
        "profile": profile,
        "existing": profile.applications.filter(vacancy=vacancy).first(),
    }
    title = _("Apply: %(vacancy)s") % {"vacancy": localised(vacancy, "title") or vacancy}
    return page(request, "apply.html", title, context)


# --- Interview slots --------------------------------------------------------------------------


@require_POST
@graduate_required
def book_slot(request, profile: GraduateProfile, slot_pk: int):
    slot = InterviewSlot.objects.select_related("organisation").filter(pk=slot_pk).first()
    if slot is None:
        raise Http404
    problem = refusal(booking.book_slot, request.user, slot.pk)
    booked = _("Your interview with %(organisation)s at %(time)s (Beijing time) is booked.") % {
        "organisation": localised(slot.organisation, "name"),
        "time": f"{timezone.localtime(slot.starts_at):%Y-%m-%d %H:%M}",
    }
    tell(request, problem, booked)
    return redirect("talent:fair", slot.fair_id)


@require_POST
@graduate_required
def cancel_booking(request, profile: GraduateProfile, pk: int):
    problem = refusal(booking.cancel_booking, request.user, pk)
    tell(request, problem, _("Your interview is cancelled; the slot is free for others."))
    return back_or(request, "talent:my-applications")


# --- Ranking for a fair's stable assignment ---------------------------------------------------


@require_http_methods(["GET", "POST"])
@graduate_required
def my_ranking(request, profile: GraduateProfile, fair_pk: int):
    fair = get_object_or_404(Fair, pk=fair_pk)
    applications = list(
        profile.applications.filter(vacancy__fair=fair, status__in=TAKING_PART)
        .select_related("vacancy__organisation")
        .order_by(F("graduate_rank").asc(nulls_last=True), "created_at", "pk")
    )
    form = RankingForm(applications, request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = refusal(services.rank_my_applications, request.user, fair, form.ordered_ids())
        if problem is None:
            messages.success(request, _("Your order of preference is saved."))
            return redirect("talent:my-ranking", fair.pk)
        form.add_error(None, problem)
    context = {"fair": fair, "form": form}
    title = _("My order of preference: %(fair)s") % {"fair": localised(fair, "title")}
    return page(request, "ranking.html", title, context)


# --- Saved searches ---------------------------------------------------------------------------


@require_GET
@graduate_required
def my_searches(request, profile: GraduateProfile):
    searches = [
        {"search": search, "new": new_since_seen(search)}
        for search in request.user.saved_searches.all()
    ]
    return page(request, "searches.html", _("My saved searches"), {"searches": searches})


def new_since_seen(search) -> int:
    """Vacancies matching the saved search that were posted since the user last opened it."""
    form = JobSearchForm(QueryDict(search.query))
    filters = form.cleaned_data if form.is_valid() else {}
    matching = jobsearch.find_vacancies(**{name: value for name, value in filters.items() if value})
    return matching.filter(created_at__gt=search.last_seen_at).count()


@require_GET
@graduate_required
def open_search(request, profile: GraduateProfile, pk: int):
    search = services.open_saved_search(request.user, pk)
    return redirect(reverse("talent:job-search") + (f"?{search.query}" if search.query else ""))


@require_POST
@graduate_required
def delete_search(request, profile: GraduateProfile, pk: int):
    services.delete_saved_search(request.user, pk)
    messages.success(request, _("The saved search is deleted."))
    return redirect("talent:my-searches")


# --- My data (PIPL): download, delete ---------------------------------------------------------


@require_GET
@graduate_required
def my_data(request, profile: GraduateProfile):
    return personal_data.download(privacy.graduate_archive(request.user), "twincity-my-data.zip")


@require_http_methods(["GET", "POST"])
@graduate_required
def delete_account(request, profile: GraduateProfile):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        return deleted_and_signed_out(request, privacy.delete_graduate)
    return page(request, "delete_account.html", _("Delete my account"), {"form": form})
