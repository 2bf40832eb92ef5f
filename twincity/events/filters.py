"""The filter form of the events listing: city, kind, month, upcoming or past."""

from datetime import date, datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City, city_choices
from twincity.core.navigation import query_to_keep

from .models import EventKind
from .selectors import EventFilters

WHEN_CHOICES = [("", _("Upcoming and past")), ("upcoming", _("Upcoming")), ("past", _("Past"))]


class MonthField(forms.Field):
    """A month as the browser's <input type="month"> sends it: YYYY-MM."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2027-05", "maxlength": 7})
    default_error_messages = {"invalid": _("Give the month as year and month, e.g. 2027-05.")}

    def to_python(self, value) -> date | None:
        value = (value or "").strip()
        if not value:
            return None
        try:
            return datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class EventFilterForm(forms.Form):
    city = forms.ChoiceField(
        label=_("City"), choices=[("", _("Either city")), *city_choices(City.BOTH)], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *EventKind.choices], required=False
    )
    month = MonthField(label=_("Month"), required=False)
    when = forms.ChoiceField(label=_("When"), choices=WHEN_CHOICES, required=False)

    def filters(self) -> EventFilters:
        """The valid filters; one that was not understood is left out (the page says so)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return EventFilters(
            city=data.get("city", ""),
            kind=data.get("kind", ""),
            month=data.get("month"),
            when=data.get("when", ""),
        )

    def query_to_keep(self) -> str:
        """The valid filters as the pagination carries them from page to page."""
        chosen = self.filters()
        return query_to_keep(
            city=chosen.city,
            kind=chosen.kind,
            month=chosen.month.strftime("%Y-%m") if chosen.month else "",
            when=chosen.when,
        )
