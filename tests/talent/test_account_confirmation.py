"""Confirming the e-mail address of a new account: the link in the e-mail confirms it, an old
or changed link is refused with a way to ask again, and until then the account may not apply,
book interviews or reach the organisers; its pages say so, with a button for a new link."""

import re
import time

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from tests.support import real_pdf
from twincity.talent import services, tokens
from twincity.talent.errors import ApplicationError, BookingError, TalentError
from twincity.talent.models import Application, EmailConfirmation, GraduateProfile
from twincity.talent.services import booking, privacy

from . import factories

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "zh-hans"]


def url(name: str, *args, language: str = "en") -> str:
    with override(language):
        return reverse(name, args=args)


def signed_up_graduate(client, email: str, language: str = "en"):
    """A graduate account made through the sign-up form, with a CV (it waits for its address)."""
    response = client.post(
        url("talent:register-graduate", language=language),
        {
            "full_name": "Lu Xin",
            "email": email,
            "password": factories.PASSWORD,
            "language": language,
            "consent": "on",
        },
    )
    assert response.status_code == 302
    return GraduateProfile.objects.get(user__email=email)


def signed_up_recruiter():
    """A recruiter's sign-up as the form makes it: the account waits for its address."""
    email = factories.unique("waiting") + "@example.org"
    services.sign_up_recruiter(
        email=email,
        password=factories.PASSWORD,
        full_name="Fan Qing",
        credit_code=factories.credit_code(),
        organisation_name_en="Waiting Works",
        organisation_name_zh="待确认工厂",
        language="en",
    )
    return services.accounts.account_of(email).recruiter


def link_in(message) -> str:
    """The path of the confirmation link in an e-mail."""
    return re.search(r"https?://[^/\s]+(/\S+/accounts/confirm/\S+/)", message.body).group(1)


def backdated_key(user, days: int) -> str:
    """A confirmation key as one made `days` days ago."""

    class Backdated(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - days * 86400)

    content = {"user": user.pk, "address": tokens.address_digest(user.email)}
    return Backdated(salt=tokens.CONFIRMATION_SALT).sign_object(content)


# --- The link -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_link_in_the_e_mail_confirms_the_address_and_asks_to_sign_in(
    client, language, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        profile = signed_up_graduate(client, "lu.xin@example.cn", language)
    assert not services.email_confirmed(profile.user)
    [message] = mailoutbox
    assert f"/{language}/accounts/confirm/" in message.body

    # Opening the link (as a mail scanner does too) only shows the button.
    page = client.get(link_in(message))
    assert page.status_code == 200 and not services.email_confirmed(profile.user)
    button = {"en": "Confirm my e-mail address", "zh-hans": "确认我的电子邮箱"}[language]
    assert button in page.content.decode() and "lu.xin@example.cn" in page.content.decode()

    response = client.post(link_in(message), follow=True)

    assert services.email_confirmed(profile.user)
    assert response.redirect_chain[0][0].startswith(url("talent:login", language=language))
    words = {"en": "Your e-mail address is confirmed.", "zh-hans": "您的电子邮箱已确认"}
    assert words[language] in response.content.decode()


def test_a_signed_in_account_goes_on_to_its_pages(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        profile = signed_up_graduate(client, "lu.yi@example.cn")
    client.force_login(profile.user)

    response = client.post(url("talent:confirm-email", tokens.confirmation_key(profile.user)))

    assert response["Location"] == url("talent:account-home")
    assert services.email_confirmed(profile.user)


def test_a_second_click_on_the_link_is_no_error(client):
    profile = signed_up_graduate(client, "lu.er@example.cn")
    key = tokens.confirmation_key(profile.user)
    client.post(url("talent:confirm-email", key))

    assert client.post(url("talent:confirm-email", key)).status_code == 302
    # Once confirmed, opening the link again goes on as well.
    assert client.get(url("talent:confirm-email", key)).status_code == 302


@pytest.mark.parametrize(
    "language, words",
    [("en", "This confirmation link has expired."), ("zh-hans", "此确认链接已过期。")],
)
def test_an_old_link_is_refused_with_a_way_to_ask_again(client, language, words):
    profile = signed_up_graduate(client, "lu.san@example.cn")
    old = backdated_key(profile.user, tokens.CONFIRMATION_DAYS + 1)

    response = client.get(url("talent:confirm-email", old, language=language))

    assert response.status_code == 400
    assert client.post(url("talent:confirm-email", old, language=language)).status_code == 400
    page = response.content.decode()
    assert words in page
    assert f'action="{url("talent:resend-confirmation", language=language)}"' in page
    assert not services.email_confirmed(profile.user)


def test_a_link_just_within_its_time_still_works(client):
    profile = signed_up_graduate(client, "lu.si@example.cn")
    key = backdated_key(profile.user, tokens.CONFIRMATION_DAYS - 1)

    assert client.post(url("talent:confirm-email", key)).status_code == 302
    assert services.email_confirmed(profile.user)


def test_an_old_link_of_an_address_confirmed_since_is_no_error(client):
    profile = signed_up_graduate(client, "lu.wu@example.cn")
    factories.confirmed(profile.user)
    old = backdated_key(profile.user, tokens.CONFIRMATION_DAYS + 1)

    assert client.get(url("talent:confirm-email", old)).status_code == 302


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("spoil", [lambda key: key[:-3] + "abc", lambda key: "made-up"])
def test_a_changed_or_made_up_link_is_refused(client, language, spoil):
    profile = signed_up_graduate(client, "lu.liu@example.cn")
    bad = spoil(tokens.confirmation_key(profile.user))
    words = {"en": "This confirmation link is not valid.", "zh-hans": "此确认链接无效。"}

    response = client.get(url("talent:confirm-email", bad, language=language))

    assert response.status_code == 400 and words[language] in response.content.decode()
    assert not services.email_confirmed(profile.user)


def test_a_link_for_an_address_the_account_no_longer_has_is_refused(client):
    profile = signed_up_graduate(client, "lu.qi@example.cn")
    key = tokens.confirmation_key(profile.user)
    profile.user.email = "lu.qi@elsewhere.cn"
    profile.user.save()

    with pytest.raises(TalentError, match="not valid"):
        services.confirm_email(key)


# --- What an account waiting for its address may not do -----------------------------------------------


def test_a_waiting_graduate_cannot_apply_until_confirmed(client):
    profile = signed_up_graduate(client, "lu.ba@example.cn")
    services.store_cv(profile.user, SimpleUploadedFile("cv.pdf", real_pdf()))
    vacancy = factories.vacancy()

    with pytest.raises(ApplicationError, match="Confirm your e-mail address"):
        services.apply(profile.user, vacancy)
    factories.confirmed(profile.user)

    assert services.apply(profile.user, vacancy).status == Application.Status.APPLIED


@pytest.mark.parametrize(
    "language, words",
    [
        ("en", "Confirm your e-mail address before you apply"),
        ("zh-hans", "请先确认您的电子邮箱再投递职位"),
    ],
)
def test_the_apply_page_says_why_in_the_visitors_language(client, language, words):
    profile = signed_up_graduate(client, "lu.jiu@example.cn")
    services.store_cv(profile.user, SimpleUploadedFile("cv.pdf", real_pdf()))
    vacancy = factories.vacancy()
    client.force_login(profile.user)

    response = client.post(url("talent:apply", vacancy.pk, language=language), {"cover_note": "Hi"})

    assert response.status_code == 200
    assert words in response.content.decode()
    assert not Application.objects.filter(vacancy=vacancy).exists()


def test_a_waiting_graduate_cannot_book_an_interview(client):
    profile = signed_up_graduate(client, "lu.shi@example.cn")
    recruiter = factories.recruiter()
    fair = factories.fair()
    [slot] = factories.interview_slots(recruiter, fair, count=1)

    with pytest.raises(BookingError, match="Confirm your e-mail address"):
        booking.book_slot(profile.user, slot.pk)
    factories.confirmed(profile.user)

    assert booking.book_slot(profile.user, slot.pk).slot == slot


def test_the_organisers_see_a_recruiter_sign_up_once_it_is_confirmed(client):
    organiser = factories.organiser()
    waiting = signed_up_recruiter()
    client.force_login(organiser)

    page = client.get(url("talent:recruiter-approvals")).content.decode()
    assert waiting.user.email not in page
    with pytest.raises(TalentError, match="not confirmed"):
        services.decide_recruiter(waiting, True, by=organiser)
    refused = client.post(
        url("talent:recruiter-approvals"), {"recruiter": waiting.pk, "decision": "approve"}
    )
    assert refused.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == waiting.Status.PENDING

    factories.confirmed(waiting.user)

    assert waiting.user.email in client.get(url("talent:recruiter-approvals")).content.decode()
    assert services.decide_recruiter(waiting, True, by=organiser).is_approved


# --- The banner and the button for a new link ---------------------------------------------------------


@pytest.mark.parametrize(
    "language, words", [("en", "Confirm your e-mail address"), ("zh-hans", "请确认您的电子邮箱")]
)
def test_a_waiting_account_pages_show_the_banner_until_confirmed(client, language, words):
    profile = signed_up_graduate(client, "lu.a@example.cn")
    client.force_login(profile.user)
    home = url("talent:my-applications", language=language)

    assert words in client.get(home).content.decode()
    factories.confirmed(profile.user)
    assert words not in client.get(home).content.decode()


def test_a_waiting_recruiter_sees_the_banner_on_the_awaiting_approval_page(client):
    waiting = signed_up_recruiter()
    client.force_login(waiting.user)

    page = client.get(url("talent:employer-home")).content.decode()

    assert "Confirm your e-mail address" in page
    assert "The organisers see your sign-up once you have confirmed it." in page


def test_the_banner_button_sends_a_new_link_and_comes_back(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    profile = signed_up_graduate(client, "lu.b@example.cn")
    client.force_login(profile.user)
    profile_page = url("talent:my-profile", language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("talent:resend-confirmation", language="zh-hans"), {"next": profile_page}
        )

    assert response["Location"] == profile_page
    [message] = mailoutbox
    assert message.subject == "请确认您的电子邮箱"
    client.post(link_in(message))
    assert services.email_confirmed(profile.user)


def test_the_public_form_answers_the_same_for_every_address(
    django_capture_on_commit_callbacks, mailoutbox
):
    waiting = signed_up_graduate(Client(), "lu.c@example.cn").user.email
    confirmed = factories.graduate().user.email
    answers = []

    with django_capture_on_commit_callbacks(execute=True):
        for email in (waiting, confirmed, "nobody@example.cn"):
            client = Client()
            response = client.post(url("talent:resend-confirmation"), {"email": email})
            page = client.get(response["Location"]).content.decode()
            answers.append((response.status_code, response["Location"], page))

    assert answers[0] == answers[1] == answers[2]
    subjects = {message.to[0]: message.subject for message in mailoutbox}
    assert subjects == {
        waiting: "Confirm your e-mail address",
        confirmed: "Your e-mail address is confirmed already",
    }


def test_asking_again_and_again_is_limited(client, settings):
    settings.TWINCITY_RATE_LIMITS = {**settings.TWINCITY_RATE_LIMITS, "confirmation-resend": "2/h"}
    for _attempt in range(2):
        client.post(url("talent:resend-confirmation"), {"email": "lu.d@example.cn"})

    refused = client.post(url("talent:resend-confirmation"), {"email": "lu.d@example.cn"})

    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0


def test_accounts_made_by_staff_or_the_demo_never_wait():
    assert services.email_confirmed(factories.graduate().user)
    assert not EmailConfirmation.objects.exists()


def test_the_data_download_says_when_the_address_was_confirmed(client):
    profile = signed_up_graduate(client, "lu.e@example.cn")
    assert (
        privacy.graduate_data(profile.user)["account"]["email_confirmation"]["confirmed_at"] is None
    )

    factories.confirmed(profile.user)

    confirmation = privacy.graduate_data(profile.user)["account"]["email_confirmation"]
    assert confirmation["confirmed_at"] is not None and confirmation["link_sent_at"] is not None
