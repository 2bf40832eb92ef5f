"""E-mails of the job fair, sent by the worker after the change that causes them is committed
(the sending itself is shared: twincity.core.mail); e-mails about an account are written by
the worker itself (`send_account_email`), links and all."""

from django.contrib.auth.models import User
from django.utils import translation
from django_tasks import task

from twincity.core import mail
from twincity.core.mail import absolute_url

from . import tokens
from .models import Application

__all__ = ["absolute_url", "email_account_after_commit", "send_after_commit"]


def send_after_commit(template: str, recipient: str, language: str, context: dict) -> None:
    """Queue `talent/email/<template>.txt`; an application's status is named in the
    recipient's language."""
    if "status" in context:
        with translation.override(language):
            label = str(Application.Status(context["status"]).label)
        context = {**context, "status_label": label}
    mail.send_after_commit(f"talent/email/{template}.txt", recipient, language, context)


# --- E-mails about an account ------------------------------------------------------------------

# What each template may link to. Only the e-mail that confirms an address holds a confirmation
# key, and only the one answering a request for a new password holds a password key.
ACCOUNT_EMAILS = {"confirm_email", "account_exists", "password_reset", "password_changed"}


def email_account_after_commit(template: str, user: User, language: str, reason: str = "") -> None:
    """Queue `talent/email/<template>.txt` to the account's address once the transaction commits."""
    if template not in ACCOUNT_EMAILS:
        raise ValueError(f"not an e-mail about an account: {template}")
    mail.enqueue_after_commit(send_account_email, template, user.pk, language, reason)


@task()
def send_account_email(template: str, user_id: int, language: str, reason: str = "") -> None:
    """The worker writes the links when it sends the e-mail: the keys in them are never stored
    in the task queue, and a key made at sending time lasts its full time."""
    user = User.objects.select_related("graduate", "recruiter").filter(pk=user_id).first()
    if user is None or not user.email:
        return  # deleted in the meantime, or an account without an address
    context = {
        "full_name": name_of(user),
        "reason": reason,
        "sign_in_url": absolute_url("talent:login", language),
        "new_password_url": absolute_url("talent:password-reset", language),
        "confirmation_days": tokens.CONFIRMATION_DAYS,
        "reset_hours": tokens.password_reset_hours(),
    }
    if template == "confirm_email":
        key = tokens.confirmation_key(user)
        context["confirm_url"] = absolute_url("talent:confirm-email", language, key)
    if template == "password_reset":
        arguments = tokens.password_reset_arguments(user)
        context["reset_url"] = absolute_url("talent:password-reset-confirm", language, *arguments)
    mail.send_templated(f"talent/email/{template}.txt", user.email, language, context)


def name_of(user: User) -> str:
    for kind in ("graduate", "recruiter"):
        profile = getattr(user, kind, None)
        if profile is not None:
            return profile.full_name
    return user.get_full_name()
