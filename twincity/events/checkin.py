"""Check-in at the gates: a ticket's QR secret is scanned (or typed) and let in once.

A ticket's code (codes.py) is read kindly: in any case, with or without its dashes, O for 0 and
I or L for 1; the 32-character secrets of tickets made before the readable codes are matched as
they are written.

One scan runs in one transaction with the registration row locked, so two gates scanning the
same ticket at the same moment let it in once; the CheckIn row (one per registration, a
database constraint) is the last line of defence. A scan carries an id made by the page that
sent it: a retried submission of the same scan (a double tap, a reload, a lost answer) gets the
first answer again instead of "already checked in". The scan's id is stored on its CheckIn row,
in the same transaction, so a retry is known for as long as the check-in exists, on every app
server, and a scan that did not commit is not remembered.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from twincity.core import metrics
from twincity.core.localisation import localised

from . import access, codes, dates
from .errors import CheckInError
from .models import CheckIn, EventPage, Registration

MAX_SCAN_ID_LENGTH = CheckIn._meta.get_field("scan_id").max_length
MAX_GATE_LENGTH = CheckIn._meta.get_field("gate").max_length
SECRET_LENGTH = Registration._meta.get_field("secret").max_length


@dataclass(frozen=True)
class CheckInResult:
    registration: Registration
    check_in: CheckIn
    name: str
    ticket_type: str
    replayed: bool = False  # the answer to a retried scan, not a new entry

    @property
    def phone(self) -> str:
        return self.registration.phone


@dataclass(frozen=True)
class GateCounts:
    checked_in: int
    registered: int


def check_in(
    secret: str, gate: str, by, event: EventPage, now: datetime | None = None, scan_id: str = ""
) -> CheckInResult:
    """Let the ticket with `secret` in at `gate`, or raise CheckInError saying why not.

    `now` is when the scan happened (a test, or a scan made offline and sent later)."""
    event = event.source_page()
    access.check_manager(by, event)
    gate = clean_gate(gate)
    scan_id = clean_scan_id(scan_id)
    with transaction.atomic():
        registration = locked_registration(clean_secret(secret), event)
        earlier = CheckIn.objects.filter(registration=registration).first()
        if earlier is not None:
            if is_retry_of(earlier, scan_id):
                return result(registration, earlier, replayed=True)
            raise CheckInError(already_checked_in(earlier))
        check_admissible(registration)
        entry = record_entry(registration, gate, by, now, scan_id)
    return result(registration, entry)


def clean_gate(gate: str) -> str:
    gate = " ".join((gate or "").split())
    if not gate:
        raise CheckInError(_("Choose the gate you are checking people in at."))
    if len(gate) > MAX_GATE_LENGTH:
        raise CheckInError(_("The gate's name is too long."))
    return gate


def clean_secret(text: str) -> str:
    """The secret as scanned or typed: surrounding blanks and a pasted line break go."""
    return "".join((text or "").split())


def readings(secret: str) -> set[str]:
    """The stored secrets the scanned text may stand for: itself (a secret of an older ticket,
    exactly as written) and the readable code it spells (codes.normalised)."""
    return {secret, codes.normalised(secret)} - {""}


def locked_registration(secret: str, event: EventPage) -> Registration:
    if not secret or len(secret) > SECRET_LENGTH:
        raise CheckInError(_("This is not a ticket for this event."))
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("ticket_type")
        .filter(secret__in=readings(secret))
        .first()
    )
    if registration is None:
        raise CheckInError(_("This is not a ticket for this event."))
    if registration.ticket_type.event_id != event.pk:
        raise CheckInError(_("This ticket is for another event."))
    return registration


def check_admissible(registration: Registration) -> None:
    if registration.status != Registration.Status.CONFIRMED:
        raise CheckInError(
            _("Not admitted: this ticket is “%(status)s”.")
            % {"status": registration.get_status_display()}
        )


def clean_scan_id(scan_id: str) -> str:
    return (scan_id or "").strip()[:MAX_SCAN_ID_LENGTH]


def is_retry_of(earlier: CheckIn, scan_id: str) -> bool:
    """Whether this scan (its id cleaned) is the one that made `earlier`: a retried submission."""
    return bool(scan_id) and earlier.scan_id == scan_id


def record_entry(
    registration: Registration, gate: str, by, now: datetime | None, scan_id: str = ""
) -> CheckIn:
    try:
        with transaction.atomic():
            entry = CheckIn.objects.create(
                registration=registration, gate=gate, checked_in_by=by, scan_id=scan_id
            )
            metrics.count_check_in()
    except IntegrityError as error:  # only without the row lock; kept as the last defence
        raise CheckInError(_("This ticket has just been checked in at another gate.")) from error
    if now is not None:
        # auto_now_add sets the time on insert; a scan sent later keeps the time it was made.
        CheckIn.objects.filter(pk=entry.pk).update(checked_in_at=now)
        entry.checked_in_at = now
    return entry


def already_checked_in(earlier: CheckIn) -> str:
    """ "Already checked in at 09:12 at Gate A" (the date too when it was another day)."""
    when = earlier.checked_in_at
    same_day = timezone.localtime(when).date() == timezone.localdate()
    moment = dates.clock(when) if same_day else dates.beijing_time(when)
    return _("Already checked in at %(time)s at %(gate)s.") % {
        "time": moment,
        "gate": earlier.gate,
    }


def result(registration: Registration, entry: CheckIn, replayed: bool = False) -> CheckInResult:
    return CheckInResult(
        registration=registration,
        check_in=entry,
        name=registration.name,
        ticket_type=localised(registration.ticket_type, "name"),
        replayed=replayed,
    )


def gate_counts(event: EventPage) -> GateCounts:
    """Checked in / registered (confirmed) for the whole event, in one query."""
    counts = Registration.objects.filter(
        ticket_type__event=event.source_page(), status=Registration.Status.CONFIRMED
    ).aggregate(registered=Count("pk"), checked_in=Count("pk", filter=Q(check_in__isnull=False)))
    return GateCounts(checked_in=counts["checked_in"], registered=counts["registered"])


def gates_of(event: EventPage) -> list[str]:
    """The gates used so far at the event, for the staff to pick from."""
    return list(
        CheckIn.objects.filter(registration__ticket_type__event=event.source_page())
        .order_by("gate")
        .values_list("gate", flat=True)
        .distinct()
    )
