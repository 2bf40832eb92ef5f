"""The keys in the links e-mailed to account holders: confirming an address, setting a new
password. Neither is stored: each is checked against the account it names.

A confirmation key is signed and dated (it lasts CONFIRMATION_DAYS) and names the address it
was sent to, so a key for an address the account no longer has is void. A password key is
Django's own (PasswordResetTokenGenerator): it lasts settings.PASSWORD_RESET_TIMEOUT and dies
once the password changes or the person signs in.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

CONFIRMATION_SALT = "twincity.talent.email-confirmation"
CONFIRMATION_DAYS = 7
CONFIRMATION_AGE = timedelta(days=CONFIRMATION_DAYS)


def address_digest(email: str) -> str:
    """Enough of the address to tell it from another, without writing it into a link."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]


def confirmation_key(user: User) -> str:
    return signing.dumps(
        {"user": user.pk, "address": address_digest(user.email)}, salt=CONFIRMATION_SALT
    )


def read_confirmation_key(key: str) -> tuple[int | None, str | None, bool]:
    """(user id, address digest, expired) of a key; (None, None, False) for a key that was
    changed or made up. An expired key still names its account: one confirmed already need
    not be told that its old link has expired."""
    expired = False
    try:
        content = signing.loads(key, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_AGE)
    except signing.SignatureExpired:
        expired = True
        content = signing.loads(key, salt=CONFIRMATION_SALT)
    except signing.BadSignature:
        return None, None, False
    if not isinstance(content, dict):
        return None, None, False
    return content.get("user"), content.get("address"), expired


def password_reset_arguments(user: User) -> tuple[str, str]:
    """The two parts of a link to set a new password (uidb64, token), as Django checks them."""
    return urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)


def password_reset_hours() -> int:
    return settings.PASSWORD_RESET_TIMEOUT // 3600
