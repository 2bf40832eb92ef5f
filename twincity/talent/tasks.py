"""E-mails of the job fair, sent by the worker after the change that causes them is committed
(the sending itself is shared: twincity.core.mail)."""

from django.utils import translation

from twincity.core import mail
from twincity.core.mail import absolute_url

from .models import Application

__all__ = ["absolute_url", "send_after_commit"]


def send_after_commit(template: str, recipient: str, language: str, context: dict) -> None:
    """Queue `talent/email/<template>.txt`; an application's status is named in the
    recipient's language."""
    if "status" in context:
        with translation.override(language):
            label = str(Application.Status(context["status"]).label)
        context = {**context, "status_label": label}
    mail.send_after_commit(f"talent/email/{template}.txt", recipient, language, context)
