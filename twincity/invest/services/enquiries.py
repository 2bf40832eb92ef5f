"""Sending an enquiry (在线咨询): validated, created in one transaction, routed by the staff's
rules, scored by the scorecard, written to the audit trail; after the commit, the investor's
confirmation (in their language, with the reference and the private status link) and a notice
to each office that receives it (with the link to the case in the admin)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twincity.core import consent, mail
from twincity.core.errors import UserFacingError
from twincity.core.vocabulary import SECTORS

from .. import routing, scorecard
from ..models import CooperationMode, Enquiry, IntendedCity, OpportunityPage, Timeline
from . import audit

PRIVACY_NOTICE = "invest_enquiry"
# Helper C's case page in the admin (hooks_cases.py).
ADMIN_CASE_PATH = "/admin/invest/enquiries/{id}/"


class EnquiryError(UserFacingError):
    """An enquiry the rules refuse: a missing or invalid value, no consent."""


@dataclass
class EnquiryInput:
    """What the investor typed, as the form cleaned it."""

    name: str
    email: str
    company: str
    company_country: str
    sector: str
    intended_city: str
    timeline: str
    consented: bool
    language: str = "en"
    phone: str = ""
    job_title: str = ""
    company_website: str = ""
    planned_investment_yuan: int | None = None
    planned_jobs: int | None = None
    preferred_modes: list[str] = field(default_factory=list)
    opportunity_ids: list[int] = field(default_factory=list)
    message: str = ""


def submit_enquiry(data: EnquiryInput) -> Enquiry:
    """Creates, routes and scores the enquiry; raises EnquiryError and changes nothing when a
    value is missing or wrong."""
    validate(data)
    with transaction.atomic():
        opportunities = list(OpportunityPage.objects.live().filter(id__in=data.opportunity_ids))
        if len(opportunities) != len(set(data.opportunity_ids)):
            raise EnquiryError(
                _("One of the opportunities you chose is no longer offered; please choose again."),
                "opportunities",
            )
        enquiry = create(data)
        enquiry.opportunities.set(opportunities)
        route_and_score(enquiry)
        consent.record_consent(PRIVACY_NOTICE, enquiry.language, email=enquiry.email)
        audit.record(
            "sent",
            enquiry=enquiry,
            after={
                "offices": [office.pk for office in enquiry.offices.all()],
                "score": enquiry.score,
                "high_value": enquiry.high_value,
            },
        )
        send_mails(enquiry)
    return enquiry


def validate(data: EnquiryInput) -> None:
    required = {
        "name": data.name,
        "email": data.email,
        "company": data.company,
        "company_country": data.company_country,
    }
    for name, value in required.items():
        if not (value or "").strip():
            raise EnquiryError(_("This field is required."), name)
    if SECTORS.term(data.sector) is None or SECTORS.key(data.sector) != data.sector:
        raise EnquiryError(_("Choose a sector from the list."), "sector")
    if data.intended_city not in IntendedCity.values:
        raise EnquiryError(_("Choose Chengdu, Chongqing or either city."), "intended_city")
    if data.timeline not in Timeline.values:
        raise EnquiryError(_("Choose when you would like to start."), "timeline")
    if set(data.preferred_modes) - set(CooperationMode.values):
        raise EnquiryError(_("Choose cooperation modes from the list."), "preferred_modes")
    for name in ("planned_investment_yuan", "planned_jobs"):
        value = getattr(data, name)
        if value is not None and value < 0:
            raise EnquiryError(_("The number cannot be negative."), name)
    if not data.consented:
        raise EnquiryError(_("Please agree to the privacy notice."), "consent")


def create(data: EnquiryInput) -> Enquiry:
    return Enquiry.objects.create(
        language=data.language,
        name=data.name.strip(),
        email=data.email.strip(),
        phone=data.phone.strip(),
        job_title=data.job_title.strip(),
        company=data.company.strip(),
        company_country=data.company_country.strip(),
        company_website=data.company_website,
        sector=data.sector,
        intended_city=data.intended_city,
        planned_investment_yuan=data.planned_investment_yuan,
        planned_jobs=data.planned_jobs,
        timeline=data.timeline,
        preferred_modes=list(data.preferred_modes),
        message=data.message.strip(),
        consented_at=timezone.now(),
        consent_version=consent.current_version(PRIVACY_NOTICE),
    )


def facts_of(enquiry: Enquiry) -> routing.Facts:
    investment = enquiry.planned_investment_yuan
    return routing.Facts(
        sector=enquiry.sector,
        intended_city=enquiry.intended_city,
        investment=Decimal(investment) if investment is not None else None,
        jobs=enquiry.planned_jobs,
    )


def route_and_score(enquiry: Enquiry) -> None:
    """Sends the enquiry to the offices of the first matching rule and stores its score."""
    route = routing.route_for(facts_of(enquiry))
    enquiry.offices.set(route.offices)
    enquiry.lead_office = route.lead
    enquiry.routed_by = route.rule
    enquiry.save(update_fields=["lead_office", "routed_by"])
    score_enquiry(enquiry)


def score_enquiry(enquiry: Enquiry) -> None:
    """Stores the enquiry's score on the current scorecard, with its reasons."""
    score = scorecard.score(facts_of(enquiry), scorecard.current())
    enquiry.score = min(score.points, 32767)
    enquiry.high_value = score.high_value
    enquiry.score_reasons = score.reasons
    enquiry.save(update_fields=["score", "high_value", "score_reasons"])


def send_mails(enquiry: Enquiry) -> None:
    """Queued now, sent after the commit (core.mail)."""
    summary = {
        "reference": enquiry.reference,
        "name": enquiry.name,
        "company": enquiry.company,
        "company_country": enquiry.company_country,
        "sector": enquiry.sector,
        "intended_city": enquiry.intended_city,
        "planned_investment_yuan": (
            int(enquiry.planned_investment_yuan)
            if enquiry.planned_investment_yuan is not None
            else None
        ),
        "planned_jobs": enquiry.planned_jobs,
        "high_value": enquiry.high_value,
    }
    status_url = mail.absolute_url("invest:enquiry-status", enquiry.language, enquiry.status_token)
    mail.send_after_commit(
        "invest/mail/enquiry_received.txt",
        enquiry.email,
        enquiry.language,
        {**summary, "status_url": status_url},
    )
    admin_url = settings.SITE_URL + ADMIN_CASE_PATH.format(id=enquiry.pk)
    lead_id = enquiry.lead_office_id
    offices = list(enquiry.offices.all())
    for office in offices:
        context = {
            **summary,
            "admin_url": admin_url,
            "office_en": office.name_en,
            "office_zh": office.name_zh,
            "leads": office.pk == lead_id,
            "joint": len(offices) > 1,
        }
        mail.send_after_commit(
            "invest/mail/enquiry_routed.txt", office.email, office.email_language, context
        )


def enquiry_by_token(token: str) -> Enquiry | None:
    """The enquiry a private status link names, with what its page shows (three queries)."""
    return (
        Enquiry.objects.select_related("lead_office")
        .prefetch_related("offices", "opportunities")
        .filter(status_token=token)
        .first()
    )


# What an investor may have the site forget (PIPL): who they are and what they wrote. The
# company, the sector, the amounts and the stages stay, without a person: the offices' case
# history and the figures keep counting the enquiry.
CONTACT_FIELDS = ("name", "email", "phone", "job_title", "company_website", "message")


def erase_contact_details(enquiry: Enquiry) -> None:
    """Deletes the investor's contact details and their consent record; safe to run twice."""
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
        if not enquiry.email and not enquiry.name:
            return
        others = Enquiry.objects.filter(email__iexact=enquiry.email).exclude(pk=enquiry.pk)
        if not others.exists():
            consent.forget_consents(email=enquiry.email)
        for name in CONTACT_FIELDS:
            setattr(enquiry, name, "")
        enquiry.save(update_fields=CONTACT_FIELDS)
        audit.record("contact-erased", enquiry=enquiry)
