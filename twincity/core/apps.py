from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "twincity.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import choices, generation

        generation.connect_invalidation_signals()
        choices.quicker_choice_labels()
