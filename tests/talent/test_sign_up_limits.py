"""Accounts cannot be made by the thousand from one address: each sign-up form sent counts,
and past the limit the answer is the translated 429 page with Retry-After; nothing is made."""

import pytest
from django.contrib.auth.models import User

from . import factories

pytestmark = pytest.mark.django_db


def graduate_form(number: int, language: str) -> dict:
    return {
        "full_name": f"Graduate {number}",
        "email": f"signup-{number}@example.cn",
        "password": factories.PASSWORD,
        "language": language,
        "consent": "on",
    }


@pytest.mark.parametrize(
    "language, words", [("en", "Too many attempts"), ("zh-hans", "尝试次数过多")]
)
def test_sign_ups_past_the_limit_are_refused_and_make_nothing(client, settings, language, words):
    settings.TWINCITY_RATE_LIMITS = {**settings.TWINCITY_RATE_LIMITS, "sign-up": "2/h"}
    url = f"/{language}/accounts/register/"
    for number in range(2):
        client.post(url, graduate_form(number, language))
        client.logout()
    accounts = User.objects.count()
    refused = client.post(url, graduate_form(99, language))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert words in refused.content.decode()
    assert User.objects.count() == accounts
    recruiter = client.post(f"/{language}/accounts/register/recruiter/", {"email": "r@example.cn"})
    assert recruiter.status_code == 429
    assert client.get(url).status_code == 200  # reading the form is never limited
