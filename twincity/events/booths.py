"""Booths at an expo: enterprises apply, organisers decide and give booth numbers from the hall plan.

Every change to who holds which booth runs under the event's hall lock (locking.lock_hall), so
two organisers giving out booths at the same moment never pick the same free one; the
one-to-one link from an application to its booth is the database's last line of defence, and
a clash it catches becomes a BoothError with a message, never an error page.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from twincity.core.localisation import localised
from twincity.core.mail import absolute_url, send_after_commit
from twincity.directory.models import Organisation

from . import access, locking
from .errors import BoothError, NotAllowed
from .models import BoothApplication, BoothSpace, EventPage, EventStaff
from .services import pause_for_race_test

Status = BoothApplication.Status
DECISIONS = (Status.APPROVED, Status.WAITLISTED, Status.REJECTED)


# --- Applying --------------------------------------------------------------------------------


def applicant_organisations(user) -> list[Organisation]:
    """The enterprises the user may apply for: their own as an approved recruiter, and those
    whose event staff they are."""
    if not user.is_authenticated:
        return []
    found = {}
    recruiter = getattr(user, "recruiter", None)
    if recruiter is not None and recruiter.is_approved:
        found[recruiter.organisation_id] = recruiter.organisation
    staff_of = Organisation.objects.filter(
        pk__in=EventStaff.objects.filter(user=user).values("organisation")
    )
    for organisation in staff_of:
        found.setdefault(organisation.pk, organisation)
    enterprises = [o for o in found.values() if o.kind == Organisation.Kind.ENTERPRISE]
    return sorted(enterprises, key=lambda organisation: organisation.name_en)


def check_applicant(user, organisation: Organisation | None = None) -> Organisation:
    organisations = applicant_organisations(user)
    if not organisations:
        raise NotAllowed(
            _(
                "Booths are for enterprises: sign in with an approved recruiter account of your "
                "enterprise, or as event staff of an enterprise."
            )
        )
    if organisation is None:
        return organisations[0]
    if organisation not in organisations:
        raise NotAllowed(_("You may not apply for this organisation."))
    return organisation


def takes_booth_applications(event: EventPage) -> bool:
    """The organisers have published a hall plan and the event is not over."""
    event = event.source_page()
    return event.ends_at > timezone.now() and event.booth_spaces.exists()


def application_of(event: EventPage, organisation: Organisation) -> BoothApplication | None:
    return BoothApplication.objects.filter(
        event=event.source_page(), organisation=organisation
    ).first()


def apply_for_booth(
    user,
    event: EventPage,
    *,
    size_sqm: int,
    sector: str,
    products: str,
    organisation: Organisation | None = None,
) -> BoothApplication:
    """One application per organisation per event; a second (or a double submit) is refused
    with a message and changes nothing."""
    event = event.source_page()
    organisation = check_applicant(user, organisation)
    if not takes_booth_applications(event):
        raise BoothError(_("This event takes no booth applications."))
    if application_of(event, organisation) is not None:
        raise BoothError(already_applied(organisation))
    try:
        with transaction.atomic():
            return BoothApplication.objects.create(
                event=event,
                organisation=organisation,
                applicant=user,
                size_sqm=size_sqm,
                sector=sector.strip(),
                products=products.strip(),
            )
    except IntegrityError as error:  # the same form sent twice at once
        raise BoothError(already_applied(organisation)) from error


def already_applied(organisation: Organisation) -> str:
    return _("%(organisation)s has applied for a booth at this event already.") % {
        "organisation": localised(organisation, "name")
    }


# --- Deciding and assigning ------------------------------------------------------------------


def decide(application_id: int, decision: str, by) -> BoothApplication:
    """Approve, waitlist or reject; waitlisting or rejecting frees the booth the application held.
    The same decision twice changes nothing and sends no second e-mail."""
    if decision not in DECISIONS:
        raise BoothError(_("Choose approve, waiting list or reject."))
    with transaction.atomic():
        application = locked_application(application_id, by)
        if application.status == decision:
            return application
        application.status = decision
        if decision != Status.APPROVED:
            application.booth = None
        save_decision(application, by)
    return application


def assign_booth(application_id: int, booth_space_id: int, by) -> BoothApplication:
    """Give an approved exhibitor a free booth of the event's hall plan; an exhibitor who held
    another booth moves, and that one is free again."""
    with transaction.atomic():
        application = locked_application(application_id, by)
        if application.status != Status.APPROVED:
            raise BoothError(_("Approve the application before you give it a booth."))
        booth = BoothSpace.objects.filter(pk=booth_space_id, event_id=application.event_id).first()
        if booth is None:
            raise BoothError(_("This booth is not on the event's hall plan."))
        if application.booth_id == booth.pk:
            return application
        if booth_is_taken(booth):
            raise BoothError(booth_taken(booth))
        pause_for_race_test()
        application.booth = booth
        save_decision(application, by)
    return application


def approve_and_assign_next_free(application_id: int, by) -> BoothApplication:
    """Approve with the next free booth of the hall plan or, when none is left, put the
    application on the waiting list."""
    with transaction.atomic():
        application = locked_application(application_id, by)
        if application.status == Status.APPROVED and application.booth_id:
            return application
        booth = next_free_booth(application.event)
        pause_for_race_test()
        application.status = Status.APPROVED if booth else Status.WAITLISTED
        application.booth = booth
        save_decision(application, by)
    return application


def locked_application(application_id: int, by) -> BoothApplication:
    """The application, checked to be the manager's, with its event's hall lock held."""
    application = (
        BoothApplication.objects.select_related("event", "organisation", "booth")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise BoothError(_("This booth application no longer exists."))
    access.check_manager(by, application.event)
    locking.lock_hall(application.event_id)
    # Read again under the lock: another organiser may have decided in the meantime.
    application.refresh_from_db(fields=["status", "booth"])
    return application


def booth_is_taken(booth: BoothSpace) -> bool:
    return BoothApplication.objects.filter(booth=booth).exists()


def next_free_booth(event: EventPage) -> BoothSpace | None:
    return free_booths(event).first()


def free_booths(event: EventPage) -> QuerySet[BoothSpace]:
    return BoothSpace.objects.filter(event=event.source_page(), application__isnull=True)


def save_decision(application: BoothApplication, by) -> None:
    application.decided_at = timezone.now()
    application.decided_by = by
    try:
        with transaction.atomic():
            application.save(update_fields=["status", "booth", "decided_at", "decided_by"])
    except IntegrityError as error:  # without the hall lock two organisers picked one booth
        raise BoothError(booth_taken(application.booth)) from error
    notify_applicant(application)


def booth_taken(booth: BoothSpace | None) -> str:
    return _("Booth %(booth)s has just been given to another exhibitor: choose another.") % {
        "booth": str(booth or "")
    }


# --- Reading ---------------------------------------------------------------------------------


def applications(event: EventPage) -> QuerySet[BoothApplication]:
    return BoothApplication.objects.filter(event=event.source_page()).select_related(
        "organisation", "booth", "applicant"
    )


def exhibitors(event: EventPage) -> QuerySet[BoothApplication]:
    """Approved exhibitors, by booth (those still without one last)."""
    return (
        applications(event)
        .filter(status=Status.APPROVED)
        .order_by("booth__hall", "booth__number", "organisation__name_en")
    )


# --- E-mail ----------------------------------------------------------------------------------


def notify_applicant(application: BoothApplication) -> None:
    """Tell the person who applied what was decided, in their language, once committed."""
    applicant = application.applicant
    if applicant is None or not applicant.email:
        return
    recruiter = getattr(applicant, "recruiter", None)
    language = recruiter.language if recruiter else settings.LANGUAGE_CODE
    event = application.event
    with translation.override(language):
        context = {
            "event_title": page_in_language(event, language).title,
            "organisation": localised(application.organisation, "name"),
            "status": application.status,
            "status_label": str(application.get_status_display()),
            "booth": str(application.booth or ""),
            "url": absolute_url("events:booth-apply", language, event.pk),
        }
    send_after_commit("events/staff/email/booth_decided.txt", applicant.email, language, context)


def page_in_language(event: EventPage, language: str) -> EventPage:
    """The event's translation into `language`, or the event itself when there is none."""
    translated = (
        EventPage.objects.filter(
            translation_key=event.translation_key, locale__language_code=language
        )
        .only("title")
        .first()
    )
    return translated or event


def hall_plan(event: EventPage) -> QuerySet[BoothSpace]:
    """Every booth of the event, with the exhibitor holding it (if any)."""
    return BoothSpace.objects.filter(event=event.source_page()).select_related(
        "application__organisation"
    )
