"""Accounts: graduates sign up, recruiters ask for an account, organisers decide.

The sign-up forms call `sign_up_graduate` and `sign_up_recruiter`, which answer the same
whether or not the address has an account: a new account gets a link to confirm its address
(services.confirmation), an existing one's holder an e-mail saying that someone tried. So the
forms cannot be used to learn who has an account. `register_graduate` and
`request_recruiter_account` make the account itself (the demo and the tests call them too).
"""

from django.contrib.auth.hashers import make_password
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
from ..errors import AccountExists, TalentError
from ..models import (
    GraduateProfile,
    Recruiter,
)
from ..tasks import send_after_commit
from .confirmation import (
    email_account,
    email_confirmed,
    send_confirmation_again,
    start_confirmation,
)


def check_new_account(email: str, password: str) -> str:
    email = normalised_email(email)
    if account_of(email) is not None:
        raise account_exists()
    check_password_rules(email, password)
    return email


def normalised_email(email: str) -> str:
    return email.strip().lower()


def account_of(email: str) -> User | None:
    """The account signed in with this address (accounts are named by their address)."""
    return User.objects.filter(username__iexact=normalised_email(email)).first()


def check_password_rules(email: str, password: str) -> None:
    try:
        validate_password(password, User(username=email, email=email))
    except ValidationError as error:
        raise TalentError(" ".join(error.messages), field="password") from error


def create_account(email: str, password: str) -> User:
    """The account; a second sign-up with the same address at the same moment is told that
    the account exists (the unique username decides), never shown an error page."""
    try:
        with transaction.atomic():
            return User.objects.create_user(username=email, email=email, password=password)
    except IntegrityError as error:
        raise account_exists() from error


def account_exists() -> AccountExists:
    return AccountExists(
        _("An account with this e-mail address exists already. Sign in."), field="email"
    )


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


# --- The sign-up forms: the same answer for every address --------------------------------------


def sign_up_graduate(*, email: str, password: str, full_name: str, language: str) -> None:
    """A new graduate account waiting for its address to be confirmed; for an address that has
    an account, an e-mail to its holder instead. Refusals (a weak password) are the same for
    every address too."""
    email = normalised_email(email)
    check_password_rules(email, password)
    try:
        with transaction.atomic():
            profile = register_graduate(email, password, full_name, language)
            start_confirmation(profile.user, language)
    except AccountExists:
        tell_account_holder(email, password, language)


def sign_up_recruiter(*, language: str = "zh-hans", **fields) -> bool:
    """A recruiter's sign-up (the fields of `request_recruiter_account`), waiting for its
    address to be confirmed before the organisers see it; for an address that has an account,
    an e-mail to its holder instead. Returns whether the enterprise named is public in the
    directory already (so keeps its names), which depends on the code, never on the address."""
    email = normalised_email(fields["email"])
    check_password_rules(email, fields["password"])
    code = fields["credit_code"].strip().upper()
    known = check_enterprise_claim(
        code, fields.get("organisation_name_en", ""), fields.get("organisation_name_zh", "")
    )
    try:
        with transaction.atomic():
            recruiter = request_recruiter_account(
                **{**fields, "email": email, "credit_code": code}, language=language
            )
            start_confirmation(recruiter.user, language)
    except AccountExists:
        tell_account_holder(email, fields["password"], language)
    return bool(known and known.listed)


def tell_account_holder(email: str, password: str, language: str) -> None:
    """Someone signed up with the address of an account: its holder hears of it by e-mail (a
    new link if the account still waits for one). The password is hashed all the same, so that
    the answer takes as long as a real sign-up."""
    make_password(password)
    holder = account_of(email)
    if holder is not None and not send_confirmation_again(holder, language):
        email_account("account_exists", holder, language, reason="sign-up")


def resend_confirmation(email: str, language: str) -> None:
    """The public "send the link again" form: a new link if the address's account waits for
    one, a note that it is confirmed already if not, nothing for an address without account."""
    holder = account_of(email)
    if holder is not None and not send_confirmation_again(holder, language):
        email_account("account_exists", holder, language, reason="confirmation")


def enterprise_by_credit_code(code: str, name_en: str, name_zh: str, city: str) -> Organisation:
    """The enterprise with this code, or a new one, unlisted, with the names the sender gave.

    Whoever claims a code already known joins that organisation, public or still awaiting
    another sign-up's approval, and changes none of its names: the organisers decide on the
    claim on their approvals page, where every claim on the same code shows."""
    found = check_enterprise_claim(code, name_en, name_zh)
    if found:
        return found
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


def check_enterprise_claim(code: str, name_en: str, name_zh: str) -> Organisation | None:
    """The enterprise of the directory with this code, or None for a code new to it; refuses,
    at the field concerned, a mistyped code, the code of an organisation that is not an
    enterprise, and a new code without both names. Changes nothing."""
    check_credit_code(code)
    found = Organisation.objects.filter(credit_code=code).first()
    if found:
        if found.kind != Organisation.Kind.ENTERPRISE:
            raise TalentError(
                _("This credit code belongs to an organisation that is not an enterprise."),
                field="credit_code",
            )
        return found
    missing = [
        field
        for field, name in (("organisation_name_en", name_en), ("organisation_name_zh", name_zh))
        if not name.strip()
    ]
    if missing:
        raise TalentError(
            _(
                "This enterprise is not in the directory yet: give its name in English and in Chinese."
            ),
            field=missing[0],
        )
    return None


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
    if not email_confirmed(recruiter.user):
        # The organisers' page does not list it yet: a decision must wait for it too.
        raise TalentError(_("This recruiter has not confirmed their e-mail address yet."))
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
