"""A forgotten password: the sign-in page offers a link by e-mail; asking answers the same for
every address and is limited; the link, in the language of the page where it was asked for,
leads to a new password (the rules' errors at their field, translated), works once and not
for ever; afterwards the new password signs in, and a sign-in lock on the account is lifted."""

import re
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from twincity.talent import services, tokens

from . import factories

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "zh-hans"]
NEW_PASSWORD = "plum blossom in winter 88"
SUBJECT = {"en": "Choose a new password for Twin City", "zh-hans": "设置双城新密码"}


def url(name: str, *args, language: str = "en") -> str:
    with override(language):
        return reverse(name, args=args)


def ask(client, email: str, language: str = "en"):
    return client.post(url("talent:password-reset", language=language), {"email": email})


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+/accounts/password-reset/\S+/\S+/)", message.body)[1]


def sign_in(client, username: str, password: str, address: str = "203.0.113.20"):
    return client.post(
        url("talent:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def graduate():
    return factories.graduate()


@pytest.fixture
def reset_mail(graduate, django_capture_on_commit_callbacks, mailoutbox):
    """The e-mail with the link, asked for on the English site."""
    with django_capture_on_commit_callbacks(execute=True):
        ask(Client(), graduate.user.email)
    [message] = mailoutbox
    mailoutbox.clear()
    return message


def errors_at(page: str, field: str) -> list[str]:
    return re.findall(rf'id="id_{field}_error">([^<]*)<', page)


# --- Asking ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sign_in_page_offers_a_new_password(client, language):
    page = client.get(url("talent:login", language=language)).content.decode()
    words = {"en": "Forgot your password?", "zh-hans": "忘记密码？"}[language]

    assert f'<a href="{url("talent:password-reset", language=language)}">{words}</a>' in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_asking_answers_the_same_whether_or_not_the_address_has_an_account(
    graduate, language, django_capture_on_commit_callbacks, mailoutbox
):
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for email in (graduate.user.email.upper(), "nobody@example.cn"):
            client = Client()
            response = ask(client, email, language)
            page = client.get(response["Location"]).content.decode()
            answers.append((response.status_code, response["Location"], page))

    assert answers[0] == answers[1]
    assert answers[0][1] == url("talent:password-reset-sent", language=language)
    [message] = mailoutbox
    assert message.to == [graduate.user.email]
    assert message.subject == SUBJECT[language]  # the language of the page, not the profile's
    assert f"/{language}/accounts/password-reset/" in link_in(message)


def test_an_unreadable_address_is_refused_at_its_field(client):
    response = ask(client, "li@", "zh-hans")

    assert response.status_code == 200
    page = response.content.decode()
    assert errors_at(page, "email") == ["请填写有效的电子邮箱，例如 name@example.com。"]
    assert 'value="li@"' in page


def test_asking_is_limited_per_visitor(client, settings):
    settings.TWINCITY_RATE_LIMITS = {**settings.TWINCITY_RATE_LIMITS, "password-reset": "2/h"}
    for number in range(2):
        assert ask(client, f"someone{number}@example.cn").status_code == 302

    refused = ask(client, "someone9@example.cn", "zh-hans")

    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "尝试次数过多" in refused.content.decode()


def test_one_mailbox_gets_a_few_links_however_often_it_is_named(
    graduate, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.TWINCITY_RATE_LIMITS = {**settings.TWINCITY_RATE_LIMITS, "account-email": "2/h"}
    with django_capture_on_commit_callbacks(execute=True):
        for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"):
            Client(REMOTE_ADDR=address).post(
                url("talent:password-reset"), {"email": graduate.user.email}
            )

    assert len(mailoutbox) == 2


# --- The link ----------------------------------------------------------------------------------------


def test_the_link_leads_to_a_new_password_that_signs_in(
    client, graduate, reset_mail, django_capture_on_commit_callbacks, mailoutbox
):
    form = client.get(link_in(reset_mail))
    # The key leaves the address bar before the form shows (no leak through Referer).
    assert form["Location"].endswith("/set-password/")

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            form["Location"], {"new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD}
        )

    assert done["Location"] == url("talent:password-reset-complete")
    assert "Your new password is saved." in client.get(done["Location"]).content.decode()
    assert sign_in(Client(), graduate.user.email, NEW_PASSWORD)["Location"] == url(
        "talent:account-home"
    )
    assert sign_in(Client(), graduate.user.email, factories.PASSWORD).status_code == 200
    [notice] = mailoutbox
    assert notice.subject == "Your Twin City password is changed"


@pytest.mark.parametrize(
    "language, too_short, differ",
    [
        (
            "en",
            "This password is too short: use at least 8 characters.",
            "The two passwords differ: type the same new password twice.",
        ),
        (
            "zh-hans",
            "密码太短：请至少使用 8 个字符。",
            "两次输入的密码不一致，请输入两次相同的新密码。",
        ),
    ],
)
def test_the_rules_are_told_at_their_field_in_the_page_language(
    client, graduate, reset_mail, language, too_short, differ
):
    form_url = client.get(link_in(reset_mail).replace("/en/", f"/{language}/"))["Location"]

    short = client.post(form_url, {"new_password": "abc1", "new_password_again": "abc1"})
    mismatch = client.post(
        form_url, {"new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD + "!"}
    )

    assert errors_at(short.content.decode(), "new_password") == [too_short]
    assert errors_at(mismatch.content.decode(), "new_password") == []
    assert errors_at(mismatch.content.decode(), "new_password_again") == [differ]
    graduate.user.refresh_from_db()
    assert graduate.user.check_password(factories.PASSWORD)  # nothing changed yet


@pytest.mark.parametrize(
    "language, words",
    [
        ("en", "has been used already, or is older than 24 hours"),
        ("zh-hans", "已被使用，或已超过 24 小时"),
    ],
)
def test_a_used_link_is_refused_with_a_way_to_ask_again(client, reset_mail, language, words):
    link = link_in(reset_mail).replace("/en/", f"/{language}/")
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD})

    again = Client().get(link)

    page = again.content.decode()
    assert again.status_code == 200 and words in page
    assert 'name="new_password"' not in page
    assert f'action="{url("talent:password-reset", language=language)}"' in page


def test_a_link_is_refused_once_its_time_is_over(client, reset_mail, monkeypatch):
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)

    page = client.get(link_in(reset_mail)).content.decode()

    assert "has been used already, or is older than 24 hours" in page


def test_a_link_still_works_just_before_its_time_is_over(client, reset_mail, monkeypatch):
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT - 60)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)

    assert client.get(link_in(reset_mail))["Location"].endswith("/set-password/")


# --- What the new password also does -------------------------------------------------------------------


def test_a_new_password_lifts_the_sign_in_lock_of_the_account(client, graduate, reset_mail):
    email = graduate.user.email
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), email, f"wrong-{attempt}", address="198.51.100.66")
    assert sign_in(Client(), email, factories.PASSWORD).status_code == 429  # locked everywhere

    form_url = client.get(link_in(reset_mail))["Location"]
    client.post(form_url, {"new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD})

    assert sign_in(Client(), email, NEW_PASSWORD)["Location"] == url("talent:account-home")


def test_a_new_password_confirms_a_waiting_address(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up_graduate(
            email="shen.yue@example.cn",
            password=factories.PASSWORD,
            full_name="Shen Yue",
            language="en",
        )
    user = User.objects.get(email="shen.yue@example.cn")
    assert not services.email_confirmed(user)
    uid, token = tokens.password_reset_arguments(user)

    form_url = client.get(url("talent:password-reset-confirm", uid, token))["Location"]
    client.post(form_url, {"new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD})

    assert services.email_confirmed(user)
