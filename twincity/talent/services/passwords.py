"""A forgotten password: a link by e-mail, then a new password.

The request names an address and always gets the same answer, whether or not an account uses
it; only the mailbox learns. The link (tokens.password_reset_arguments) is Django's: it works
once, for settings.PASSWORD_RESET_TIMEOUT. Setting the new password proves the holder reads
that mailbox, so it also confirms the address and lifts a sign-in lock on the account.
"""

from axes.utils import reset as reset_sign_in_failures
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..errors import TalentError
from .confirmation import email_account, waiting


def accounts_to_reset(email: str) -> list[User]:
    """Active accounts with this address and a password to replace (Django's own rule)."""
    users = User.objects.filter(email__iexact=email.strip(), is_active=True)
    return [user for user in users if user.has_usable_password()]


def request_password_reset(email: str, language: str) -> None:
    """E-mail a link in `language` to each account with this address; nothing otherwise."""
    for user in accounts_to_reset(email):
        email_account("password_reset", user, language)


@transaction.atomic
def set_new_password(user: User, password: str, language: str) -> User:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise TalentError(" ".join(error.messages), field="new_password") from error
    user.set_password(password)
    user.save(update_fields=["password"])
    waiting(user).update(confirmed_at=timezone.now())
    lift_sign_in_lock(user)
    # Whoever holds the mailbox changed the password: the holder hears of it, in case it was
    # not them (a mailbox taken over).
    email_account("password_changed", user, language)
    return user


def lift_sign_in_lock(user: User) -> None:
    """Wrong passwords typed for the account (django-axes) are forgotten: its holder has just
    proved who they are. Axes counts the name typed, lower-cased (core.abuse.axes_username),
    which is the user name or the address; failures from a network address for other accounts
    still count against that address."""
    for name in {user.username.lower(), user.email.lower()} - {""}:
        reset_sign_in_failures(username=name)
