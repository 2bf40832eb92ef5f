"""Views of the job fair: organiser side (thin: parse input, call a service, render).

Organisers hold the permission `talent.change_fair`. Anonymous visitors are sent to sign in;
everyone else signed in gets a 403 page saying why.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from twincity.core import spreadsheets
from twincity.core.access import access_required
from twincity.core.charts import bar_chart
from twincity.core.errors import show_on_form
from twincity.core.localisation import localised
from twincity.core.navigation import trail_from_home

from .. import access, exports, selectors, services
from ..errors import NotAllowed, TalentError
from ..forms_organiser import ExportForm, PublishForm, RecruiterDecisionForm
from ..models import Application, AssignmentRun, Fair, Recruiter
from ..services import assignment

# --- Access -----------------------------------------------------------------------------------


def admit_organiser(request, **url) -> tuple[tuple, dict]:
    access.check_organiser(request.user)
    return (), url


def message_page(request, title: str, message: str, status: int) -> HttpResponse:
    return render(
        request,
        "talent/organiser/message.html",
        {"title": title, "message": message, "breadcrumb_trail": trail_from_home(request)},
        status=status,
    )


# Organisers only; a refusal raised by a service is the 403 page as well.
organiser_only = access_required(
    admit=admit_organiser,
    refused=lambda request, refusal, **url: message_page(
        request, _("Not allowed"), refusal.message, status=403
    ),
    refusal=NotAllowed,
)


def organiser_trail(request, *steps: tuple[str, str | None]) -> list:
    return trail_from_home(
        request, (_("Organisers"), reverse("talent:organiser-dashboard")), *steps
    )


def with_pending_count(context: dict) -> dict:
    """Every organiser page says how many recruiters wait for a decision (in its navigation)."""
    context["pending_recruiters"] = selectors.awaiting_decision().count()
    return context


# --- Dashboard ----------------------------------------------------------------------------------


@organiser_only
def dashboard(request):
    context = dashboard_context(request, fair=None)
    context["fairs"] = Fair.objects.order_by("-starts_at")
    context["breadcrumb_trail"] = trail_from_home(request, (_("Organisers"), None))
    return render(request, "talent/organiser/dashboard.html", with_pending_count(context))


@organiser_only
def fair_dashboard(request, pk: int):
    fair = get_object_or_404(Fair, pk=pk)
    context = dashboard_context(request, fair)
    context["breadcrumb_trail"] = organiser_trail(request, (localised(fair, "title"), None))
    return render(request, "talent/organiser/dashboard.html", with_pending_count(context))


def dashboard_context(request, fair: Fair | None) -> dict:
    figures = selectors.dashboard_figures(fair)
    return {
        "fair": fair,
        "figures": figures,
        "headline": headline(figures),
        "summary": exports.summary_rows(figures),
        "fill_rate": exports.fill_rate_percent(figures),
        "pipeline": [
            (label, figures.by_status[value]) for value, label in Application.Status.choices
        ],
        "charts": {
            "industry": bar_chart(
                "chart-industry",
                _("Openings by industry"),
                ((row.label, row.openings) for row in figures.by_industry),
            ),
            "city": bar_chart(
                "chart-city",
                _("Openings by city"),
                ((row.label, row.openings) for row in figures.by_city),
            ),
            "pipeline": bar_chart(
                "chart-pipeline",
                _("Applications by status"),
                ((label, figures.by_status[value]) for value, label in Application.Status.choices),
            ),
            "schools": bar_chart(
                "chart-schools",
                _("Placements (hires) by school"),
                ((row.label, row.hires) for row in figures.placements),
            ),
        },
    }


def headline(figures: selectors.Figures) -> str:
    """ "50 enterprises offer 2,100 jobs.", counted from the vacancies as they stand."""
    enterprises = ngettext("%(count)s enterprise", "%(count)s enterprises", figures.enterprises) % {
        "count": grouped(figures.enterprises)
    }
    jobs = ngettext("%(count)s job", "%(count)s jobs", figures.openings) % {
        "count": grouped(figures.openings)
    }
    return _("%(enterprises)s offer %(jobs)s.") % {"enterprises": enterprises, "jobs": jobs}


@organiser_only
def export(request):
    form = ExportForm(request.GET)
    if not form.is_valid():
        return message_page(
            request,
            _("Download the figures"),
            _("Choose CSV or Excel, and a job fair that exists."),
            status=400,
        )
    fair = form.cleaned_data["fair"]
    tables = exports.report_tables(selectors.dashboard_figures(fair), selectors.vacancy_rows(fair))
    scope = f"fair-{fair.pk}" if fair else "all-fairs"
    return spreadsheets.download(tables, form.cleaned_data["format"], f"twincity-{scope}")


# --- The stable assignment -----------------------------------------------------------------------


@organiser_only
@require_http_methods(["GET", "POST"])
def assignment_page(request, pk: int):
    """GET shows the fair's assignment; POST runs it anew."""
    fair = get_object_or_404(Fair, pk=pk)
    run_error = ""
    if request.method == "POST":
        try:
            run = assignment.run_assignment(fair, request.user)
        except NotAllowed:
            raise
        except TalentError as error:
            run_error = error.message
        else:
            messages.success(request, run_summary(run))
            return redirect("talent:assignment", fair.pk)
    return render_assignment(request, fair, run_error=run_error)


@organiser_only
@require_POST
def publish_assignment(request, pk: int):
    run = get_object_or_404(AssignmentRun.objects.select_related("fair"), pk=pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            offers = assignment.publish_assignment(run, request.user)
        except NotAllowed:
            raise
        except TalentError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Published: %(count)s offer is on its way by e-mail.",
                    "Published: %(count)s offers are on their way by e-mail.",
                    offers,
                )
                % {"count": grouped(offers)},
            )
            return redirect("talent:assignment", run.fair_id)
    return render_assignment(request, run.fair, publish_form=form)


def run_summary(run: AssignmentRun) -> str:
    return ngettext(
        "The assignment ran: %(placed)s of %(graduates)s graduate placed.",
        "The assignment ran: %(placed)s of %(graduates)s graduates placed.",
        run.graduates,
    ) % {
        "placed": grouped(len(run.matched_applications)),
        "graduates": grouped(run.graduates),
    }


def grouped(number: int) -> str:
    """2,100 in English; Chinese pages group as Chinese readers expect."""
    return number_format(number, force_grouping=True)


def render_assignment(request, fair: Fair, run_error: str = "", publish_form=None):
    # Once a run is published, that is the fair's result; until then, the latest run.
    published = selectors.published_run(fair)
    shown = published or selectors.latest_run(fair)
    context = {
        "fair": fair,
        "participation": selectors.participation(fair),
        "result": selectors.run_result(shown) if shown else None,
        "published": published,
        "run_error": run_error,
        "publish_form": publish_form or PublishForm(),
        "breadcrumb_trail": organiser_trail(
            request,
            (localised(fair, "title"), reverse("talent:organiser-fair", args=[fair.pk])),
            (_("Stable assignment"), None),
        ),
    }
    return render(request, "talent/organiser/assignment.html", with_pending_count(context))


# --- Recruiter approvals ---------------------------------------------------------------------------


@organiser_only
@require_http_methods(["GET", "POST"])
def recruiter_approvals(request):
    form = RecruiterDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recruiter = form.cleaned_data["recruiter"]
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.decide_recruiter(
                recruiter, approve, request.user, reason=form.cleaned_data["reason"]
            )
        except NotAllowed:
            raise
        except TalentError as error:
            show_on_form(form, error)
        else:
            messages.success(request, decision_message(recruiter, approve))
            return redirect("talent:recruiter-approvals")
    recruiters = Recruiter.objects.select_related("organisation", "user", "decided_by")
    context = {
        "form": form,
        "pending": selectors.pending_signups(),
        "decided": recruiters.exclude(status=Recruiter.Status.PENDING).order_by("-decided_at")[
            :RECENT_DECISIONS
        ],
        "breadcrumb_trail": organiser_trail(request, (_("Recruiter approvals"), None)),
    }
    return render(request, "talent/organiser/approvals.html", with_pending_count(context))


RECENT_DECISIONS = 20


def decision_message(recruiter: Recruiter, approve: bool) -> str:
    names = {"name": recruiter.full_name, "enterprise": localised(recruiter.organisation, "name")}
    if approve:
        return _("%(name)s of %(enterprise)s is approved and has been told by e-mail.") % names
    return _("%(name)s of %(enterprise)s is rejected and has been told by e-mail.") % names
