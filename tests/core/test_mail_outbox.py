"""With the database queue, an e-mail's task is written in the transaction of the change that
asks for it: both commit, or neither does (a database failure right after the commit cannot
keep a registration and lose its confirmation)."""

import pytest
from django.core.signals import setting_changed
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from twincity.core import mail

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    setting_changed.send(sender=None, setting="TASKS", value=settings.TASKS, enter=True)


class Refused(Exception):
    pass


def queued_mails() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="send_templated_email").count()


def test_the_task_commits_with_the_change(database_queue):
    with transaction.atomic():
        mail.send_after_commit("core/email/test.txt", "a@example.org", "en", {})
        assert queued_mails() == 1  # in the transaction already: one commit for both
    assert queued_mails() == 1


def test_the_task_goes_with_a_rolled_back_change(database_queue):
    with pytest.raises(Refused), transaction.atomic():
        mail.send_after_commit("core/email/test.txt", "a@example.org", "en", {})
        raise Refused
    assert queued_mails() == 0
