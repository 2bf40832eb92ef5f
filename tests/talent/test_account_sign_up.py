"""The sign-up forms: the same answer whether or not the address has an account (only the
mailbox learns which), every refusal translated and shown at its field, and what was typed,
the password included, kept after a refusal."""

import html
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from twincity.directory.models import Organisation
from twincity.talent.models import EmailConfirmation, Recruiter

from . import factories

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "zh-hans"]
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')

CONFIRM_SUBJECT = {"en": "Confirm your e-mail address", "zh-hans": "请确认您的电子邮箱"}
TRIED_SUBJECT = {
    "en": "Someone tried to sign up with your e-mail address",
    "zh-hans": "有人尝试用您的电子邮箱注册",
}


def url(name: str, language: str = "en") -> str:
    with override(language):
        return reverse(name)


def graduate_form(email: str, language: str, **changes) -> dict:
    return {
        "full_name": "Tang Yu",
        "email": email,
        "password": factories.PASSWORD,
        "language": language,
        "consent": "on",
        **changes,
    }


def recruiter_form(email: str, code: str, language: str, **changes) -> dict:
    return {
        "full_name": "Qian Min",
        "email": email,
        "password": factories.PASSWORD,
        "language": language,
        "credit_code": code,
        "organisation_name_en": "Neutral Freight Ltd",
        "organisation_name_zh": "中立货运有限公司",
        "city": "chongqing",
        "consent": "on",
        **changes,
    }


def answer(path: str, data: dict) -> tuple:
    """What a new visitor sees: the POST's status and target, then the page it leads to,
    byte for byte but for the CSRF token (each visitor has their own)."""
    client = Client()
    response = client.post(path, data)
    page = client.get(response["Location"]) if response.status_code == 302 else response
    body = CSRF_TOKEN.sub('name="csrfmiddlewaretoken" value=""', page.content.decode())
    return response.status_code, response.get("Location"), body


def mail_to(outbox, address: str):
    found = [message for message in outbox if message.to == [address]]
    assert len(found) == 1, [(message.to, message.subject) for message in outbox]
    return found[0]


# --- The same answer for every address -------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_graduate_sign_up_with_a_taken_address_answers_as_a_new_one(
    language, django_capture_on_commit_callbacks, mailoutbox
):
    taken = factories.graduate().user.email
    accounts = User.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        new = answer(
            url("talent:register-graduate", language), graduate_form("tang.yu@example.cn", language)
        )
        again = answer(url("talent:register-graduate", language), graduate_form(taken, language))

    assert new == again
    assert new[1] == url("talent:check-email", language)
    assert User.objects.count() == accounts + 1
    assert mail_to(mailoutbox, "tang.yu@example.cn").subject == CONFIRM_SUBJECT[language]
    notice = mail_to(mailoutbox, taken)
    assert notice.subject == TRIED_SUBJECT[language]
    assert f"{settings.SITE_URL}/{language}/accounts/login/" in notice.body
    assert f"{settings.SITE_URL}/{language}/accounts/password-reset/" in notice.body


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_recruiter_sign_up_with_a_taken_address_answers_as_a_new_one(
    language, django_capture_on_commit_callbacks, mailoutbox
):
    enterprise = factories.enterprise()  # public: both pages say it keeps its names
    taken = factories.graduate().user.email  # a graduate's address, signing up as a recruiter
    path = url("talent:register-recruiter", language)

    with django_capture_on_commit_callbacks(execute=True):
        new = answer(path, recruiter_form("qian.min@example.cn", enterprise.credit_code, language))
        again = answer(path, recruiter_form(taken, enterprise.credit_code, language))

    assert new == again
    kept = {"en": "keeps its names there", "zh-hans": "其名称保持不变"}[language]
    assert kept in new[2]
    assert not Recruiter.objects.filter(user__email=taken).exists()
    assert mail_to(mailoutbox, "qian.min@example.cn").subject == CONFIRM_SUBJECT[language]
    assert mail_to(mailoutbox, taken).subject == TRIED_SUBJECT[language]


def test_a_refusal_is_the_same_for_a_taken_address():
    """A weak password is refused in the same words before and after the address has an
    account: the refusal does not tell either."""
    data = graduate_form("wei.lan@example.cn", "zh-hans", password="123")
    path = url("talent:register-graduate", "zh-hans")
    before = answer(path, data)
    factories.graduate()  # some other account, so that only the address differs below
    User.objects.create_user("wei.lan@example.cn", "wei.lan@example.cn", factories.PASSWORD)

    assert answer(path, data) == before
    assert before[0] == 200 and "密码太短" in before[2]


def test_a_taken_address_that_still_waits_gets_a_new_link_instead(
    django_capture_on_commit_callbacks, mailoutbox
):
    path = url("talent:register-graduate")
    with django_capture_on_commit_callbacks(execute=True):
        first = answer(path, graduate_form("he.ping@example.cn", "en"))
        second = answer(path, graduate_form("he.ping@example.cn", "en"))

    assert first == second
    assert [message.subject for message in mailoutbox] == [CONFIRM_SUBJECT["en"]] * 2


def test_one_mailbox_gets_a_few_notices_however_many_sign_ups_name_it(
    settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.TWINCITY_RATE_LIMITS = {**settings.TWINCITY_RATE_LIMITS, "account-email": "2/h"}
    taken = factories.graduate().user.email
    path = url("talent:register-graduate")

    with django_capture_on_commit_callbacks(execute=True):
        answers = {answer(path, graduate_form(taken, "en")) for _attempt in range(4)}

    assert len(answers) == 1  # every attempt answered alike
    assert len(mailoutbox) == 2


def test_a_new_sign_up_waits_for_its_address_and_is_not_signed_in(client):
    response = client.post(url("talent:register-graduate"), graduate_form("mo.li@example.cn", "en"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    waiting = EmailConfirmation.objects.get(user__email="mo.li@example.cn")
    assert waiting.confirmed_at is None


# --- Refusals at their field, in the page's language, with what was typed kept -----------------------

CODE_PROBLEMS = {
    # (code typed, the directory's words in Chinese)
    "check": (
        lambda code: code[:-1] + ("1" if code[-1] != "1" else "2"),
        "信用代码的校验位（最后一位）与前 17 位不符，请检查是否输错。",
    ),
    "length": (lambda code: code[:12], "统一社会信用代码为 18 位，此处为 12 位。"),
    "characters": (
        lambda code: "I" + code[1:],
        "统一社会信用代码只含数字和除 I、O、S、V、Z 以外的大写字母。",
    ),
}


def field_errors(page: str, field: str) -> list[str]:
    return [html.unescape(text) for text in re.findall(rf'id="id_{field}_error">([^<]*)<', page)]


def input_value(page: str, field: str) -> str | None:
    tag = re.search(rf'<input[^>]*name="{field}"[^>]*>', page).group(0)
    value = re.search(r'value="([^"]*)"', tag)
    return html.unescape(value.group(1)) if value else None


@pytest.mark.parametrize("problem", CODE_PROBLEMS)
def test_a_bad_credit_code_is_refused_at_its_field_in_chinese_and_nothing_typed_is_lost(
    client, problem
):
    mistype, words = CODE_PROBLEMS[problem]
    code = mistype(factories.credit_code())
    data = recruiter_form("kong.yi@example.cn", code, "zh-hans", password="Tiger-Lily-2026 ")

    response = client.post(url("talent:register-recruiter", "zh-hans"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert field_errors(page, "credit_code") == [words]
    assert "请修改下面标出的内容。" in page  # the form's top says only where to look
    for field in ("full_name", "email", "password", "credit_code", "organisation_name_en"):
        assert input_value(page, field) == data[field], field
    assert 'value="chongqing" selected' in page
    assert not User.objects.filter(email="kong.yi@example.cn").exists()
    assert not Organisation.objects.filter(credit_code=code).exists()


def test_a_refused_password_is_asked_again_at_its_field(client):
    data = recruiter_form("kong.er@example.cn", factories.credit_code(), "zh-hans", password="abc")

    page = client.post(url("talent:register-recruiter", "zh-hans"), data).content.decode()

    assert field_errors(page, "password") == [
        "密码太短：请至少使用 8 个字符。",
        "这个密码太常见了。",
    ]
    assert input_value(page, "password") is None
    assert input_value(page, "email") == "kong.er@example.cn"


def test_a_new_enterprise_without_its_chinese_name_is_asked_for_it_at_that_field(client):
    data = recruiter_form(
        "kong.san@example.cn", factories.credit_code(), "zh-hans", organisation_name_zh=""
    )

    page = client.post(url("talent:register-recruiter", "zh-hans"), data).content.decode()

    assert field_errors(page, "organisation_name_zh") == [
        "该企业尚未收录于名录，请填写其中文和英文名称。"
    ]
    assert field_errors(page, "credit_code") == []
    assert input_value(page, "password") == factories.PASSWORD


def test_an_unreadable_address_is_refused_in_chinese_at_its_field(client):
    data = graduate_form("not-an-address", "zh-hans")

    page = client.post(url("talent:register-graduate", "zh-hans"), data).content.decode()

    assert field_errors(page, "email") == ["请填写有效的电子邮箱，例如 name@example.com。"]
    assert input_value(page, "password") == factories.PASSWORD


def test_a_credit_code_typed_with_spaces_and_lower_case_is_read_as_written_on_the_licence(client):
    code = factories.credit_code()
    typed = f"{code[:6].lower()} {code[6:]}"

    response = client.post(
        url("talent:register-recruiter"), recruiter_form("kong.si@example.cn", typed, "en")
    )

    assert response.status_code == 302
    recruiter = Recruiter.objects.get(user__email="kong.si@example.cn")
    assert recruiter.organisation.credit_code == code
