"""E-mails written as templates, sent by the worker after the change that causes them commits.

A template's first line is the subject, the rest the body; it is rendered in the recipient's
language. Every area (job fair, events) queues its e-mails through here, so an e-mail never
leaves for a change that was rolled back.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

# (file name, content, MIME type), as EmailMessage.attach takes it.
Attachment = tuple[str, str, str]


def enqueue_after_commit(task_, *args) -> None:
    """Queue `task_(*args)` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: task_.enqueue(*args))


def send_after_commit(template: str, recipient: str, language: str, context: dict) -> None:
    """Queue one e-mail from `template` (a template path); it leaves only if the transaction
    that asked for it commits. `context` must be plain data: the task queue stores it."""
    if recipient:
        enqueue_after_commit(send_templated_email, template, recipient, language, context)


@task()
def send_templated_email(template: str, recipient: str, language: str, context: dict) -> None:
    send_templated(template, recipient, language, context)


def send_templated(
    template: str,
    recipient: str,
    language: str,
    context: dict,
    attachments: Iterable[Attachment] = (),
) -> None:
    """Render `template` in `language` and send it now (tasks call this)."""
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "language": language}
        text = render_to_string(template, context).strip()
    subject, _, body = text.partition("\n")
    message = EmailMessage(subject.strip(), body.strip() + "\n", None, [recipient])
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


def absolute_url(view_name: str, language: str, *args) -> str:
    """A full link for an e-mail, under the recipient's language prefix."""
    with translation.override(language):
        return settings.SITE_URL + reverse(view_name, args=args)
