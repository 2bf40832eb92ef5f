from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

ORGANISERS_GROUP = "Job fair organisers"
# What organisers need: their own pages (change_fair) and the fair, booth and recruiter
# screens of the admin.
ORGANISER_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "talent": [
        "add_fair",
        "change_fair",
        "view_fair",
        "add_booth",
        "change_booth",
        "delete_booth",
        "view_booth",
        "view_recruiter",
    ],
}


def ensure_organisers_group(**_kwargs) -> None:
    """Staff become organisers by joining this group (kept in step on every migrate)."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    for app_label, codenames in ORGANISER_PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


class TalentConfig(AppConfig):
    name = "twincity.talent"
    label = "talent"
    verbose_name = _("Talent and job fairs")

    def ready(self) -> None:
        post_migrate.connect(ensure_organisers_group, dispatch_uid="talent-organisers-group")
