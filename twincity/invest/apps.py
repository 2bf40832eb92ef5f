from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestConfig(AppConfig):
    name = "twincity.invest"
    label = "invest"
    verbose_name = _("Investment promotion")
