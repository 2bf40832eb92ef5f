from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "twincity.api"
    label = "api"
    verbose_name = _("Partner API")

    def ready(self) -> None:
        # The apps below never import the API: it listens to their signals (webhooks).
        from . import webhooks

        webhooks.connect()
        # The events' seat version, part of the public API's ETags (conditional.py).
        from .conditional import connect_signals

        connect_signals()
