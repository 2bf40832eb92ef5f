"""Accounts: graduates sign up, recruiters ask for an account, organisers decide."""

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twincity.core.cities import City
from twincity.directory.credit_code import credit_code_problem
from twincity.directory.models import Organisation

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


@transaction.atomic
def register_graduate(email: str, password: str, full_name: str, language: str) -> GraduateProfile:
    email = check_new_account(email, password)
    user = User.objects.create_user(username=email, email=email, password=password)
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
    """A recruiter names their enterprise by its unified social credit code; an enterprise not
    yet in the directory is added with the names given. Staff approve the account later."""
    email = check_new_account(email, password)
    organisation = enterprise_by_credit_code(
        credit_code.strip().upper(), organisation_name_en, organisation_name_zh, city
    )
    user = User.objects.create_user(username=email, email=email, password=password)
    return Recruiter.objects.create(
        user=user,
        organisation=organisation,
        full_name=full_name.strip(),
        job_title=job_title.strip(),
        phone=phone.strip(),
        language=language,
    )


def enterprise_by_credit_code(code: str, name_en: str, name_zh: str, city: str) -> Organisation:
    problem = credit_code_problem(code)
    if problem:
        raise TalentError(problem)
    found = Organisation.objects.filter(credit_code=code).first()
    if found:
        if found.kind != Organisation.Kind.ENTERPRISE:
            raise TalentError(
                _("This credit code belongs to an organisation that is not an enterprise.")
            )
        return found
    if not (name_en.strip() and name_zh.strip()):
        raise TalentError(
            _(
                "This enterprise is not in the directory yet: give its name in English and in Chinese."
            )
        )
    return Organisation.objects.create(
        kind=Organisation.Kind.ENTERPRISE,
        credit_code=code,
        name_en=name_en.strip(),
        name_zh=name_zh.strip(),
        city=city,
    )


@transaction.atomic
def decide_recruiter(recruiter: Recruiter, approve: bool, by: User) -> Recruiter:
    access.check_organiser(by)
    recruiter.status = Recruiter.Status.APPROVED if approve else Recruiter.Status.REJECTED
    recruiter.decided_at = timezone.now()
    recruiter.decided_by = by
    recruiter.save(update_fields=["status", "decided_at", "decided_by"])
    send_after_commit(
        "recruiter_decided",
        recruiter.user.email,
        recruiter.language,
        {"full_name": recruiter.full_name, "approved": approve},
    )
    return recruiter
