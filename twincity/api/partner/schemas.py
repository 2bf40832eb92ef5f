"""The partner operations' request and answer shapes (OpenAPI components)."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema


class OrganisationOut(Schema):
    id: int
    name_en: str
    name_zh: str
    kind: str


class KeyOut(Schema):
    prefix: str
    name: str


class MeOut(Schema):
    organisation: OrganisationOut
    key: KeyOut
    scopes: list[str]
    requests_per_minute: int


class VacancyIn(Schema):
    """The fields of the recruiter's vacancy form; on PATCH, only those sent change."""

    title_en: str | None = None
    title_zh: str | None = None
    description_en: str | None = None
    description_zh: str | None = None
    industry: str | None = None
    city: str | None = Field(None, description="Defaults to the enterprise's city.")
    district: str | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    headcount: int | None = None
    education: int | None = None
    majors: list[str] | None = None
    skills: list[str] | None = None
    certificates: list[str] | None = None
    deadline: date | None = None
    fair: int | None = Field(
        None, description="An upcoming job fair's id: the enterprise gets a booth."
    )


class VacancyOut(Schema):
    id: int
    title_en: str
    title_zh: str
    description_en: str
    description_zh: str
    industry: str
    city: str
    district: str
    salary_min: int
    salary_max: int
    headcount: int
    education: int
    majors: list[str]
    skills: list[str]
    certificates: list[str]
    deadline: date
    fair: int | None = Field(None, alias="fair_id")
    status: str
    created_at: datetime


class RegistrationIn(Schema):
    ticket_type: int = Field(description="One of the event's ticket types on sale.")
    name: str = Field(max_length=100)
    email: str = Field(max_length=254)
    city_of_origin: str = Field(description="chengdu, chongqing or other.")
    answers: dict[str, str] = Field(
        default_factory=dict, description="The event's questions' answers, by question id."
    )
    language: str | None = Field(
        None, description="en or zh-hans: the attendee's e-mails; defaults to the request's."
    )
    organisation_name: str = ""
    phone: str = ""
    invitation_code: str = ""
    submission_token: UUID | None = Field(
        None,
        description="Your id of this registration: sending it again returns the first answer "
        "instead of registering twice.",
    )


class RegistrationOut(Schema):
    id: int
    ticket_type: int
    status: str = Field(
        description="confirmed, waitlisted, awaiting (e-mail confirmation), offered, "
        "cancelled, expired or unconfirmed."
    )
    name: str
    email: str
    organisation_name: str
    city_of_origin: str
    language: str
    created_at: datetime
    cancelled_at: datetime | None
    checked_in_at: datetime | None


class CheckInOut(Schema):
    id: int
    registration: int
    name: str
    gate: str
    checked_in_at: datetime


class WebhookEndpointOut(Schema):
    id: int
    url: str
    events: list[str] = Field(description="The webhook events it receives.")
    is_active: bool
    created_at: datetime


class WebhookDeliveryOut(Schema):
    """A delivery as the log shows it: how its sending went, without its payload (which may
    name an attendee: the receiver has it)."""

    id: int
    endpoint: int
    event: str
    state: str = Field(description="pending, retrying, delivered or failed.")
    attempts: int
    last_status_code: int | None = Field(description="What the receiver last answered.")
    last_error: str
    created_at: datetime
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    resend_of: int | None = Field(description="The delivery this one sends again.")

    @staticmethod
    def resolve_endpoint(delivery) -> int:
        return delivery.endpoint_id

    @staticmethod
    def resolve_resend_of(delivery) -> int | None:
        return delivery.resend_of_id


class DeliveryFilters(Schema):
    state: Literal["pending", "retrying", "delivered", "failed"] | None = Field(
        None, description="Only deliveries in this state."
    )
    endpoint: int | None = Field(None, description="Only this endpoint's deliveries.")
