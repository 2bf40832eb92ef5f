"""What needs a partner's key: writes, and reading its own events' registrations.

Every operation asks for a key (X-API-Key) and allows exactly one scope (`services.check_scope`);
/partner/me/ needs none. The rules are the site's (api/services.py); a refusal is the API's
error shape, {"detail": ..., "errors": [{"field", "message"}]}, in the request's language.
"""

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Status
from ninja.pagination import paginate

from .. import services
from ..auth import partner_key
from ..models import Scope
from ..pagination import CursorPagination, Listing
from ..schemas import Error
from .schemas import (
    CheckInOut,
    DeliveryFilters,
    MeOut,
    RegistrationIn,
    RegistrationOut,
    VacancyIn,
    VacancyOut,
    WebhookDeliveryOut,
    WebhookEndpointOut,
)

# The operations' names start with partner_: they name the URLs and the OpenAPI operations,
# which the public router's names must not meet (its list_vacancies, say).
router = Router(auth=partner_key, tags=["Partner"])

ERRORS = {401: Error, 403: Error, 404: Error, 409: Error, 422: Error, 429: Error}
MAX_LIMIT = 200


def key_of(request: HttpRequest):
    return request.auth


# --- The key itself -----------------------------------------------------------------------------


@router.get("/me", response={200: MeOut, 401: Error, 429: Error}, summary="The key's own card")
def partner_me(request: HttpRequest):
    """The key's organisation, scopes and rate limit; needs no scope."""
    key = key_of(request)
    return {
        "organisation": {
            "id": key.organisation_id,
            "name_en": key.organisation.name_en,
            "name_zh": key.organisation.name_zh,
            "kind": key.organisation.kind,
        },
        "key": {"prefix": key.prefix, "name": key.name},
        "scopes": key.scopes,
        "requests_per_minute": key.requests_per_minute,
    }


# --- Vacancies (vacancies:write) ----------------------------------------------------------------


@router.get("/vacancies", response={200: list[VacancyOut], **ERRORS}, summary="Own vacancies")
def partner_list_vacancies(request: HttpRequest):
    key = key_of(request)
    services.check_scope(key, Scope.VACANCIES_WRITE)
    return list(services.vacancies_of(key)[:MAX_LIMIT])


@router.post("/vacancies", response={201: VacancyOut, **ERRORS}, summary="Post a vacancy")
def partner_create_vacancy(request: HttpRequest, payload: VacancyIn):
    """Checked as the recruiter's form checks it: a 422 names each field at fault."""
    key = key_of(request)
    services.check_scope(key, Scope.VACANCIES_WRITE)
    return Status(201, services.save_vacancy(key, payload.model_dump(exclude_unset=True)))


@router.patch(
    "/vacancies/{int:vacancy_id}", response={200: VacancyOut, **ERRORS}, summary="Change one"
)
def partner_change_vacancy(request: HttpRequest, vacancy_id: int, payload: VacancyIn):
    key = key_of(request)
    services.check_scope(key, Scope.VACANCIES_WRITE)
    vacancy = services.own_vacancy(key, vacancy_id)
    return services.save_vacancy(key, payload.model_dump(exclude_unset=True), vacancy)


@router.post(
    "/vacancies/{int:vacancy_id}/close",
    response={200: VacancyOut, **ERRORS},
    summary="Mark a vacancy filled",
)
def partner_close_vacancy(request: HttpRequest, vacancy_id: int):
    key = key_of(request)
    services.check_scope(key, Scope.VACANCIES_WRITE)
    return services.close_vacancy(key, vacancy_id)


# --- Registrations (registrations:write, registrations:read) ------------------------------------


def registration_out(registration) -> dict:
    check_in = getattr(registration, "check_in", None)
    return {
        "id": registration.pk,
        "ticket_type": registration.ticket_type_id,
        "status": registration.status,
        "name": registration.name,
        "email": registration.email,
        "organisation_name": registration.organisation_name,
        "city_of_origin": registration.city_of_origin,
        "language": registration.language,
        "created_at": registration.created_at,
        "cancelled_at": registration.cancelled_at,
        "checked_in_at": check_in.checked_in_at if check_in else None,
    }


@router.post(
    "/events/{int:event_id}/registrations",
    response={200: RegistrationOut, 201: RegistrationOut, 503: Error, **ERRORS},
    summary="Register an attendee",
)
def partner_register(request: HttpRequest, event_id: int, payload: RegistrationIn):
    """The site's rules: a seat if one is free and nobody waits, else the waiting list; one
    registration per e-mail address and ticket type. 201 for a new registration, 200 for a
    retry with the same submission_token."""
    key = key_of(request)
    services.check_scope(key, Scope.REGISTRATIONS_WRITE)
    fields = payload.model_dump()
    fields["language"] = fields.get("language") or request_language()
    registration, made = services.register(key, event_id, fields)
    return Status(201 if made else 200, registration_out(registration))


@router.delete(
    "/events/{int:event_id}/registrations/{int:registration_id}",
    response={200: RegistrationOut, **ERRORS},
    summary="Cancel a registration",
)
def partner_cancel(request: HttpRequest, event_id: int, registration_id: int):
    key = key_of(request)
    services.check_scope(key, Scope.REGISTRATIONS_WRITE)
    return registration_out(services.cancel(key, event_id, registration_id))


@router.get(
    "/events/{int:event_id}/registrations",
    response={200: list[RegistrationOut], **ERRORS},
    summary="The event's registrations",
)
@paginate(CursorPagination)
def partner_registrations(request: HttpRequest, event_id: int):
    key = key_of(request)
    services.check_scope(key, Scope.REGISTRATIONS_READ)
    event = services.co_organised_event(key, event_id)
    return Listing(services.registrations_of(event), present_registrations)


@router.get(
    "/events/{int:event_id}/check-ins",
    response={200: list[CheckInOut], **ERRORS},
    summary="The event's check-ins",
)
@paginate(CursorPagination)
def partner_check_ins(request: HttpRequest, event_id: int):
    key = key_of(request)
    services.check_scope(key, Scope.REGISTRATIONS_READ)
    event = services.co_organised_event(key, event_id)
    return Listing(services.check_ins_of(event), present_check_ins)


# --- Webhooks: the organisation's endpoints and their delivery log (no scope needed) -------------


@router.get(
    "/webhooks",
    response={200: list[WebhookEndpointOut], 401: Error, 429: Error},
    summary="The organisation's webhook endpoints",
)
def partner_webhook_endpoints(request: HttpRequest):
    """Endpoints are set up by the site's staff, who hand over the signing secret once."""
    return list(services.webhook_endpoints_of(key_of(request)))


@router.get(
    "/webhooks/deliveries",
    response={200: list[WebhookDeliveryOut], **ERRORS},
    summary="The webhook delivery log",
)
@paginate(CursorPagination)
def partner_webhook_deliveries(request: HttpRequest, filters: Query[DeliveryFilters]):
    """Newest first: each event sent to the organisation's endpoints, its attempts and the
    receiver's last answer."""
    return services.webhook_deliveries_of(key_of(request), filters.state, filters.endpoint)


@router.post(
    "/webhooks/deliveries/{int:delivery_id}/redeliver",
    response={201: WebhookDeliveryOut, **ERRORS},
    summary="Send a delivery again",
)
def partner_redeliver(request: HttpRequest, delivery_id: int):
    """A new delivery (a new id, the same payload and event id) queued now, as staff can; for a
    receiver that was down longer than the retries lasted."""
    return Status(201, services.redeliver(key_of(request), delivery_id))


# --- Helpers ------------------------------------------------------------------------------------


def request_language() -> str:
    return "en" if (translation.get_language() or "").startswith("en") else "zh-hans"


def present_registrations(rows: list, request: HttpRequest) -> list[dict]:
    return [registration_out(registration) for registration in rows]


def present_check_ins(rows: list, request: HttpRequest) -> list[dict]:
    return [
        {
            "id": check_in.pk,
            "registration": check_in.registration_id,
            "name": check_in.registration.name,
            "gate": check_in.gate,
            "checked_in_at": check_in.checked_in_at,
        }
        for check_in in rows
    ]
