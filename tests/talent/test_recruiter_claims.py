"""Claims on a credit code: a sign-up never renames an enterprise already in the directory;
organisers see every claim on a code, and reject a sign-up with a reason the applicant reads."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import override

from twincity.directory.models import Organisation
from twincity.talent import services
from twincity.talent.errors import TalentError
from twincity.talent.models import Recruiter

from . import factories

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "zh-hans"]


def url(name: str, *args, language: str = "en") -> str:
    with override(language):
        return reverse(name, args=args)


def sign_up(client, code: str, language: str = "en", **fields):
    """The recruiter's sign-up form as the browser posts it."""
    data = {
        "full_name": "Qian Min",
        "email": factories.unique("claimant") + "@example.org",
        "password": factories.PASSWORD,
        "language": language,
        "credit_code": code,
        "organisation_name_en": "Taken-over Name Ltd",
        "organisation_name_zh": "冒名公司",
        "city": "chongqing",
        "consent": "on",
        **fields,
    }
    response = client.post(url("talent:register-recruiter", language=language), data, follow=True)
    return response, data["email"]


def signed_up(code: str, language: str = "en", name_en="New Name", name_zh="新名称") -> Recruiter:
    return services.request_recruiter_account(
        email=factories.unique("claimant") + "@example.org",
        password=factories.PASSWORD,
        full_name="Sun Li",
        credit_code=code,
        organisation_name_en=name_en,
        organisation_name_zh=name_zh,
        language=language,
    )


@pytest.fixture
def organiser(client):
    user = factories.organiser()
    client.force_login(user)
    return user


# --- A code already known ----------------------------------------------------------------------

KEPT_NAMES = {
    "en": "Your enterprise is in the directory already and keeps its names there.",
    "zh-hans": "贵单位已在机构名录中，其名称保持不变。",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_signup_for_a_public_enterprise_keeps_its_names(client, language):
    enterprise = factories.enterprise(name_en="Chongqing Cold Chain", name_zh="重庆冷链")

    response, email = sign_up(client, enterprise.credit_code, language)

    assert KEPT_NAMES[language] in response.text
    recruiter = Recruiter.objects.get(user__email=email)
    assert recruiter.status == Recruiter.Status.PENDING
    assert recruiter.organisation == enterprise
    enterprise.refresh_from_db()
    assert (enterprise.name_en, enterprise.name_zh) == ("Chongqing Cold Chain", "重庆冷链")
    assert enterprise.listed
    assert Organisation.objects.filter(credit_code=enterprise.credit_code).count() == 1


def test_a_second_signup_for_a_pending_code_joins_the_claim_unlisted():
    code = factories.credit_code()
    first = signed_up(code, name_en="First Claim Ltd", name_zh="首个申报")
    second = signed_up(code, name_en="Second Claim Ltd", name_zh="第二申报")

    assert second.organisation == first.organisation
    enterprise = Organisation.objects.get(credit_code=code)
    assert (enterprise.name_en, enterprise.listed) == ("First Claim Ltd", False)


def test_a_code_of_a_school_is_refused_and_nothing_is_made():
    school = factories.school(credit_code=factories.credit_code())
    with pytest.raises(TalentError, match="not an enterprise"):
        signed_up(school.credit_code)
    assert not Recruiter.objects.filter(organisation=school).exists()


MISTYPED = {
    "en": "The last character of this credit code does not match the others",
    "zh-hans": "信用代码的校验位（最后一位）与前 17 位不符",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_mistyped_code_is_refused_in_the_visitors_language(client, language):
    code = factories.credit_code()
    wrong_last = "1" if code[-1] != "1" else "2"

    response, email = sign_up(client, code[:-1] + wrong_last, language)

    assert response.status_code == 200
    assert MISTYPED[language] in response.text
    assert not User.objects.filter(username=email).exists()
    assert not Organisation.objects.filter(credit_code=code[:-1] + wrong_last).exists()


# --- The organisers' approvals page ---------------------------------------------------------------


def test_the_approvals_page_shows_every_claim_on_a_code(client, organiser):
    code = factories.credit_code()
    first = signed_up(code)
    second = signed_up(code)
    public = factories.recruiter(approved=False)

    page = client.get(url("talent:recruiter-approvals")).text

    assert page.count("This credit code is also claimed by 1 other account:") == 2
    assert first.user.email in page and second.user.email in page
    assert page.count("Not public yet.") == 2
    assert page.count("Already in the public directory.") == 1
    assert public.organisation.name_en in page


def test_the_approvals_page_in_chinese(client, organiser):
    code = factories.credit_code()
    signed_up(code)
    signed_up(code)

    page = client.get(url("talent:recruiter-approvals", language="zh-hans")).text

    assert "另有 1 个账号也申报了此统一社会信用代码：" in page
    assert "尚未公开。" in page


def test_a_rejection_without_a_reason_is_refused_and_changes_nothing(client, organiser, mailoutbox):
    pending = factories.recruiter(approved=False)

    response = client.post(
        url("talent:recruiter-approvals", language="zh-hans"),
        {"recruiter": pending.pk, "decision": "reject", "reason": "  "},
    )

    assert "请说明拒绝该注册申请的理由" in response.text
    pending.refresh_from_db()
    assert pending.status == Recruiter.Status.PENDING
    assert factories.sent_mail() == []


def test_a_too_long_reason_is_refused_and_kept_on_the_form(client, organiser, mailoutbox):
    pending = factories.recruiter(approved=False)
    reason = "x" * (services.accounts.MAX_REASON_LENGTH + 1)

    response = client.post(
        url("talent:recruiter-approvals"),
        {"recruiter": pending.pk, "decision": "reject", "reason": reason},
    )

    assert "Keep the reason to 2000 characters at most." in response.text
    assert reason in response.text
    pending.refresh_from_db()
    assert pending.status == Recruiter.Status.PENDING
    assert factories.sent_mail() == []


REJECTION = {
    "en": ("Your recruiter account was not approved", "The organisers' reason:"),
    "zh-hans": ("您的招聘人员账号未通过审核", "主办方给出的理由："),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_applicant_reads_the_reason_in_their_language(client, organiser, language, mailoutbox):
    pending = signed_up(factories.credit_code(), language=language)
    reason = "营业执照上的名称与所填不符 & the licence names another firm."

    response = client.post(
        url("talent:recruiter-approvals"),
        {"recruiter": pending.pk, "decision": "reject", "reason": reason},
        follow=True,
    )

    assert "is rejected and has been told by e-mail" in response.text
    [mail] = factories.sent_mail()
    subject, heading = REJECTION[language]
    assert mail.to == [pending.user.email]
    assert subject in mail.subject
    assert f"{heading}\n{reason}\n" in mail.body
    pending.organisation.refresh_from_db()
    assert not pending.organisation.listed


def test_approving_on_the_page_lists_the_enterprise(client, organiser):
    pending = signed_up(factories.credit_code())

    client.post(url("talent:recruiter-approvals"), {"recruiter": pending.pk, "decision": "approve"})

    pending.organisation.refresh_from_db()
    assert pending.organisation.listed


def test_an_address_taken_between_the_check_and_the_insert_is_a_clear_refusal():
    """Two sign-ups with one address at the same moment: both pass the "exists?" check, the
    unique username lets one in, and the other is told, in words, never a 500."""
    services.accounts.create_account("twice@example.org", factories.PASSWORD)
    with pytest.raises(TalentError, match="exists already"):
        services.accounts.create_account("twice@example.org", factories.PASSWORD)
    assert User.objects.filter(username="twice@example.org").count() == 1
