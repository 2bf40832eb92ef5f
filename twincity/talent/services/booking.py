"""Interview slots at a fair: enterprises open them, graduates book them.

No slot is booked twice (the database holds one booking per slot), and no graduate holds two
interviews that overlap or follow each other by less than the fair's minimum gap: a graduate's
bookings are made one at a time under a lock on their profile row.
"""

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access
from ..errors import BookingError, NotAllowed
from ..models import Booth, Fair, GraduateProfile, InterviewBooking, InterviewSlot, Vacancy
from ..tasks import absolute_url, send_after_commit
from .confirmation import email_confirmed

MAX_SLOTS_AT_ONCE = 200


@transaction.atomic
def open_slots(
    user: User,
    fair: Fair,
    first_start: datetime,
    count: int,
    minutes: int,
    place: str = "",
    vacancy: Vacancy | None = None,
) -> list[InterviewSlot]:
    """A series of back-to-back slots at the enterprise's booth; none may overlap its others."""
    recruiter = access.approved_recruiter(user)
    if not 1 <= count <= MAX_SLOTS_AT_ONCE or not 5 <= minutes <= 240:
        raise BookingError(
            _("Open 1 to %(most)d slots of 5 to 240 minutes at a time.")
            % {"most": MAX_SLOTS_AT_ONCE}
        )
    if vacancy is not None and vacancy.organisation_id != recruiter.organisation_id:
        raise NotAllowed(_("This vacancy belongs to another enterprise."))
    last_end = first_start + timedelta(minutes=minutes * count)
    if first_start < fair.starts_at or last_end > fair.ends_at:
        raise BookingError(_("Interview slots must lie within the fair's opening hours."))
    Booth.objects.get_or_create(fair=fair, organisation_id=recruiter.organisation_id)
    clash = InterviewSlot.objects.filter(
        fair=fair,
        organisation_id=recruiter.organisation_id,
        starts_at__lt=last_end,
        ends_at__gt=first_start,
    )
    if clash.exists():
        raise BookingError(_("These slots overlap slots your enterprise has opened already."))
    step = timedelta(minutes=minutes)
    return InterviewSlot.objects.bulk_create(
        InterviewSlot(
            fair=fair,
            organisation_id=recruiter.organisation_id,
            vacancy=vacancy,
            starts_at=first_start + i * step,
            ends_at=first_start + (i + 1) * step,
            place=place,
        )
        for i in range(count)
    )


def book_slot(user: User, slot_id: int, now: datetime | None = None) -> InterviewBooking:
    graduate = access.graduate_of(user)
    now = now or timezone.now()
    if not email_confirmed(user):
        # Booking shows the enterprise the graduate's profile, as applying does.
        raise BookingError(
            _(
                "Confirm your e-mail address before you book an interview: follow the link "
                "we e-mailed you."
            )
        )
    try:
        with transaction.atomic():
            # One booking at a time per graduate: the gap check below sees all their others.
            GraduateProfile.objects.select_for_update().get(pk=graduate.pk)
            slot = InterviewSlot.objects.select_related("fair", "organisation").get(pk=slot_id)
            check_bookable(graduate, slot, now)
            booking = InterviewBooking.objects.create(slot=slot, graduate=graduate)
    except InterviewSlot.DoesNotExist as error:
        raise BookingError(_("This interview slot does not exist any more.")) from error
    except IntegrityError as error:
        raise BookingError(_("Someone has just booked this slot. Choose another one.")) from error
    notify_booking(graduate, slot, "interview_booked")
    return booking


def check_bookable(graduate: GraduateProfile, slot: InterviewSlot, now: datetime) -> None:
    fair = slot.fair
    if now >= fair.booking_closes_at:
        raise BookingError(_("Booking for this fair has closed."))
    if hasattr(slot, "booking"):
        raise BookingError(_("Someone has just booked this slot. Choose another one."))
    gap = timedelta(minutes=fair.min_gap_minutes)
    too_close = InterviewBooking.objects.filter(
        graduate=graduate,
        slot__fair=fair,
        slot__starts_at__lt=slot.ends_at + gap,
        slot__ends_at__gt=slot.starts_at - gap,
    )
    if too_close.exists():
        raise BookingError(
            _(
                "You have another interview at this time. Leave at least %(minutes)d minutes "
                "between two interviews."
            )
            % {"minutes": fair.min_gap_minutes}
        )


@transaction.atomic
def cancel_booking(user: User, booking_id: int, now: datetime | None = None) -> None:
    graduate = access.graduate_of(user)
    now = now or timezone.now()
    booking = (
        InterviewBooking.objects.select_related("slot__fair", "slot__organisation")
        .filter(pk=booking_id, graduate=graduate)
        .first()
    )
    if booking is None:
        raise NotAllowed(_("This is not your booking."))
    if now >= booking.slot.fair.booking_closes_at:
        raise BookingError(_("Booking for this fair has closed; tell the enterprise instead."))
    booking.delete()
    notify_booking(graduate, booking.slot, "interview_cancelled")


@transaction.atomic
def record_attendance(user: User, booking_id: int, attended: bool) -> InterviewBooking:
    recruiter = access.approved_recruiter(user)
    booking = InterviewBooking.objects.select_related("slot").filter(pk=booking_id).first()
    if booking is None or booking.slot.organisation_id != recruiter.organisation_id:
        raise NotAllowed(_("This interview is not with your enterprise."))
    booking.attended = attended
    booking.save(update_fields=["attended"])
    return booking


def notify_booking(graduate: GraduateProfile, slot: InterviewSlot, template: str) -> None:
    send_after_commit(
        template,
        graduate.user.email,
        graduate.language,
        {
            "full_name": graduate.full_name,
            "organisation_en": slot.organisation.name_en,
            "organisation_zh": slot.organisation.name_zh,
            "starts_at": f"{timezone.localtime(slot.starts_at):%Y-%m-%d %H:%M}",
            "place": slot.place,
            "url": absolute_url("talent:my-applications", graduate.language),
        },
    )
