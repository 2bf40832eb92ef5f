"""Accounts: graduates sign up, recruiters ask for an account, organisers decide."""

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twincity.core.cities import City
from twincity.core.consent import record_consent
from twincity.directory.models import Organisation
from twincity.directory.validators import validate_credit_code

from .. import access
from ..errors import TalentError
from ..models import (
    GraduateProfile,
    Recruiter,
)
from ..tasks import send_after_commit


def check_new_account(email: str, password: str) -> str:
    email = email.strip().lower()
    if User.objects.filter(username__iexact=email).exists():
        raise TalentError(_("An account with this e-mail address exists already. Sign in."))
    try:
        validate_password(password, User(username=email, email=email))
    except ValidationError as error:
        raise TalentError(" ".join(error.messages)) from error
    return email


def create_account(email: str, password: str) -> User:
    """The account; a second sign-up with the same address at the same moment is told that
    the account exists (the unique username decides), never shown an error page."""
    try:
        with transaction.atomic():
            return User.objects.create_user(username=email, email=email, password=password)
    except IntegrityError as error:
        raise TalentError(
            _("An account with this e-mail address exists already. Sign in."), field="email"
        ) from error


@transaction.atomic
def register_graduate(email: str, password: str, full_name: str, language: str) -> GraduateProfile:
    email = check_new_account(email, password)
    user = create_account(email, password)
    # The sign-up form makes agreeing to the notice a condition of the account.
    record_consent("graduate_account", language, user=user)
    return GraduateProfile.objects.create(user=user, full_name=full_name.strip(), language=language)


@transaction.atomic
def request_recruiter_account(
    *,
    email: str,
    password: str,
    full_name: str,
    credit_code: str,
    organisation_name_en: str = "",
    organisation_name_zh: str = "",
    city: str = City.CHENGDU,
    job_title: str = "",
    phone: str = "",
    language: str = "zh-hans",
) -> Recruiter:
    """A recruiter names their enterprise by its unified social credit code. An enterprise not
    yet in the directory is added with the names given, unlisted until organisers approve the
    account; one already there keeps its own names. Staff approve the account later."""
    email = check_new_account(email, password)
    organisation = enterprise_by_credit_code(
        credit_code.strip().upper(), organisation_name_en, organisation_name_zh, city
    )
    user = create_account(email, password)
    # The sign-up form makes agreeing to the notice a condition of the account.
    record_consent("recruiter_account", language, user=user)
    return Recruiter.objects.create(
        user=user,
        organisation=organisation,
        full_name=full_name.strip(),
        job_title=job_title.strip(),
        phone=phone.strip(),
        language=language,
    )


def enterprise_by_credit_code(code: str, name_en: str, name_zh: str, city: str) -> Organisation:
    """The enterprise with this code, or a new one, unlisted, with the names the sender gave.

    Whoever claims a code already known joins that organisation, public or still awaiting
    another sign-up's approval, and changes none of its names: the organisers decide on the
    claim on their approvals page, where every claim on the same code shows."""
    check_credit_code(code)
    found = Organisation.objects.filter(credit_code=code).first()
    if found:
        if found.kind != Organisation.Kind.ENTERPRISE:
            raise TalentError(
                _("This credit code belongs to an organisation that is not an enterprise."),
                field="credit_code",
            )
        return found
    if not (name_en.strip() and name_zh.strip()):
        raise TalentError(
            _(
                "This enterprise is not in the directory yet: give its name in English and in Chinese."
            )
        )
    # get_or_create: two sign-ups naming the same new code at once both join one enterprise
    # (the second finds the first's row when its own insert meets the unique code).
    organisation, _created = Organisation.objects.get_or_create(
        credit_code=code,
        defaults={
            "kind": Organisation.Kind.ENTERPRISE,
            "name_en": name_en.strip(),
            "name_zh": name_zh.strip(),
            "city": city,
            "listed": False,
        },
    )
    return organisation


def check_credit_code(code: str) -> None:
    """The directory's own translated words for a mistyped code."""
    try:
        validate_credit_code(code)
    except ValidationError as error:
        raise TalentError(" ".join(error.messages), field="credit_code") from error


MAX_REASON_LENGTH = 2000


@transaction.atomic
def decide_recruiter(recruiter: Recruiter, approve: bool, by: User, reason: str = "") -> Recruiter:
    """Approve a pending recruiter, which lists an enterprise their sign-up added, or reject
    them with a reason that the e-mail tells them; the enterprise then stays unlisted."""
    access.check_organiser(by)
    reason = check_decision_reason(approve, reason)
    recruiter.status = Recruiter.Status.APPROVED if approve else Recruiter.Status.REJECTED
    recruiter.decided_at = timezone.now()
    recruiter.decided_by = by
    recruiter.save(update_fields=["status", "decided_at", "decided_by"])
    if approve:
        recruiter.organisation.list_publicly()
    send_after_commit(
        "recruiter_decided",
        recruiter.user.email,
        recruiter.language,
        {"full_name": recruiter.full_name, "approved": approve, "reason": reason},
    )
    return recruiter


def check_decision_reason(approve: bool, reason: str) -> str:
    reason = reason.strip()
    if not approve and not reason:
        raise TalentError(
            _("Say why you reject this sign-up: the applicant reads it in the e-mail."),
            field="reason",
        )
    if len(reason) > MAX_REASON_LENGTH:
        raise TalentError(
            _("Keep the reason to %(limit)d characters at most.") % {"limit": MAX_REASON_LENGTH},
            field="reason",
        )
    return reason
