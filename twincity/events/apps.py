from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def refresh_organisers_group(**_kwargs) -> None:
    """After a migrate, the organisers' group (where a site has one) gets the rights of
    admin screens added since (invitation codes, registrations). Every app's post_migrate calls
    this: a new model's permissions exist only once its own app's signal has been handled."""
    from django.contrib.auth.models import Group

    from .permissions import ORGANISERS_GROUP, ensure_organisers_group

    if Group.objects.filter(name=ORGANISERS_GROUP).exists():
        ensure_organisers_group()


class EventsConfig(AppConfig):
    name = "twincity.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        post_migrate.connect(refresh_organisers_group, dispatch_uid="events-organisers-group")
