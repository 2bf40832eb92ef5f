"""Queued tasks follow their modules: a task waiting in the queue names the module of its
function, and the e-mail task moved from portal.mail to core.mail when core became the ground
layer. Without this, the worker would fail every e-mail queued before the upgrade."""

from django.db import migrations

MOVED_TASKS = {
    "twincity.portal.mail.send_templated_email": "twincity.core.mail.send_templated_email",
}


def follow_moved_tasks(apps, schema_editor):
    queued = apps.get_model("django_tasks_database", "DBTaskResult").objects
    for old, new in MOVED_TASKS.items():
        queued.filter(task_path=old).update(task_path=new)


def back_to_old_paths(apps, schema_editor):
    queued = apps.get_model("django_tasks_database", "DBTaskResult").objects
    for old, new in MOVED_TASKS.items():
        queued.filter(task_path=new).update(task_path=old)


class Migration(migrations.Migration):
    dependencies = [("django_tasks_database", "0021_conditional_partial_index_ordering")]

    operations = [migrations.RunPython(follow_moved_tasks, back_to_old_paths)]
