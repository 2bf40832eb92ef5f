"""Admin and visitor forms of the tourism pages."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from twincity.core.cities import city_choices
from twincity.core.navigation import query_to_keep
from twincity.core.vocabulary import DISTRICTS, PLACE_TAGS
from twincity.core.vocabulary_forms import TermChoiceField

from .hours import format_hours_text, parse_hours_text
from .vocabulary import TAGS


class HoursField(forms.CharField):
    """Opening hours typed as one line per weekday; stored as the structured JSON."""

    widget = forms.Textarea(attrs={"rows": 7})

    def prepare_value(self, value):
        return format_hours_text(value) if isinstance(value, dict) else value

    def to_python(self, value):
        return parse_hours_text(super().to_python(value) or "")


class PlacePageForm(WagtailAdminPageForm):
    hours = HoursField(
        label=_("Opening hours"),
        required=False,
        help_text=_(
            "One line per weekday, Beijing time: “mon: 09:00-17:30”, several intervals "
            "separated by commas, “closed” for a closed day, 00:00-24:00 for open all day; "
            "a close after midnight is written past 24 (18:00-26:00 is 18:00 to 02:00)."
        ),
    )
    tags = forms.MultipleChoiceField(
        label=_("Tags"),
        required=False,
        choices=lambda: [(slug, str(label)) for slug, label in TAGS.items()],
        widget=forms.CheckboxSelectMultiple,
    )


@dataclass(frozen=True)
class PlaceFilters:
    city: str = ""
    kind: str = ""
    tag: str = ""
    district: str = ""
    q: str = ""


class PlaceFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    city = forms.ChoiceField(label=_("City"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    # Either language finds the same places: ?district=两江新区 is ?district=liangjiang.
    tag = TermChoiceField(label=_("Interest"), required=False, vocabulary=PLACE_TAGS)
    district = TermChoiceField(label=_("District"), required=False, vocabulary=DISTRICTS)

    def __init__(self, data, districts: list[str]):
        """`districts`: the districts of the places listed, as stored (in the page's language
        or any other spelling); offered once each, by their vocabulary key."""
        from .models import PlaceKind  # models.py imports this module for its page form

        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["city"].choices = everything + city_choices()
        self.fields["kind"].choices = everything + list(PlaceKind.choices)
        self.fields["tag"].choices = everything + [(slug, label) for slug, label in TAGS.items()]
        self.fields["district"].choices = everything + district_choices(districts)

    def filters(self) -> PlaceFilters:
        # An unknown value (an old link, a typed URL) drops that filter instead of failing.
        if self.is_valid():
            return PlaceFilters(**{name: self.cleaned_data[name].strip() for name in PLACE_FIELDS})
        valid = {name: self.cleaned_data.get(name, "") for name in PLACE_FIELDS}
        return PlaceFilters(**{name: (value or "").strip() for name, value in valid.items()})

    def query_to_keep(self) -> str:
        """The valid filters as the pagination carries them from page to page."""
        filters = self.filters()
        return query_to_keep(**{name: getattr(filters, name) for name in PLACE_FIELDS})


PLACE_FIELDS = ("city", "kind", "tag", "district", "q")


def district_choices(districts: list[str]) -> list[tuple[str, str]]:
    """(key, name in the page's language) of each district; one the vocabulary does not know
    is its own key and name."""
    choices = {
        DISTRICTS.key(district) or district: DISTRICTS.name(district) for district in districts
    }
    return sorted(choices.items(), key=lambda choice: choice[1])
