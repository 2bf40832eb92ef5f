"""A person's data across the apps (PIPL): gathered for the download, erased with the account.

Each app that holds something about a person registers a `hooks.PersonalData` under
`PERSONAL_DATA` (events: registrations, tickets, check-ins, answers); the app that owns the
account (talent, for graduates and recruiters) adds its own rows and asks here for the rest,
so that it never imports the apps that contribute. Consents and queued e-mails are core's own.
"""

from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.http import HttpResponse
from django_tasks_db.models import DBTaskResult
from wagtail import hooks

from .consent import consent_data, forget_consents
from .hooks import PERSONAL_DATA, PersonalData

DOWNLOAD_TYPES = {"json": "application/json; charset=utf-8", "zip": "application/zip"}


def download(content: bytes | str, filename: str) -> HttpResponse:
    """A person's data as a file to save: never kept by a cache on the way."""
    response = HttpResponse(content, content_type=DOWNLOAD_TYPES[filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def holders() -> list[PersonalData]:
    return [contribute() for contribute in hooks.get_hooks(PERSONAL_DATA)]


def data_about(user: User) -> dict[str, Any]:
    """Every app's section about the account, and the consents it gave."""
    sections = {holder.section: holder.data_about(user) for holder in holders()}
    sections["consents"] = consent_data(user, user.email)
    return sections


def erase(user: User) -> None:
    """Every app erases what it holds about the account; then its consents and the queued or
    finished e-mails that name its address go. Call before deleting the account."""
    for holder in holders():
        holder.erase(user)
    forget_consents(user, user.email)
    forget_task_rows(user.email)
    forget_sign_ins(user.get_username())


def forget_task_rows(*words: str) -> int:
    """Delete the task rows (queued or done) whose arguments contain any of `words`: an e-mail
    to a person whose data is erased is not sent any more, and leaves no trace."""
    words = tuple(word for word in words if word)
    if not words:
        return 0
    naming = Q()
    for word in words:
        naming |= Q(arguments__icontains=word)
    rows = DBTaskResult.objects.annotate(arguments=Cast("args_kwargs", TextField()))
    return DBTaskResult.objects.filter(pk__in=rows.filter(naming).values("pk")).delete()[0]


# django-axes' records of sign-ins and failed attempts, which name the account.
SIGN_IN_RECORDS = ("AccessLog", "AccessFailureLog", "AccessAttempt")


def sign_in_records() -> list:
    if not apps.is_installed("axes"):
        return []
    return [apps.get_model("axes", name) for name in SIGN_IN_RECORDS]


def forget_sign_ins(username: str) -> int:
    """Delete the records of the account's sign-ins and failed attempts (by its username)."""
    return sum(
        model.objects.filter(username__iexact=username).delete()[0] for model in sign_in_records()
    )
