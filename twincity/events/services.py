"""Registration for events: seats, the waiting list and offers of freed seats (the pretix pattern).

Seats are never a stored counter. Every change that takes or frees a seat runs in one durable
transaction that first locks the ticket type (`locking.lock_ticket_type`), then recounts the
seats from the registration rows: confirmed ones, and offered ones whose offer has not expired.
Under PostgreSQL's READ COMMITTED each statement after the lock sees every registration that
was committed before it, so two requests for the last seat cannot both find it free.

A refused request raises `RegistrationError` with a translated message and changes nothing.

Answers to the event's questions are stored as {str(question id): answer}: the text typed for a
text question, the English wording of the chosen answer for a choice question (the Chinese
wording is what Chinese pages show), "yes" or "no" for a yes/no question.

A mobile phone number is kept where the event asks for one (`EventPage.registration_phone`). A
ticket type by invitation takes a registration only with one of its invitation codes that has a
use left; the uses are counted with the seats, under the lock (registration_statement.py).

Check-in and booths live in `checkin.py` and `booths.py`.
"""

import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from twincity.core import metrics
from twincity.core.generation import GenerationMemo, current_generation
from twincity.core.localisation import localised

from . import codes, locking, registration_statement, signals, tasks
from .dates import beijing_time
from .errors import AlreadyRegistered, RegistrationError
from .models import (
    ACTIVE_STATUSES,
    EventPage,
    InvitationCode,
    PhoneQuestion,
    Question,
    Registration,
    TicketType,
)
from .phones import normalised_phone

Status = Registration.Status
YES_NO = ("yes", "no")
# What registering reads of a ticket type and of its event page (the page has many more).
TICKET_TYPE_FIELDS = (
    "event",
    "name_en",
    "name_zh",
    "capacity",
    "sale_starts_at",
    "sale_ends_at",
    "offer_hours",
    "is_withdrawn",
    "by_invitation",
)
EVENT_FIELDS = ("live", "registration_open", "starts_at", "ends_at", "title")
# Registrations that hold nothing any more: cancelling one again changes nothing.
# Registrations that still stand: an e-mail address holds at most one of a ticket type.
ACTIVE = ACTIVE_STATUSES
ENDED = (Status.CANCELLED, Status.EXPIRED, Status.UNCONFIRMED)
# Registrations whose seat is held only until `offer_expires_at`, and what they become after.
HELD_UNTIL_DEADLINE = {Status.OFFERED: Status.EXPIRED, Status.AWAITING: Status.UNCONFIRMED}


# --- Counting seats ---------------------------------------------------------------------------


def holds_seat(now: datetime) -> Q:
    """Registrations that take a seat at `now`: confirmed, or offered or awaiting e-mail
    confirmation and not yet expired. (Written so that PostgreSQL reads only those rows,
    through the ticket type-status index.)"""
    return Q(status__in=[Status.CONFIRMED, *HELD_UNTIL_DEADLINE]) & (
        Q(status=Status.CONFIRMED) | Q(offer_expires_at__gt=now)
    )


def seats_taken(ticket_type_id: int, now: datetime) -> int:
    """Seats of the ticket type taken at `now`, counted from the rows; changes nothing."""
    return Registration.objects.filter(holds_seat(now), ticket_type_id=ticket_type_id).count()


def seat_counts(now: datetime) -> dict:
    """Annotations of a ticket type: `taken`, its seats held at `now` counted from the rows,
    and `waiting`, whether anyone is on its waiting list; subqueries that read only the rows
    they need (the waiting list can be long)."""
    rows = Registration.objects.filter(ticket_type=OuterRef("pk")).order_by()
    taken = rows.filter(holds_seat(now)).values("ticket_type").annotate(n=Count("pk"))
    return {
        "taken": Coalesce(Subquery(taken.values("n")), 0),
        "waiting": Exists(rows.filter(status=Status.WAITLISTED)),
    }


def on_sale(event: EventPage, now: datetime | None = None) -> QuerySet[TicketType]:
    """The event's ticket types open for registration now, with their `seat_counts`: what the
    form shows. The service counts again under the lock."""
    now = now or timezone.now()
    return (
        event.ticket_types.filter(is_withdrawn=False, sale_starts_at__lte=now, sale_ends_at__gt=now)
        .annotate(**seat_counts(now))
        .order_by("pk")
    )


# --- Checks -------------------------------------------------------------------------------------


def check_on_sale(ticket_type: TicketType, now: datetime) -> None:
    if ticket_type.is_withdrawn:
        raise RegistrationError(_("This ticket type has been withdrawn: choose another one."))
    if not (ticket_type.event.live and ticket_type.event.registration_open):
        raise RegistrationError(_("This event does not take registrations."))
    if now < ticket_type.sale_starts_at:
        raise RegistrationError(
            _("Registration for this ticket type opens on %(time)s (Beijing time).")
            % {"time": beijing_time(ticket_type.sale_starts_at)}
        )
    if now >= ticket_type.sale_ends_at:
        raise RegistrationError(_("Registration for this ticket type has closed."))


def choice_values(question: Question) -> list[str]:
    """What a choice question stores: its answers in English, one per line."""
    return [line.strip() for line in question.choices_en.splitlines() if line.strip()]


def choice_labels(question: Question, language: str) -> list[str]:
    """The answers as the page shows them: in Chinese when every one is translated."""
    values = choice_values(question)
    if language.startswith("zh"):
        chinese = [line.strip() for line in question.choices_zh.splitlines() if line.strip()]
        if len(chinese) == len(values):
            return chinese
    return values


def clean_answers(questions: list[Question], answers: dict, language: str) -> dict[str, str]:
    """The answers to the event's questions as stored; refuses a missing required answer and
    an answer that is not one of a choice question's answers, naming the question."""
    cleaned = {}
    for question in questions:
        answer = str(answers.get(str(question.pk), "") or "").strip()
        name = localised(question, "text", language)
        if not answer:
            if question.required:
                raise RegistrationError(
                    _("Please answer the question “%(question)s”.") % {"question": name}
                )
            continue
        allowed = {
            Question.Kind.CHOICE: choice_values(question),
            Question.Kind.YES_NO: YES_NO,
        }.get(question.kind)
        if allowed is not None and answer not in allowed:
            raise RegistrationError(
                _("Choose one of the answers offered to “%(question)s”.") % {"question": name}
            )
        cleaned[str(question.pk)] = answer[:2000]
    return cleaned


def clean_phone(phone: str, asked: str) -> str:
    """The phone number as stored: none where the event does not ask for one; refuses a
    missing required one and one that is neither a mainland mobile nor an international
    number, at the form's phone field."""
    if asked == PhoneQuestion.OFF:
        return ""
    number = normalised_phone(phone)
    if number is None:
        raise RegistrationError(
            _(
                "Give a mainland mobile number (11 digits starting with 1) or an international "
                "number starting with +."
            ),
            field="phone",
        )
    if not number and asked == PhoneQuestion.REQUIRED:
        raise RegistrationError(_("Please give your mobile phone number."), field="phone")
    return number


def invitation_code_for(ticket_type_id: int, typed: str) -> InvitationCode:
    """The ticket type's invitation code that was typed (in any case, with or without dashes);
    refuses a missing or unknown code at the form's code field. Whether it has a use left is
    counted under the lock."""
    key = codes.normalised(typed)
    if not key:
        raise RegistrationError(
            _("This ticket type is by invitation: type the invitation code you were sent."),
            field="invitation_code",
        )
    code = InvitationCode.objects.filter(ticket_type_id=ticket_type_id, key=key).first()
    if code is None:
        raise RegistrationError(
            _("This invitation code is not valid for this ticket type. Check it and try again."),
            field="invitation_code",
        )
    return code


def uses_of(code: InvitationCode) -> int:
    """The registrations with the code that still stand; changes nothing."""
    return Registration.objects.filter(invitation_code=code, status__in=ACTIVE).count()


def check_invitation(ticket_type: TicketType, code: InvitationCode | None) -> None:
    """Why a ticket type by invitation refused the registration, if the code is the reason."""
    if not ticket_type.by_invitation:
        return
    if code is None or code.ticket_type_id != ticket_type.pk:
        raise RegistrationError(
            _("This ticket type is by invitation: type the invitation code you were sent."),
            field="invitation_code",
        )
    if uses_of(code) >= code.max_uses:
        raise RegistrationError(
            _("This invitation code has been used up. Ask the organisers for another one."),
            field="invitation_code",
        )


def ticket_type_or_error(ticket_type_id: int) -> TicketType:
    """The ticket type with what registering reads of its event (not the whole page)."""
    ticket_type = (
        TicketType.objects.select_related("event")
        .only(*TICKET_TYPE_FIELDS, *(f"event__{name}" for name in EVENT_FIELDS))
        .filter(pk=ticket_type_id)
        .first()
    )
    if ticket_type is None:
        raise RegistrationError(_("This ticket type does not exist: choose another one."))
    return ticket_type


def locked_ticket_type(ticket_type_id: int) -> TicketType:
    """Lock the ticket type, then read it afresh (inside the caller's transaction)."""
    locking.lock_ticket_type(ticket_type_id)
    return ticket_type_or_error(ticket_type_id)


def pause_for_race_test() -> None:
    """The race tests' pause between counting and committing (`locking.race_test_delay`)."""
    delay = locking.race_test_delay()
    if delay:
        time.sleep(delay)


# --- Registering ------------------------------------------------------------------------------


def register(
    ticket_type_id: int,
    *,
    name: str,
    email: str,
    city_of_origin: str,
    answers: dict,
    language: str,
    submission_token: uuid.UUID | str,
    organisation_name: str = "",
    phone: str = "",
    invitation_code: str = "",
    event_id: int | None = None,
    user: User | None = None,
    now: datetime | None = None,
) -> Registration:
    """Register one person: a seat if one is free and nobody is waiting (held until the e-mail
    address is confirmed, if the event requires it), else a place on the waiting list. A second
    submit of the same form (same `submission_token`) returns the registration the first one
    made. A second registration with the same e-mail address for the ticket type takes no seat:
    it raises AlreadyRegistered, and the first registration's link is mailed to the address
    again (`already_registered`). `event_id`, if given, is the event the form was for;
    `phone` is kept where the event asks for it, and `invitation_code` is needed for a ticket
    type by invitation."""
    now = now or timezone.now()
    name, email = name.strip(), email.strip().lower()
    if not (name and email):
        raise RegistrationError(_("Please give your name and e-mail address."))
    if city_of_origin not in Registration.Origin.values:
        raise RegistrationError(_("Please say where you are coming from."))
    registration = Registration(
        user=user if user and user.is_authenticated else None,
        name=name[:100],
        email=email,
        organisation_name=organisation_name.strip()[:200],
        phone=phone,
        city_of_origin=city_of_origin,
        language=language,
        submission_token=submission_token,
    )
    typed = Typed(answers, invitation_code)
    for first_attempt in (True, False):
        try:
            return save_newcomer(registration, ticket_type_id, event_id, typed, now)
        except (IntegrityError, RegistrationError) as refusal:
            # A second submit of a form that went through (the unique submission token let
            # only the first row in): its registration, not an error. Only a refusal costs
            # this query.
            earlier = Registration.objects.filter(submission_token=submission_token).first()
            if earlier is not None:
                return earlier
            if not isinstance(refusal, IntegrityError):
                raise
        # The constraint `registration_once_per_email` refused a second active registration
        # of the address for the ticket type.
        if not (first_attempt and make_room_for(registration.email, ticket_type_id, now)):
            break
    raise already_registered(registration.email, ticket_type_id, now)


def make_room_for(email: str, ticket_type_id: int, now: datetime) -> bool:
    """Whether registering the address again may go through: the registration that held it
    ended since (cancelled a moment ago), or its hold or offer ran out and is ended here,
    before the worker would have."""
    existing = active_registration(ticket_type_id, email)
    if existing is not None and lapsed(existing, now):
        expire_and_offer(ticket_type_id, now)
        return True
    return existing is None


def already_registered(email: str, ticket_type_id: int, now: datetime) -> RegistrationError:
    """The address is registered for the ticket type already: mail that registration's link
    to it again, and say so without showing anything of the registration (whoever knows an
    address must not read its ticket)."""
    existing = active_registration(ticket_type_id, email)
    if existing is None:  # ended and taken again in between: rare, and trying again works
        return RegistrationError(
            _(
                "Many people are doing this at the same moment, so nothing was saved. "
                "Please try again."
            )
        )
    mail_link_again(existing, now)
    return AlreadyRegistered(
        _(
            "This e-mail address is already registered for this ticket type. We have sent "
            "the link to the registration to that address again: please look in its inbox "
            "(and its spam folder). A link is sent at most once every %(minutes)d minutes."
        )
        % {"minutes": settings.EVENTS_LINK_RESEND_MINUTES}
    )


def active_registration(ticket_type_id: int, email: str) -> Registration | None:
    return Registration.objects.filter(
        ticket_type_id=ticket_type_id, email__iexact=email, status__in=ACTIVE
    ).first()


def lapsed(registration: Registration, now: datetime) -> bool:
    """A hold or an offer whose time ran out, not yet ended by the worker."""
    return (
        registration.status in HELD_UNTIL_DEADLINE
        and registration.offer_expires_at is not None
        and registration.offer_expires_at <= now
    )


def mail_link_again(registration: Registration, now: datetime) -> bool:
    """Mail the registration's link to its address, unless it was mailed less than
    settings.EVENTS_LINK_RESEND_MINUTES ago. One conditional UPDATE decides, so that a burst
    of requests sends one mail. Whether a mail was queued."""
    recently = now - timedelta(minutes=settings.EVENTS_LINK_RESEND_MINUTES)
    with transaction.atomic():
        claimed = (
            Registration.objects.filter(pk=registration.pk)
            .filter(Q(link_mailed_at__isnull=True) | Q(link_mailed_at__lte=recently))
            .update(link_mailed_at=now)
        )
        if claimed:
            template = "awaiting" if registration.status == Status.AWAITING else "link_again"
            tasks.email_after_commit(registration, template)
    return bool(claimed)


@dataclass(frozen=True)
class Typed:
    """What the form sent besides the person: answers by question id, an invitation code."""

    answers: dict
    invitation_code: str = ""


def save_newcomer(
    registration: Registration,
    ticket_type_id: int,
    event_id: int | None,
    typed: Typed,
    now: datetime,
) -> Registration:
    """Check the answers, the phone number and the invitation code, then take a seat or a place
    on the waiting list under the ticket type's lock (`seating`); explain a refusal."""
    rules = form_rules_for(ticket_type_id)
    try:
        registration.answers = clean_answers(rules.questions, typed.answers, registration.language)
        registration.phone = clean_phone(registration.phone, rules.phone)
        if rules.by_invitation:
            registration.invitation_code = invitation_code_for(
                ticket_type_id, typed.invitation_code
            )
    except RegistrationError:
        explain_refusal(ticket_type_id, event_id, now)  # "closed" says more than "blank"
        raise
    taken = registration_statement.take_seat_or_queue(registration, ticket_type_id, event_id, now)
    if taken is None:
        ticket_type = explain_refusal(ticket_type_id, event_id, now)
        check_invitation(ticket_type, registration.invitation_code)
        raise RegistrationError(_("This event does not take registrations."))
    if taken.status == Status.WAITLISTED and taken.seat_free_for_the_queue:
        # A seat freed (an offer lapsed) and the worker has not passed it on yet.
        offer_next_seats(ticket_type_or_error(ticket_type_id), now)
    if not taken.email_queued:  # a task backend of another kind: queued once committed
        tasks.email_after_commit(registration, template_for(registration.status))
    signals.registration_created.send(sender=Registration, registration=registration)
    metrics.count_registration(registration.status)
    return registration


@dataclass(frozen=True)
class FormRules:
    """What a registration for a ticket type is checked against before the lock."""

    questions: list[Question]
    phone: str  # PhoneQuestion of the event
    by_invitation: bool


# The form rules of each ticket type, kept in this process per content generation: every
# registration checks against them, and they change seldom (publishing the event, saving or
# deleting a question or a ticket type starts a new generation, once it commits). The statement
# under the lock checks the invitation again, from the rows.
_rules_by_ticket_type = GenerationMemo()


def form_rules_for(ticket_type_id: int) -> FormRules:
    return _rules_by_ticket_type.get(
        ticket_type_id, current_generation(), lambda: read_form_rules(ticket_type_id)
    )


def read_form_rules(ticket_type_id: int) -> FormRules:
    ticket_type = (
        TicketType.objects.filter(pk=ticket_type_id)
        .values("by_invitation", "event__registration_phone")
        .first()
    )
    if ticket_type is None:  # the statement inserts nothing and the refusal says why
        return FormRules([], PhoneQuestion.OFF, False)
    return FormRules(
        questions=list(Question.objects.filter(event__ticket_types=ticket_type_id)),
        phone=ticket_type["event__registration_phone"],
        by_invitation=ticket_type["by_invitation"],
    )


def questions_for(ticket_type_id: int) -> list[Question]:
    return form_rules_for(ticket_type_id).questions


def explain_refusal(ticket_type_id: int, event_id: int | None, now: datetime) -> TicketType:
    """Raise the reason why the ticket type takes no registration now, if there is one; else
    return the ticket type."""
    ticket_type = ticket_type_or_error(ticket_type_id)
    if event_id not in (None, ticket_type.event_id):
        raise RegistrationError(_("This ticket type does not exist: choose another one."))
    check_on_sale(ticket_type, now)
    return ticket_type


def template_for(status: str) -> str:
    return {
        Status.CONFIRMED: "confirmed",
        Status.AWAITING: "awaiting",
        Status.WAITLISTED: "waitlisted",
        Status.OFFERED: "seat_offered",
        Status.CANCELLED: "cancelled",
    }[status]


# --- The waiting list -------------------------------------------------------------------------


def offer_next_seats(ticket_type: TicketType, now: datetime | None = None) -> list[Registration]:
    """Offer every free seat of the ticket type to the earliest on its waiting list."""
    with transaction.atomic(durable=True):
        return offer_free_seats(locked_ticket_type(ticket_type.pk), now or timezone.now())


def offer_free_seats(ticket_type: TicketType, now: datetime) -> list[Registration]:
    """The same, for a caller that holds the ticket type's lock. Expired offers end first,
    so their seats count as free."""
    expire_lapsed_offers(ticket_type, now)
    event = ticket_type.event
    if ticket_type.is_withdrawn or now >= event.starts_at:
        return []
    free = ticket_type.capacity - seats_taken(ticket_type.pk, now)
    if free <= 0:
        return []
    waiting = Registration.objects.filter(ticket_type=ticket_type, status=Status.WAITLISTED)
    offered = list(waiting.order_by("created_at", "pk")[:free])
    # An offer lasts `offer_hours`, and never past the start of the event: the waiting list
    # moves on until then, and after that a freed seat stays free.
    deadline = min(now + timedelta(hours=ticket_type.offer_hours), event.starts_at)
    for registration in offered:
        registration.status = Status.OFFERED
        registration.offer_expires_at = deadline
        registration.save(update_fields=["status", "offer_expires_at"])
        tasks.email_after_commit(registration, "seat_offered")
    return offered


def expire_lapsed_offers(ticket_type: TicketType, now: datetime) -> int:
    """End the offers and the holds for an e-mail confirmation of the ticket type whose time
    ran out: offers become EXPIRED, holds UNCONFIRMED. How many ended."""
    lapsed = Registration.objects.filter(ticket_type=ticket_type, offer_expires_at__lte=now)
    return sum(
        lapsed.filter(status=held).update(status=ended)
        for held, ended in HELD_UNTIL_DEADLINE.items()
    )


def expire_offers(now: datetime | None = None) -> int:
    """End every offer and every hold for an e-mail confirmation whose time ran out, and offer
    their seats to the next in line (the worker runs this periodically). How many ended."""
    now = now or timezone.now()
    lapsed = Registration.objects.filter(
        status__in=list(HELD_UNTIL_DEADLINE), offer_expires_at__lte=now
    )
    return sum(
        expire_and_offer(ticket_type_id, now)
        for ticket_type_id in set(lapsed.values_list("ticket_type_id", flat=True))
    )


def expire_and_offer(ticket_type_id: int, now: datetime) -> int:
    """For one ticket type, under its lock: end what lapsed and offer the freed seats."""
    with transaction.atomic(durable=True):
        ticket_type = locked_ticket_type(ticket_type_id)
        expired = expire_lapsed_offers(ticket_type, now)
        offer_free_seats(ticket_type, now)
    return expired


# --- The attendee's own actions -----------------------------------------------------------------


def registration_by_token(access_token: str) -> Registration:
    registration = (
        Registration.objects.select_related("ticket_type__event")
        .filter(access_token=access_token)
        .first()
    )
    if registration is None:
        raise RegistrationError(_("No registration has this link. Check the address."))
    return registration


def locked_registration(access_token: str) -> Registration:
    """Inside a transaction: the registration, read again after locking its ticket type."""
    ticket_type_id = registration_by_token(access_token).ticket_type_id
    locking.lock_ticket_type(ticket_type_id)
    return registration_by_token(access_token)


def cancel(access_token: str, now: datetime | None = None, *, notify: bool = True) -> Registration:
    """The attendee gives up their registration; a seat it held goes to the waiting list.
    Cancelling twice is harmless. `notify=False` sends no e-mail: the attendee erasing their
    data is told on the page, and the address is about to be forgotten."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        registration = locked_registration(access_token)
        if registration.status in ENDED:
            return registration
        event = registration.ticket_type.event
        if hasattr(registration, "check_in"):
            raise RegistrationError(
                _("This ticket has been used to enter: it cannot be cancelled.")
            )
        if now >= event.ends_at:
            raise RegistrationError(_("The event is over: there is nothing to cancel."))
        held_seat = registration.status in (Status.CONFIRMED, *HELD_UNTIL_DEADLINE)
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if notify:
            tasks.email_after_commit(registration, "cancelled")
        if held_seat:
            offer_free_seats(registration.ticket_type, now)
        return registration


def accept_offer(access_token: str, now: datetime | None = None) -> Registration:
    """Take up a seat offered from the waiting list, before the offer expires."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        registration = locked_registration(access_token)
        if registration.status == Status.CONFIRMED:
            return registration  # accepted already (a second click)
        if registration.status == Status.EXPIRED or (
            registration.status == Status.OFFERED and registration.offer_expires_at <= now
        ):
            raise RegistrationError(
                _(
                    "This offer expired, and the seat has gone to the next person on the "
                    "waiting list."
                )
            )
        if registration.status != Status.OFFERED:
            raise RegistrationError(_("No seat is offered on this registration."))
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status"])
        tasks.email_after_commit(registration, "confirmed")
        return registration


def confirm_email(access_token: str, now: datetime | None = None) -> Registration:
    """The person followed the link mailed to them, so the address is theirs: the seat held
    for them becomes theirs, and the ticket is mailed. Confirming twice is harmless."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        registration = locked_registration(access_token)
        if registration.status == Status.CONFIRMED:
            return registration  # confirmed already (a second click)
        if registration.status == Status.UNCONFIRMED or (
            registration.status == Status.AWAITING and lapsed(registration, now)
        ):
            raise RegistrationError(
                _(
                    "The time to confirm this registration has passed, and its seat was "
                    "released. You may register again."
                )
            )
        if registration.status != Status.AWAITING:
            raise RegistrationError(_("This registration needs no confirmation."))
        registration.status = Status.CONFIRMED
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "offer_expires_at"])
        tasks.email_after_commit(registration, "confirmed")
        return registration
