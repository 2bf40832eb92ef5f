"""E-mails of the job fair, sent by the worker after the change that causes them is committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .models import Application


def send_after_commit(template: str, recipient: str, language: str, context: dict) -> None:
    """Queue one e-mail; it leaves only if the transaction that asked for it commits."""
    if not recipient:
        return
    transaction.on_commit(
        lambda: send_templated_email.enqueue(template, recipient, language, context)
    )


@task()
def send_templated_email(template: str, recipient: str, language: str, context: dict) -> None:
    """Render `talent/email/<template>.txt` in the recipient's language: the first line is the
    subject, the rest the body."""
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "language": language}
        if "status" in context:
            context["status_label"] = str(Application.Status(context["status"]).label)
        text = render_to_string(f"talent/email/{template}.txt", context).strip()
    subject, _, body = text.partition("\n")
    send_mail(subject.strip(), body.strip() + "\n", None, [recipient])


def absolute_url(view_name: str, language: str, *args) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(view_name, args=args)
