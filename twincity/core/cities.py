"""The two cities: one set of choices for every app's `city` fields, filters and forms.

The values are the ones every app has always stored ("chengdu", "chongqing", "both", "other"),
so no data changes. A field allows the two cities and, where it makes sense, BOTH (an event
held in both, a guidebook of both) or OTHER (an organisation from elsewhere).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class City(models.TextChoices):
    CHENGDU = "chengdu", _("Chengdu")
    CHONGQING = "chongqing", _("Chongqing")
    BOTH = "both", _("Both cities")
    OTHER = "other", _("Other")


TWO_CITIES = (City.CHENGDU, City.CHONGQING)


def city_choices(*extra: City) -> list[tuple[str, str]]:
    """(value, label) of the two cities, then of the extra choices a field allows."""
    return [(city.value, city.label) for city in (*TWO_CITIES, *extra)]
