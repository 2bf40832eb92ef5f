"""Views of the events: staff (thin: parse input, call a service, render).

The organisers' pages (figures, exports, check-in, booth decisions) are for the staff of the
event's co-organisers and the site's event managers (`access.check_manager`); the booth
application is for enterprises. Anonymous visitors are sent to sign in; anyone else refused
gets a 403 page that says why.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from twincity.core import spreadsheets
from twincity.core.access import access_required
from twincity.core.errors import show_on_form
from twincity.core.localisation import localised
from twincity.core.navigation import trail_from_home
from twincity.core.security import allow_features

from .. import access, booths, exports, figures
from ..checkin import check_in, gate_counts, gates_of
from ..errors import BoothError, CheckInError, NotAllowed
from ..forms_staff import (
    AssignForm,
    BoothApplicationForm,
    CheckInForm,
    ExportForm,
    GateForm,
)
from ..models import EventPage

# --- Access and layout -------------------------------------------------------------------------


def source_event(event_id: int) -> EventPage:
    """The event's source page: the one its staff manage, whichever translation's id came."""
    # `id`, not `pk`: an id out of the database's range then finds nothing (see attendee.py).
    return get_object_or_404(EventPage, id=event_id).source_page()


def event_of(request, event_id: int) -> tuple[tuple, dict]:
    return (source_event(event_id),), {}


def managed_event_of(request, event_id: int) -> tuple[tuple, dict]:
    event = source_event(event_id)
    access.check_manager(request.user, event)
    return (event,), {}


def refused_on_event(request, refusal, event_id: int) -> HttpResponse:
    event = source_event(event_id)
    return message_page(request, event, _("Not allowed"), refusal.message, status=403)


# Signed-in staff: the view gets the event's source page; a refusal becomes the 403 page.
event_view = access_required(admit=event_of, refused=refused_on_event, refusal=NotAllowed)
# For the event's managers only (checked before the view runs).
manager_view = access_required(admit=managed_event_of, refused=refused_on_event, refusal=NotAllowed)


def in_page_language(event: EventPage) -> EventPage:
    """The event's translation in the language of the request, for its title and link."""
    return event.localized


def staff_trail(request, event: EventPage, *steps: tuple[str, str | None]) -> list:
    shown = in_page_language(event)
    return trail_from_home(request, (shown.title, shown.get_url(request)), *steps)


def manage_step(event: EventPage) -> tuple[str, str]:
    return (_("Manage"), reverse("events:event-manage", args=[event.pk]))


def render_staff(request, template: str, event: EventPage, title: str, context: dict, **kw):
    context = {
        **context,
        "event": event,
        "shown": in_page_language(event),
        "title": title,
        "is_manager": access.can_manage(request.user, event),
    }
    context.setdefault(
        "breadcrumb_trail", staff_trail(request, event, manage_step(event), (title, None))
    )
    return render(request, f"events/staff/{template}", context, **kw)


def message_page(request, event: EventPage, title: str, message: str, status: int):
    context = {"message": message, "breadcrumb_trail": staff_trail(request, event, (title, None))}
    return render_staff(request, "message.html", event, title, context, status=status)


# --- Figures and exports -----------------------------------------------------------------------


@manager_view
@require_GET
def manage(request, event: EventPage):
    event_figures = figures.event_figures(event)
    headings = figures.column_headings()
    context = {
        "figures": event_figures,
        "headings": headings,
        "status_rows": list(zip(headings, event_figures.total.values(), strict=True)),
        "charts": figures.charts(event_figures),
        "gates": gates_of(event),
        "gate_form": GateForm(),
        "counts": gate_counts(event),
        "breadcrumb_trail": staff_trail(request, event, (_("Manage"), None)),
    }
    return render_staff(request, "manage.html", event, _("Manage the event"), context)


@manager_view
@require_GET
def export(request, event: EventPage):
    form = ExportForm(request.GET)
    if not form.is_valid():
        message = _("Choose attendees or exhibitors, as CSV or Excel.")
        return message_page(request, event, _("Download"), message, status=400)
    what, kind = form.cleaned_data["what"], form.cleaned_data["format"]
    return spreadsheets.download(
        [exports.export_table(event, what)], kind, f"event-{event.pk}-{what}"
    )


# --- Check-in ----------------------------------------------------------------------------------


@manager_view
@require_http_methods(["GET", "POST"])
@allow_features(camera="self")  # the scanner; every other page has the camera off
def checkin(request, event: EventPage):
    gate_form = GateForm(request.GET)
    if not gate_form.is_valid():
        context = {"gate_form": GateForm(), "gates": gates_of(event)}
        return render_staff(request, "choose_gate.html", event, _("Check-in"), context)
    gate_name = gate_form.cleaned_data["gate"]
    form, outcome, status = CheckInForm.fresh(), None, 200
    if request.method == "POST":
        form, outcome, status = scan(request, event, gate_name)
    context = {
        "form": form,
        "gate": gate_name,
        "outcome": outcome,
        "counts": gate_counts(event),
        "action": "?" + urlencode({"gate": gate_name}),
    }
    title = _("Check-in at %(gate)s") % {"gate": gate_name}
    return render_staff(request, "checkin.html", event, title, context, status=status)


def scan(request, event: EventPage, gate_name: str):
    """One scan: a fresh form after a ticket is let in; the code kept after a refusal."""
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return form, None, 400
    scan_id = str(form.cleaned_data["scan_id"] or "")
    try:
        admitted = check_in(
            form.cleaned_data["code"], gate_name, request.user, event, scan_id=scan_id
        )
    except CheckInError as refusal:
        retry = CheckInForm(initial={"code": form.cleaned_data["code"], "scan_id": scan_id})
        return retry, {"admitted": False, "reason": refusal.message}, 200
    return CheckInForm.fresh(), {"admitted": True, "result": admitted}, 200


# --- Booths ------------------------------------------------------------------------------------


@event_view
@require_http_methods(["GET", "POST"])
def booth_apply(request, event: EventPage):
    booths.check_applicant(request.user)
    organisations = booths.applicant_organisations(request.user)
    applied = list(booths.applications(event).filter(organisation__in=organisations))
    still_free = [o for o in organisations if o.pk not in {a.organisation_id for a in applied}]
    is_open = booths.takes_booth_applications(event)
    form = None
    if still_free and is_open:
        form = BoothApplicationForm(request.POST or None, organisations=still_free)
        if (
            request.method == "POST"
            and form.is_valid()
            and submit_application(request, event, form)
        ):
            return redirect("events:booth-apply", event.pk)
    context = {
        "form": form,
        "applied": applied,
        "open": is_open,
        "breadcrumb_trail": staff_trail(request, event, (_("Apply for a booth"), None)),
    }
    return render_staff(request, "booth_apply.html", event, _("Apply for a booth"), context)


def submit_application(request, event: EventPage, form: BoothApplicationForm) -> bool:
    data = form.cleaned_data
    try:
        booths.apply_for_booth(
            request.user,
            event,
            organisation=data["organisation"],
            size_sqm=data["size_sqm"],
            sector=data["sector"],
            products=data["products"],
        )
    except BoothError as refusal:
        show_on_form(form, refusal)
        return False
    messages.success(request, _("Your application has been received. We will write to you."))
    return True


@manager_view
@require_GET
def booth_applications(request, event: EventPage):
    free = booths.free_booths(event)
    rows = [
        (application, AssignForm(initial={"application": application.pk}, booths=free))
        for application in booths.applications(event)
    ]
    context = {"rows": rows, "hall": booths.hall_plan(event), "free_count": len(free)}
    title = _("Booth applications")
    return render_staff(request, "booth_applications.html", event, title, context)


@manager_view
@require_POST
def booth_decide(request, event: EventPage):
    """One organiser's decision from the applications page: approve, waitlist, reject, give a
    booth, or approve with the next free booth; a refusal is shown there as a message."""
    try:
        application = run_booth_action(request, event, request.POST.get("action", ""))
    except BoothError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, decision_message(application))
    return redirect("events:booth-applications", event.pk)


def run_booth_action(request, event: EventPage, action: str):
    # Any booth of the hall plan validates: the service says so if it was taken meanwhile.
    form = AssignForm(request.POST, booths=booths.hall_plan(event))
    form.is_valid()
    application_id = form.cleaned_data.get("application")
    if application_id is None:
        raise BoothError(_("This booth application no longer exists."))
    if action == "assign":
        booth = form.cleaned_data.get("booth")
        if booth is None:
            raise BoothError(_("Choose a free booth from the hall plan."))
        return booths.assign_booth(application_id, booth.pk, request.user)
    if action == "auto":
        return booths.approve_and_assign_next_free(application_id, request.user)
    return booths.decide(application_id, action, request.user)


def decision_message(application) -> str:
    name = localised(application.organisation, "name")
    if application.booth:
        return _("%(organisation)s: approved, booth %(booth)s.") % {
            "organisation": name,
            "booth": application.booth,
        }
    return _("%(organisation)s: %(status)s.") % {
        "organisation": name,
        "status": application.get_status_display(),
    }
