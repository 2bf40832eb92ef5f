"""Confirming the e-mail address of an account made through the sign-up forms.

An account confirms its address by following the link e-mailed to it (talent/tokens.py); until
then `email_confirmed` is False and what needs a reachable, genuine address is refused: a
graduate may not apply or book an interview (the enterprise would contact them there), and a
recruiter's sign-up does not reach the organisers (models.EmailConfirmation).

Every e-mail about an account goes through `email_account`, which drops it silently once the
mailbox has had settings.TWINCITY_RATE_LIMITS["account-email"]: our forms cannot be used to
flood someone's inbox, and the pages answer the same either way.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twincity.core import abuse

from .. import tokens
from ..errors import ConfirmationError
from ..models import EmailConfirmation
from ..tasks import email_account_after_commit


def email_account(template: str, user: User, language: str, reason: str = "") -> bool:
    """Queue an e-mail about the account; False if its mailbox has had enough of them."""
    if not abuse.within("account-email", user.email):
        return False
    email_account_after_commit(template, user, language, reason)
    return True


def email_confirmed(user: User) -> bool:
    return not waiting(user).exists()


def waiting(user: User):
    return EmailConfirmation.objects.filter(user=user, confirmed_at__isnull=True)


@transaction.atomic
def start_confirmation(user: User, language: str) -> None:
    """The new account waits for its holder to follow the link e-mailed now."""
    EmailConfirmation.objects.update_or_create(
        user=user, defaults={"sent_at": timezone.now(), "confirmed_at": None}
    )
    email_account("confirm_email", user, language)


@transaction.atomic
def send_confirmation_again(user: User, language: str) -> bool:
    """A new link for an account that waits; False (and no e-mail) for one that does not."""
    if not waiting(user).update(sent_at=timezone.now()):
        return False
    email_account("confirm_email", user, language)
    return True


@transaction.atomic
def confirm_email(key: str, *, apply: bool = True) -> User:
    """The account whose address the link confirms. A link of an account confirmed already
    answers as if it had just confirmed it (a second click). With `apply=False` the key is
    only checked: opening the link shows a button, and pressing it confirms, so that a mail
    scanner that opens every link confirms nothing."""
    invalid = _(
        "This confirmation link is not valid. Copy the whole link from the e-mail, or ask for a new one."
    )
    user_id, digest, expired = tokens.read_confirmation_key(key)
    user = User.objects.filter(pk=user_id).first() if user_id else None
    if user is None or digest != tokens.address_digest(user.email):
        raise ConfirmationError(invalid)
    if email_confirmed(user):
        return user
    if expired:
        raise ConfirmationError(
            _("This confirmation link has expired. Ask for a new one: it works for %(days)d days.")
            % {"days": tokens.CONFIRMATION_DAYS}
        )
    if apply:
        waiting(user).update(confirmed_at=timezone.now())
    return user
