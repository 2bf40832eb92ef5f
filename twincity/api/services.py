"""What a partner's key may do, through the apps' own services and rules.

Every write goes through the service the site uses: a vacancy through talent's VacancyForm and
`save_enterprise_vacancy` (the recruiter's page's checks and messages), a registration through
`events.services.register` and `cancel` (the lock, the seat count, the waiting list, one
registration per e-mail). This module adds only who may: the key's scope, and its
organisation's own vacancies and co-organised events.
"""

import uuid
from datetime import date

from django.db.models import QuerySet
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from twincity.directory.models import Organisation
from twincity.events import services as events
from twincity.events.errors import AlreadyRegistered, LockBusy, RegistrationError
from twincity.events.models import CheckIn, EventPage, Registration
from twincity.talent.errors import TalentError
from twincity.talent.forms_recruiter import VacancyForm
from twincity.talent.models import Vacancy
from twincity.talent.services.accounts import check_credit_code
from twincity.talent.services.vacancies import save_enterprise_vacancy

from . import webhooks
from .errors import ApiError
from .models import PartnerKey, WebhookDelivery, WebhookEndpoint


class PartnerError(ApiError):
    """A refusal of the partner API, answered in the API's error shape (main.py): `status` is
    the HTTP status, `errors` the fields at fault ({field: message}, for 422)."""

    def __init__(self, status: int, message: str, errors: dict[str, str] | None = None):
        listed = [{"field": f, "message": str(m)} for f, m in (errors or {}).items()]
        super().__init__(status, message, errors=listed or None)
        self.message = str(message)


# --- Who may --------------------------------------------------------------------------------


def check_scope(key: PartnerKey, scope: str) -> None:
    if not key.has_scope(scope):
        raise PartnerError(
            403,
            _("This key does not have the scope “%(scope)s” that this request needs.")
            % {"scope": scope},
        )


def co_organised_event(key: PartnerKey, event_id: int) -> EventPage:
    """The event's page in the default language (which registrations belong to), if the key's
    organisation co-organises it; any translation's id finds it."""
    page = EventPage.objects.filter(id=event_id).first()
    if page is None:
        raise PartnerError(404, _("This event does not exist."))
    source = page.source_page()
    if not source.co_organisers.filter(pk=key.organisation_id).exists():
        raise PartnerError(403, _("Your organisation does not co-organise this event."))
    return source


# --- Vacancies --------------------------------------------------------------------------------

TERMS = ("majors", "skills", "certificates")
LANGUAGES = ("en", "zh-hans")  # of an attendee's e-mails


def enterprise_of(key: PartnerKey) -> Organisation:
    """The key's organisation, if it may post vacancies: an enterprise whose credit code the
    directory's rules accept (the same check and words as a recruiter's sign-up)."""
    organisation = key.organisation
    if organisation.kind != Organisation.Kind.ENTERPRISE:
        raise PartnerError(403, _("Only an enterprise may post vacancies."))
    try:
        check_credit_code(organisation.credit_code)
    except TalentError as error:
        raise PartnerError(422, error.message, {"credit_code": error.message}) from error
    return organisation


def vacancies_of(key: PartnerKey) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(organisation_id=key.organisation_id).order_by("pk")


def own_vacancy(key: PartnerKey, vacancy_id: int) -> Vacancy:
    """One of the key's organisation's vacancies; another's is answered as not found."""
    vacancy = vacancies_of(key).filter(id=vacancy_id).first()
    if vacancy is None:
        raise PartnerError(404, _("This vacancy does not exist."))
    return vacancy


def form_data(fields: dict, vacancy: Vacancy | None, organisation: Organisation) -> dict:
    """What the recruiter's form would have been sent: the vacancy as it is (or the form's
    defaults), changed by `fields`."""
    if vacancy is None:
        data = {"city": organisation.city, "status": Vacancy.Status.OPEN}
    else:
        data = model_to_dict(vacancy, fields=VacancyForm._meta.fields)
    data.update(fields)
    for name in TERMS:
        if isinstance(data.get(name), list):
            data[name] = ", ".join(str(term) for term in data[name])
    if isinstance(data.get("deadline"), date):
        data["deadline"] = data["deadline"].isoformat()
    return {name: value for name, value in data.items() if value is not None}


def save_vacancy(key: PartnerKey, fields: dict, vacancy: Vacancy | None = None) -> Vacancy:
    """Post a vacancy (vacancy None) or change one, checked by the recruiter's form and
    service; a refusal (422) names the fields, in the request's language, and saves nothing."""
    organisation = enterprise_of(key)
    form = VacancyForm(form_data(fields, vacancy, organisation), instance=vacancy)
    if not form.is_valid():
        errors = {field: " ".join(messages) for field, messages in form.errors.items()}
        raise PartnerError(422, _("The vacancy was not saved: see the fields."), errors)
    try:
        return save_enterprise_vacancy(organisation.pk, form.save(commit=False))
    except TalentError as error:
        raise PartnerError(422, error.message, {error.field or "__all__": error.message}) from error


def close_vacancy(key: PartnerKey, vacancy_id: int) -> Vacancy:
    """The vacancy is filled: it closes (and partners subscribed to vacancy.filled are told)."""
    vacancy = own_vacancy(key, vacancy_id)
    if vacancy.status == Vacancy.Status.CLOSED:
        return vacancy  # closing twice changes nothing
    return save_vacancy(key, {"status": Vacancy.Status.CLOSED}, vacancy)


# --- Registrations ----------------------------------------------------------------------------


def register(key: PartnerKey, event_id: int, fields: dict) -> tuple[Registration, bool]:
    """Register one attendee for a co-organised event through the site's service. Returns the
    registration and whether this request made it (a retry with the same submission_token
    returns the first one's)."""
    event = co_organised_event(key, event_id)
    language = fields.get("language") or "zh-hans"
    if language not in LANGUAGES:
        message = _("Unknown language “%(lang)s”: use en or zh-hans.") % {"lang": language}
        raise PartnerError(422, message, {"language": message})
    ticket_type_id = fields["ticket_type"]
    token = fields.get("submission_token") or uuid.uuid4()
    known = Registration.objects.filter(submission_token=token).first()
    if known is not None:
        if known.ticket_type.event_id != event.pk:
            raise PartnerError(409, _("This submission token was used for another event."))
        return known, False
    try:
        registration = events.register(
            ticket_type_id,
            name=fields.get("name", ""),
            email=fields.get("email", ""),
            city_of_origin=fields.get("city_of_origin", ""),
            answers={str(k): v for k, v in (fields.get("answers") or {}).items()},
            language=language,
            submission_token=token,
            organisation_name=fields.get("organisation_name", ""),
            phone=fields.get("phone", ""),
            invitation_code=fields.get("invitation_code", ""),
            event_id=event.pk,
        )
    except RegistrationError as error:
        raise PartnerError(
            refusal_status(error, ticket_type_id, event.pk), error.message
        ) from error
    return registration, True


def refusal_status(error: RegistrationError, ticket_type_id: int, event_id: int) -> int:
    """409 for what the event's state refuses (registered already, closed, not on sale), 503
    for a lock that stayed busy (try again), 422 for what the request itself got wrong."""
    if isinstance(error, LockBusy):
        return 503
    if isinstance(error, AlreadyRegistered):
        return 409
    try:
        events.explain_refusal(ticket_type_id, event_id, timezone.now())
    except RegistrationError:
        return 409
    return 422


def registration_of_event(event: EventPage, registration_id: int) -> Registration:
    registration = (
        Registration.objects.filter(id=registration_id, ticket_type__event=event)
        .select_related("ticket_type")
        .first()
    )
    if registration is None:
        raise PartnerError(404, _("This registration does not exist for this event."))
    return registration


def cancel(key: PartnerKey, event_id: int, registration_id: int) -> Registration:
    event = co_organised_event(key, event_id)
    registration = registration_of_event(event, registration_id)
    try:
        return events.cancel(registration.access_token)
    except RegistrationError as error:
        raise PartnerError(409, error.message) from error


def registrations_of(event: EventPage) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(ticket_type__event=event)
        .select_related("ticket_type", "check_in")
        .order_by("pk")
    )


def check_ins_of(event: EventPage) -> QuerySet[CheckIn]:
    return (
        CheckIn.objects.filter(registration__ticket_type__event=event)
        .select_related("registration")
        .order_by("pk")
    )


# --- Webhooks -----------------------------------------------------------------------------------


def webhook_endpoints_of(key: PartnerKey) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(organisation_id=key.organisation_id).order_by("pk")


def webhook_deliveries_of(
    key: PartnerKey, state: str | None = None, endpoint: int | None = None
) -> QuerySet[WebhookDelivery]:
    deliveries = WebhookDelivery.objects.filter(endpoint__organisation_id=key.organisation_id)
    if state:
        deliveries = deliveries.filter(state=state)
    if endpoint is not None:
        deliveries = deliveries.filter(endpoint_id=endpoint)
    return deliveries.order_by("-created_at", "-pk")


def redeliver(key: PartnerKey, delivery_id: int) -> WebhookDelivery:
    """Another organisation's delivery is answered as not found."""
    delivery = webhook_deliveries_of(key).filter(pk=delivery_id).first()
    if delivery is None:
        raise PartnerError(404, _("This delivery does not exist."))
    if not delivery.endpoint.is_active:
        raise PartnerError(409, _("This endpoint is switched off: ask the site's staff."))
    return webhooks.resend(delivery)
