"""What the events hold about a person (PIPL): registrations with their answers, tickets and
check-ins, found by account or by e-mail address; downloaded whole, erased on request.

Erasing cancels what is still to come (the seat goes to the waiting list, through
`services.cancel`) and anonymises every registration: no name, e-mail address, phone number,
organisation or answer is left, and the old ticket links open nothing. The rows stay, so an event's figures
(registrations, seats taken, check-ins by gate, where people came from) do not change.

Accounts reach this through core's PERSONAL_DATA registry (wagtail_hooks.py); attendees without
an account through their ticket link (views/attendee.py).
"""

import contextlib
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from twincity.core.consent import consent_data, forget_consents, record_consent
from twincity.core.personal_data import forget_task_rows

from . import services
from .errors import RegistrationError
from .models import Question, Registration, new_checkin_code, new_secret


def registrations_of(user: User | None = None, email: str = "") -> QuerySet[Registration]:
    """The registrations made by the account or under the e-mail address."""
    found = Q(pk__in=[])
    if user is not None:
        found |= Q(user=user)
    if email:
        found |= Q(email__iexact=email.strip())
    return Registration.objects.filter(found).select_related(
        "ticket_type__event", "check_in", "invitation_code"
    )


def registration_data(registration: Registration, questions: dict[str, Question]) -> dict:
    ticket_type = registration.ticket_type
    check_in = getattr(registration, "check_in", None)
    return {
        "event": ticket_type.event.title,
        "event_starts_at": ticket_type.event.starts_at,
        "ticket_type": ticket_type.name_en,
        "status": registration.status,
        "name": registration.name,
        "email": registration.email,
        "organisation": registration.organisation_name,
        "phone": registration.phone,
        "invitation_code": registration.invitation_code.code
        if registration.invitation_code
        else "",
        "coming_from": registration.city_of_origin,
        "language": registration.language,
        "answers": [
            {"question": questions[key].text_en if key in questions else key, "answer": answer}
            for key, answer in registration.answers.items()
        ],
        "registered_at": registration.created_at,
        "cancelled_at": registration.cancelled_at,
        "check_in": ({"gate": check_in.gate, "at": check_in.checked_in_at} if check_in else None),
    }


def registrations_data(registrations: QuerySet[Registration]) -> list[dict]:
    """The registrations as plain data, their answers under the questions' wording."""
    rows = list(registrations)
    event_ids = {row.ticket_type.event_id for row in rows}
    questions = {str(q.pk): q for q in Question.objects.filter(event_id__in=event_ids)}
    return [registration_data(row, questions) for row in rows]


def data_about(user: User) -> list[dict]:
    """The events section of an account's download: by the account and by its address."""
    return registrations_data(registrations_of(user, user.email))


def address_is_proven(registration: Registration) -> bool:
    """Whether holding this registration's ticket link proves its e-mail address: only if the
    link went by e-mail alone. Otherwise whoever typed an address into the form got the link
    on screen, and anyone can type someone else's address."""
    return registration.link_by_email_only


def reachable_from(registration: Registration) -> QuerySet[Registration]:
    """What a ticket link opens: every registration under a proven address, else its own."""
    if address_is_proven(registration):
        return registrations_of(email=registration.email)
    return Registration.objects.filter(pk=registration.pk).select_related(
        "ticket_type__event", "check_in", "invitation_code"
    )


def data_reachable_from(registration: Registration) -> dict:
    """The download of a ticket link: its registrations; the address's consents if proven."""
    proven = address_is_proven(registration)
    return {
        "email": registration.email,
        "registrations": registrations_data(reachable_from(registration)),
        "consents": consent_data(email=registration.email) if proven else [],
    }


def erase_reachable_from(registration: Registration) -> None:
    """Erases what the ticket link opens; a proven address's consents and e-mails too."""
    email = registration.email
    erase_registrations(reachable_from(registration))
    if address_is_proven(registration):
        forget_consents(email=email)
        forget_task_rows(email)


def erase(user: User) -> None:
    """The account's registrations, by the account and by its address (core.personal_data
    forgets the account's consents and e-mails)."""
    erase_registrations(registrations_of(user, user.email))


def erase_registrations(registrations: QuerySet[Registration], now: datetime | None = None):
    now = now or timezone.now()
    rows = list(registrations)
    for registration in rows:
        cancel_if_still_to_come(registration, now)
    with transaction.atomic():
        for registration in rows:
            anonymise(registration)


def cancel_if_still_to_come(registration: Registration, now: datetime) -> None:
    """Free the seat of a registration for an event not over yet, silently; one that cannot be
    cancelled (used to enter, already ended) is only anonymised."""
    if registration.ticket_type.event.ends_at <= now:
        return
    with contextlib.suppress(RegistrationError):
        services.cancel(registration.access_token, now, notify=False)


def anonymise(registration: Registration) -> None:
    # A unique address that names nobody: ".invalid" is reserved (RFC 2606), so no mail can
    # reach it, and two erased rows of a ticket type never collide.
    registration.email = f"erased-{registration.pk}@invalid"
    registration.name = ""
    registration.organisation_name = ""
    registration.phone = ""
    registration.answers = {}
    registration.user = None
    # The links the person was sent open nothing any more.
    registration.secret = new_checkin_code()
    registration.access_token = new_secret()
    registration.save(
        update_fields=[
            "email",
            "name",
            "organisation_name",
            "phone",
            "answers",
            "user",
            "secret",
            "access_token",
        ]
    )


def record_registration_consent(registration: Registration) -> None:
    """The registration form's privacy notice was agreed to (its checkbox is required)."""
    record_consent(
        "event_registration",
        registration.language,
        user=registration.user,
        email=registration.email,
    )
