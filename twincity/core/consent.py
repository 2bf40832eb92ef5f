"""Consent to the privacy notices (PIPL): which notice, in which version, when.

The notices and their current versions are a setting (TWINCITY_PRIVACY_NOTICES), so that a
changed text gets a new version without a code change; a consent names the version agreed to.
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Q

from .models import Consent


def current_version(notice: str) -> str:
    """The version of `notice` shown now; an unknown notice is a programming error."""
    try:
        return settings.TWINCITY_PRIVACY_NOTICES[notice]
    except KeyError:
        raise ValueError(f"No privacy notice {notice!r} in TWINCITY_PRIVACY_NOTICES") from None


def record_consent(
    notice: str, language: str, *, user: User | None = None, email: str = ""
) -> Consent:
    """Someone agreed to the current version of `notice`, shown in `language`."""
    if user is None and not email:
        raise ValueError("A consent names an account or an e-mail address")
    return Consent.objects.create(
        notice=notice,
        version=current_version(notice),
        language=language,
        user=user,
        email="" if user is not None else email.strip().lower(),
    )


def consents_of(user: User | None = None, email: str = "") -> Q:
    """The consents given by the account, or under the e-mail address, or either."""
    found = Q(pk__in=[])
    if user is not None:
        found |= Q(user=user)
    if email:
        found |= Q(email__iexact=email.strip())
    return found


def consent_data(user: User | None = None, email: str = "") -> list[dict]:
    rows = Consent.objects.filter(consents_of(user, email))
    return list(rows.values("notice", "version", "language", "given_at"))


def forget_consents(user: User | None = None, email: str = "") -> int:
    return Consent.objects.filter(consents_of(user, email)).delete()[0]
