"""Core's own admin pages: Settings → Locked sign-ins (core/lockouts.py); and core's periodic
job: prune rows past their retention (core/retention.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import lockouts
from .hooks import PERIODIC_JOBS


class UnlockMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return lockouts.may_unlock(request.user)


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [path("sign-in-locks/", lockouts.locked_sign_ins, name="core_locked_sign_ins")]


@hooks.register("register_settings_menu_item")
def register_lockout_menu_item():
    return UnlockMenuItem(
        _("Locked sign-ins"), reverse("core_locked_sign_ins"), icon_name="lock", order=900
    )


@hooks.register(PERIODIC_JOBS)
def prune_rows_past_retention() -> None:
    """Task rows finished over TWINCITY_TASK_RETENTION_DAYS ago, sign-in logs as old, and
    expired sessions go."""
    from .retention import prune_old_rows

    prune_old_rows()


@hooks.register(PERIODIC_JOBS)
def requeue_tasks_of_dead_workers() -> None:
    """A task whose worker was killed half-way is run again (core/task_recovery.py)."""
    from .task_recovery import requeue_orphaned_tasks

    requeue_orphaned_tasks()
