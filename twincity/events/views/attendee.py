"""Views of the events for people who attend: the registration form, the ticket (reached by its
unguessable link, never cached), cancelling, accepting an offered seat, and calendars.

Thin: parse the input, call a service of `services.py`, render. `event_id` in the URLs is the id
of the event page in the default language, which registrations belong to.
"""

import segno
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from twincity.core.localisation import localised
from twincity.core.navigation import trail_from_home

from .. import calendar, services
from ..errors import RegistrationError
from ..forms import RegistrationForm
from ..models import EventPage, Registration

Status = Registration.Status


# --- Finding what the URL names ---------------------------------------------------------------


def published_event(event_id: int) -> EventPage:
    """The source page of a published event, or 404."""
    event = EventPage.objects.live().filter(pk=event_id).first()
    if event is None:
        raise Http404
    return event.source_page()


def registration_or_404(access_token: str) -> Registration:
    try:
        return services.registration_by_token(access_token)
    except RegistrationError as error:
        raise Http404 from error


def in_page_language(event: EventPage) -> EventPage:
    return calendar.page_in_language(event, get_language() or "en")


# --- Registering -------------------------------------------------------------------------------


def closed_reason(event: EventPage, now) -> str:
    """Why the form offers no ticket type."""
    if not event.registration_open:
        return _("This event does not take registrations.")
    upcoming = event.ticket_types.filter(is_withdrawn=False, sale_starts_at__gt=now)
    opens = upcoming.order_by("sale_starts_at").values_list("sale_starts_at", flat=True).first()
    if opens:
        return _("Registration opens on %(time)s (Beijing time).") % {
            "time": f"{timezone.localtime(opens):%Y-%m-%d %H:%M}"
        }
    return _("Registration for this event has closed.")


@never_cache
@require_http_methods(["GET", "POST"])
def register(request, event_id: int):
    """The form, and on POST the registration. A POST that goes through reads no page and no
    question: the service checks everything itself, so a rush of registrations costs little."""
    form = RegistrationForm(request.POST or None)
    problem = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.register(
                data["ticket_type"],
                event_id=event_id,
                name=data["name"],
                email=data["email"],
                organisation_name=data["organisation_name"],
                city_of_origin=data["city_of_origin"],
                answers=form.answers(),
                language=get_language() or "en",
                submission_token=data["submission_token"],
                user=request.user,
            )
        except RegistrationError as error:
            problem = error.message
        else:
            return redirect("events:ticket", registration.access_token)
    return registration_page(request, event_id, problem)


def registration_page(request, event_id: int, problem: str | None = None):
    """The form with the event's questions; after a refused POST, with what was typed, the
    fields to correct marked and the service's reason on top."""
    event = published_event(event_id)
    if event.pk != event_id:  # the id of a translation: registrations belong to the source
        return redirect("events:event-register", event.pk)
    form = RegistrationForm(request.POST or None, questions=event.questions.all())
    if form.is_bound:
        form.is_valid()  # marks the fields to correct
        if problem:
            form.add_error(None, problem)
    now = timezone.now()
    on_sale = list(services.on_sale(event, now))
    form.offer(on_sale)
    context = {
        "event": in_page_language(event),
        "form": form,
        "on_sale": on_sale,
        "closed_reason": "" if on_sale else closed_reason(event, now),
        "trail": [(_("Registration"), None)],
    }
    return render(request, "events/attendee/register.html", context)


# --- The ticket --------------------------------------------------------------------------------


def ticket_qr_svg(secret: str) -> str:
    """The secret as a QR code big enough for a phone camera at the gate (about 260 px)."""
    svg = segno.make(secret, error="m").svg_inline(
        scale=7, dark="#000000", light="#ffffff", title=_("Ticket QR code")
    )
    return mark_safe(svg)  # noqa: S308 - segno escapes its own output


def waiting_position(registration: Registration) -> int:
    """1 for the first person on the ticket type's waiting list."""
    ahead = Registration.objects.filter(
        ticket_type_id=registration.ticket_type_id,
        status=Status.WAITLISTED,
        created_at__lt=registration.created_at,
    ).count()
    return ahead + 1


@never_cache
@require_GET
def ticket(request, access_token: str):
    registration = registration_or_404(access_token)
    now = timezone.now()
    status = registration.status
    offer_open = status == Status.OFFERED and registration.offer_expires_at > now
    context = {
        "registration": registration,
        "event": in_page_language(registration.ticket_type.event),
        "ticket_type": localised(registration.ticket_type, "name"),
        "qr_svg": ticket_qr_svg(registration.secret) if status == Status.CONFIRMED else "",
        "offer_open": offer_open,
        "offer_lapsed": status == Status.EXPIRED or (status == Status.OFFERED and not offer_open),
        "position": waiting_position(registration) if status == Status.WAITLISTED else None,
        "check_in": getattr(registration, "check_in", None),
        "may_cancel": status in (Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED),
        "trail": [(_("Your ticket"), None)],
    }
    return render(request, "events/attendee/ticket.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request, access_token: str):
    """GET asks "are you sure?"; POST cancels."""
    registration = registration_or_404(access_token)
    if request.method == "GET":
        context = {
            "registration": registration,
            "event": in_page_language(registration.ticket_type.event),
            "trail": [(_("Cancel the registration"), None)],
        }
        return render(request, "events/attendee/confirm_cancel.html", context)
    try:
        services.cancel(access_token)
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:ticket", access_token)


@never_cache
@require_POST
def accept(request, access_token: str):
    registration_or_404(access_token)
    try:
        services.accept_offer(access_token)
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The seat is yours: your ticket is below."))
    return redirect("events:ticket", access_token)


# --- Calendars ---------------------------------------------------------------------------------


def ics_response(content: bytes, filename: str, download: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_GET
def event_ics(request, event_id: int):
    event = published_event(event_id)
    content = calendar.event_ics(event, get_language() or "en")
    return ics_response(content, f"{event.slug}.ics", download=True)


@require_GET
def feed(request, city: str):
    kind = request.GET.get("kind", "")
    try:
        content = calendar.feed_ics(city, kind, get_language() or "en")
    except calendar.UnknownFeed as error:
        trail = trail_from_home(request, (_("Calendar not found"), None))
        context = {"message": error.message, "trail": trail}
        return render(request, "events/attendee/not_found.html", context, status=404)
    return ics_response(content, f"twincity-{city}{'-' + kind if kind else ''}.ics", False)
