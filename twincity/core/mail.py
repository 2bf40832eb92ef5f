"""E-mails written as templates, sent by the worker after the change that causes them commits.

A template's first line is the subject, the rest the body; it is rendered in the recipient's
language. Every area (job fair, events) queues its e-mails through here, so an e-mail never
leaves for a change that was rolled back.

Sent once, even when the worker is killed (core.task_recovery runs its task again). An e-mail
sent by a task gets a Message-ID made of the task's id and its number among the task's
e-mails, the same on every run of the task, and a `SentMail` row right after the mail server
accepted it. A task run again skips every e-mail whose row exists. What is guaranteed:
- no e-mail is lost: a task the worker did not finish is run again until it finishes;
- none is sent twice, except when the worker dies in the instant between the mail server's
  "accepted" and the row's commit; that e-mail goes again with the same Message-ID, by which
  mail servers and clients recognise the duplicate;
- an e-mail the mail server refused fails the task (it is not recorded as sent).
E-mails sent outside a task (none today) get an ordinary, random Message-ID.
"""

import contextvars
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import make_msgid
from urllib.parse import urlparse

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task
from django_tasks.signals import task_finished, task_started
from django_tasks_db import DatabaseBackend

from .models import SentMail

# (file name, content, MIME type), as EmailMessage.attach takes it.
Attachment = tuple[str, str, str]


def enqueue_after_commit(task_, *args) -> None:
    """Queue `task_(*args)` so that it runs only if the current transaction commits.

    With the database queue (production), the task's row is written inside the transaction:
    it commits with the change or not at all. Queued after the commit instead, a database that
    failed between the two kept the change and lost its e-mail, while the visitor was told to
    try again (bench/cluster.py's PostgreSQL restart found two such registrations). Other
    queues (the immediate one of the tests) are asked once the transaction commits."""
    if transaction.get_connection().in_atomic_block and queued_in_database(task_):
        task_.enqueue(*args)
    else:
        transaction.on_commit(lambda: task_.enqueue(*args))


def queued_in_database(task_) -> bool:
    return isinstance(task_.get_backend(), DatabaseBackend)


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
    message_id = next_message_id()
    if message_id is not None and SentMail.objects.filter(message_id=message_id).exists():
        return  # sent by an earlier run of this task, which died before it finished
    headers = {"Message-ID": message_id or make_msgid(domain=mail_domain())}
    message = EmailMessage(subject.strip(), body.strip() + "\n", None, [recipient])
    message.extra_headers.update(headers)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
    if message_id is not None:
        SentMail.objects.create(message_id=message_id)


@dataclass
class RunningTask:
    task_id: str
    mails_sent: int = field(default=0)


# The tasks running in this context, innermost last (the tests' backend runs a task queued by
# another inside it).
_running_tasks: contextvars.ContextVar[tuple[RunningTask, ...]] = contextvars.ContextVar(
    "running_tasks", default=()
)


def task_began(sender, task_result, **kwargs) -> None:
    _running_tasks.set((*_running_tasks.get(), RunningTask(str(task_result.id))))


def task_ended(sender, task_result, **kwargs) -> None:
    ended = str(task_result.id)
    _running_tasks.set(tuple(t for t in _running_tasks.get() if t.task_id != ended))


task_started.connect(task_began, dispatch_uid="core-mail-task-started")
task_finished.connect(task_ended, dispatch_uid="core-mail-task-finished")


def mail_domain() -> str:
    return urlparse(settings.SITE_URL).hostname or "twincity.local"


def next_message_id() -> str | None:
    """The Message-ID of the running task's next e-mail: the same on every run of the task
    (None outside a task)."""
    running = _running_tasks.get()
    if not running:
        return None
    current = running[-1]
    current.mails_sent += 1
    return f"<{current.task_id}.{current.mails_sent}@{mail_domain()}>"


def absolute_url(view_name: str, language: str, *args) -> str:
    """A full link for an e-mail, under the recipient's language prefix."""
    with translation.override(language):
        return settings.SITE_URL + reverse(view_name, args=args)
