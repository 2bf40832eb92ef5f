"""What investors read: opportunities (招商项目), key industries, parks (产业园区), the policy
library (投资政策) and the investment guide (投资指南), as translatable Wagtail pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from twincity.core.cities import City, city_choices
from twincity.core.models import DemoContentMixin

__all__ = ["CooperationMode", "OpportunityPage", "ParkPage"]


class CooperationMode(models.TextChoices):
    EQUITY = "equity", _("Equity investment")
    JOINT_VENTURE = "joint-venture", _("Joint venture")
    WHOLLY_OWNED = "wholly-owned", _("Wholly owned")
    PPP = "ppp", _("Public–private partnership (PPP)")
    LEASE = "lease", _("Lease")
    FRANCHISE = "franchise", _("Franchise or operation")


class ParkPage(DemoContentMixin, Page):
    """An industrial park, new area or development zone, with where it is and what it hosts."""

    city = models.CharField(_("city"), max_length=20, choices=city_choices())
    district = models.CharField(_("district"), max_length=100, blank=True)
    # Keys of core/data/sectors.json.
    sectors = models.JSONField(_("leading industries"), default=list, blank=True)
    latitude = models.DecimalField(
        _("latitude (WGS-84)"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude (WGS-84)"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("park")


class OpportunityPage(DemoContentMixin, Page):
    """A project that seeks investors (招商项目), in one city or jointly in both."""

    city = models.CharField(_("city"), max_length=20, choices=city_choices(City.BOTH))
    district = models.CharField(_("district"), max_length=100, blank=True)
    sector = models.CharField(_("sector"), max_length=40)  # a key of core/data/sectors.json
    park = models.ForeignKey(
        ParkPage,
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    total_investment_yuan = models.DecimalField(
        _("total investment (yuan)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    sought_yuan = models.DecimalField(
        _("investment sought (yuan)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    cooperation_modes = models.JSONField(_("cooperation modes"), default=list, blank=True)
    latitude = models.DecimalField(
        _("latitude (WGS-84)"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude (WGS-84)"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("investment opportunity")
        verbose_name_plural = _("investment opportunities")
