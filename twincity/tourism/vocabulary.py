"""The tag vocabulary of the places data (shared with the data file and the planner)."""

from django.utils.translation import gettext_lazy as _

# The shared vocabulary of the places data (see data/README.md).
TAGS = {
    "hotpot": _("Hotpot"),
    "sichuan-cuisine": _("Sichuan cuisine"),
    "chongqing-noodles": _("Chongqing noodles"),
    "snacks": _("Snacks"),
    "tea-house": _("Tea house"),
    "night-view": _("Night view"),
    "history": _("Historic sites"),
    "culture": _("Culture"),
    "museum": _("Museum"),
    "art": _("Art"),
    "pandas": _("Pandas"),
    "nature": _("Nature"),
    "park": _("Park"),
    "temple": _("Temple"),
    "river": _("River"),
    "mountain": _("Mountain"),
    "architecture": _("Architecture"),
    "shopping-street": _("Shopping street"),
    "mall": _("Mall"),
    "market": _("Market"),
    "nightlife": _("Nightlife"),
    "opera": _("Sichuan opera"),
    "family": _("Family"),
    "food-street": _("Food street"),
    "cable-car": _("Cable car"),
    "old-town": _("Old town"),
}
