"""Views of the events for people who attend: the registration form, the ticket (reached by its
unguessable link, never cached), cancelling, accepting an offered seat, and calendars.

Thin: parse the input, call a service of `services.py`, render. `event_id` in the URLs is the id
of the event page in the default language, which registrations belong to.
"""

import json
import re

import segno
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from twincity.core import abuse
from twincity.core.errors import show_on_form
from twincity.core.localisation import localised
from twincity.core.navigation import trail_from_home
from twincity.core.personal_data import download

from .. import calendar, codes, personal_data, services
from ..dates import beijing_time
from ..errors import AlreadyRegistered, RegistrationError
from ..forms import EraseDataForm, RegistrationForm
from ..models import EventPage, Registration

Status = Registration.Status
# What models.new_secret() makes (URL-safe base64), with room to spare.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


# --- Finding what the URL names ---------------------------------------------------------------


def published_event(event_id: int) -> EventPage:
    """The source page of a published event, or 404."""
    # By the page's own id, not `pk` (the link to the parent page): Django answers an id out
    # of the database's range with no rows only for an integer field (SQLite would fail).
    event = EventPage.objects.live().filter(id=event_id).first()
    if event is None:
        raise Http404
    return event.source_page()


def registration_or_404(access_token: str) -> Registration:
    # A link that cannot be a ticket's finds nothing without a query (PostgreSQL would
    # refuse a NUL byte in it with an error page).
    if not TOKEN_SHAPE.fullmatch(access_token):
        raise Http404
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
        return _("Registration opens on %(time)s (Beijing time).") % {"time": beijing_time(opens)}
    return _("Registration for this event has closed.")


@never_cache
@require_http_methods(["GET", "POST"])
def register(request, event_id: int):
    """The form, and on POST the registration. A POST that goes through reads no page and no
    question: the service checks everything itself, so a rush of registrations costs little."""
    form = RegistrationForm(request.POST) if request.method == "POST" else None
    problem = None
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            within_registration_limits(request, data["email"])
        except abuse.RateLimited as refusal:
            return refusal.mark(registration_page(request, event_id, refusal.message))
        try:
            registration = services.register(
                data["ticket_type"],
                event_id=event_id,
                name=data["name"],
                email=data["email"],
                organisation_name=data["organisation_name"],
                phone=data["phone"],
                invitation_code=data["invitation_code"],
                city_of_origin=data["city_of_origin"],
                answers=form.answers(),
                language=get_language() or "en",
                submission_token=data["submission_token"],
                user=request.user,
            )
        except AlreadyRegistered as notice:
            messages.info(request, notice.message)
            return redirect("events:registration-mailed", event_id)
        except RegistrationError as error:
            problem = error
        else:
            personal_data.record_registration_consent(registration)
            return after_registering(request, registration, event_id)
    return registration_page(request, event_id, problem)


def show_problem(form: RegistrationForm, problem: RegistrationError | str | None) -> None:
    """The refusal at the field it concerns (unless the form marked that field already),
    else above the form."""
    if isinstance(problem, RegistrationError):
        if problem.field in form.fields and form.has_error(problem.field):
            return
        show_on_form(form, problem)
    elif problem:
        form.add_error(None, problem)


def within_registration_limits(request, email: str) -> None:
    """A script cannot take every seat, nor send mail to every address it knows: so many
    registrations per address and per e-mail (core/abuse.py); raises abuse.RateLimited."""
    abuse.check("registration-address", abuse.client_address(request))
    abuse.check("registration-email", email)


def after_registering(request, registration: Registration, event_id: int):
    """To the ticket; or, where the event requires e-mail confirmation, to a page that says
    where the link went: the link proves the address only if no page ever shows it."""
    if not registration.link_by_email_only:
        return redirect("events:ticket", registration.access_token)
    if registration.status == Status.AWAITING:
        messages.info(
            request,
            _(
                "Almost done: a seat is held for you until %(time)s (Beijing time). To keep it, "
                "follow the link in the e-mail we have sent to the address you gave."
            )
            % {"time": beijing_time(registration.offer_expires_at)},
        )
    elif registration.status == Status.WAITLISTED:
        messages.info(
            request,
            _(
                "All seats are taken, so you are on the waiting list. The link to your "
                "registration has been sent to the address you gave."
            ),
        )
    return redirect("events:registration-mailed", event_id)


@never_cache
@require_GET
def registration_mailed(request, event_id: int):
    """ "Check your e-mail": after registering for an event that sends the links only by
    e-mail, and after registering a second time with the same address."""
    event = published_event(event_id)
    context = {"event": in_page_language(event), "trail": [(_("Check your e-mail"), None)]}
    return render(request, "events/attendee/registration_mailed.html", context)


def registration_page(request, event_id: int, problem: RegistrationError | str | None = None):
    """The form with the event's questions; after a refused POST, with what was typed, the
    fields to correct marked and the service's reason at its field, or on top."""
    event = published_event(event_id)
    if event.pk != event_id:  # the id of a translation: registrations belong to the source
        return redirect("events:event-register", event.pk)
    form = RegistrationForm(
        request.POST or None, questions=event.questions.all(), phone=event.registration_phone
    )
    now = timezone.now()
    on_sale = list(services.on_sale(event, now))
    form.offer(on_sale)
    if form.is_bound:
        form.is_valid()  # marks the fields to correct
        show_problem(form, problem)
    context = {
        "event": in_page_language(event),
        "form": form,
        "on_sale": on_sale,
        # What the empty form's fields show besides the event's questions: the seats on offer.
        "offer_key": repr(form.fields["ticket_type"].widget.choices),
        "closed_reason": "" if on_sale else closed_reason(event, now),
        "trail": [(_("Registration"), None)],
    }
    return render(request, "events/attendee/register.html", context)


# --- The ticket --------------------------------------------------------------------------------


def ticket_qr_svg(secret: str) -> str:
    """The check-in code as a QR code big enough for a phone camera at the gate (about 260 px);
    a readable code in its groups, as printed under it (upper case and dashes are what a QR
    code stores most compactly)."""
    svg = segno.make(codes.grouped(secret), error="m").svg_inline(
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
    hold_open = status == Status.AWAITING and registration.offer_expires_at > now
    context = {
        "registration": registration,
        "event": in_page_language(registration.ticket_type.event),
        "ticket_type": localised(registration.ticket_type, "name"),
        "qr_svg": ticket_qr_svg(registration.secret) if status == Status.CONFIRMED else "",
        "offer_open": offer_open,
        "hold_open": hold_open,
        "hold_lapsed": status == Status.UNCONFIRMED
        or (status == Status.AWAITING and not hold_open),
        "offer_lapsed": status == Status.EXPIRED or (status == Status.OFFERED and not offer_open),
        "position": waiting_position(registration) if status == Status.WAITLISTED else None,
        "check_in": getattr(registration, "check_in", None),
        "may_cancel": status in services.ACTIVE,
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


# --- The attendee's data (PIPL): download, erase -----------------------------------------------


def data_page(request, registration: Registration, form: EraseDataForm, status: int = 200):
    context = {
        "registration": registration,
        "whole_address": personal_data.address_is_proven(registration),
        "event": in_page_language(registration.ticket_type.event),
        "form": form,
        "trail": [(_("Your data"), None)],
    }
    return render(request, "events/attendee/my_data.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def my_data(request, access_token: str):
    """What the ticket link opens (personal_data.reachable_from): GET shows it can be
    downloaded or erased; POST, with the box ticked, erases it (what is still to come is
    cancelled)."""
    registration = registration_or_404(access_token)
    form = EraseDataForm(request.POST if request.method == "POST" else None)
    if request.method == "GET":
        return data_page(request, registration, form)
    if not form.is_valid():
        return data_page(request, registration, form, status=400)
    event = in_page_language(registration.ticket_type.event)
    personal_data.erase_reachable_from(registration)
    # Shown at once, not after a redirect: the ticket link opens nothing any more.
    context = {"event": event, "trail": [(_("Your data"), None)]}
    return render(request, "events/attendee/data_erased.html", context)


@never_cache
@require_GET
def my_data_download(request, access_token: str):
    registration = registration_or_404(access_token)
    data = personal_data.data_reachable_from(registration)
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return download(content, "twincity-my-data.json")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_email(request, access_token: str):
    """The link in the confirmation e-mail. GET shows a button and changes nothing (mail
    scanners open links); POST confirms."""
    registration = registration_or_404(access_token)
    if request.method == "GET":
        if registration.status != Status.AWAITING:
            return redirect("events:ticket", access_token)  # the ticket says where it stands
        context = {
            "registration": registration,
            "event": in_page_language(registration.ticket_type.event),
            "trail": [(_("Confirm your registration"), None)],
        }
        return render(request, "events/attendee/confirm_email.html", context)
    try:
        services.confirm_email(access_token)
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your registration is confirmed: your ticket is below."))
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
