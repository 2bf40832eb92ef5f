"""The trip planner's form: read from the address (GET), so a plan is a link."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import city_choices

from . import planner
from .models import PlacePage
from .trips import is_stay
from .vocabulary import TAGS

# Longer trips are possible for the planner; a form with a start per day stays short.
MAX_FORM_DAYS = 5
PLANNING_HORIZON_DAYS = 366
PACES = [
    ("relaxed", _("Relaxed: 09:30–21:00, time to linger")),
    ("normal", _("Normal: 08:30–22:00")),
    ("packed", _("Packed: 08:00–23:00, as much as fits")),
]
WEIGHTS = [
    ("0", _("not for me")),
    ("1", _("a little")),
    ("2", _("much")),
    ("3", _("very much")),
]


def start_field_name(day: int) -> str:
    return f"start_{day}"


def interest_field_name(tag: str) -> str:
    return f"like_{tag}"


def grouped_choices(pages: list[PlacePage]) -> list:
    """Places grouped by city, for a select or a list of check boxes."""
    return [
        (label, [(page.slug, page.title) for page in pages if page.city == city])
        for city, label in city_choices()
    ]


class TripForm(forms.Form):
    start_date = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    days = forms.TypedChoiceField(
        label=_("Days"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, MAX_FORM_DAYS + 1)],
        initial=2,
    )
    end_place = forms.ChoiceField(
        label=_("The trip ends at"),
        required=False,
        help_text=_("A hotel, station or airport; leave it empty to end where the last day began."),
    )
    pace = forms.ChoiceField(label=_("Pace"), choices=PACES, initial="normal")
    must_see = forms.MultipleChoiceField(
        label=_("Must see"), required=False, widget=forms.CheckboxSelectMultiple
    )
    # Set by the pin and drop buttons beside the places of a plan.
    pin = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)
    drop = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)

    def __init__(self, data, pages: dict[str, PlacePage], must_see: list[str] = ()):
        super().__init__(data, initial={"must_see": [slug for slug in must_see if slug in pages]})
        stays = grouped_choices([page for page in pages.values() if is_stay(page)])
        visits = grouped_choices([page for page in pages.values() if not is_stay(page)])
        self.fields["start_date"].initial = timezone.localdate() + timedelta(days=1)
        self.fields["end_place"].choices = [("", _("(where the last day began)")), *stays]
        self.fields["must_see"].choices = visits
        self.fields["pin"].choices = self.fields["drop"].choices = visits
        for day in range(1, MAX_FORM_DAYS + 1):
            self.fields[start_field_name(day)] = forms.ChoiceField(
                label=_("Day %(day)s starts at") % {"day": day},
                choices=[("", _("(choose a hotel, station or airport)")), *stays],
                required=False,
                help_text=_("A hotel, station or airport.") if day == 1 else "",
            )
        for tag, label in TAGS.items():
            self.fields[interest_field_name(tag)] = forms.ChoiceField(
                label=label, choices=WEIGHTS, initial="0", required=False
            )

    def start_fields(self):
        return [self[start_field_name(day)] for day in range(1, MAX_FORM_DAYS + 1)]

    def interest_fields(self):
        return [self[interest_field_name(tag)] for tag in TAGS]

    def clean_start_date(self):
        first = self.cleaned_data["start_date"]
        today = timezone.localdate()
        if first < today:
            raise forms.ValidationError(_("The trip cannot start in the past."))
        if first > today + timedelta(days=PLANNING_HORIZON_DAYS):
            raise forms.ValidationError(_("Plan at most a year ahead."))
        return first

    def clean(self):
        cleaned = super().clean()
        for day in range(1, (cleaned.get("days") or 0) + 1):
            if not cleaned.get(start_field_name(day)):
                self.add_error(start_field_name(day), _("Choose where this day starts."))
        both = set(cleaned.get("pin") or ()) & set(cleaned.get("drop") or ())
        if both:
            self.add_error(None, _("A place cannot be pinned and dropped at once."))
        return cleaned

    def trip_request(self) -> planner.TripRequest:
        """The planner's request (the form must be valid)."""
        data = self.cleaned_data
        interests = {
            tag: int(data[interest_field_name(tag)])
            for tag in TAGS
            if int(data.get(interest_field_name(tag)) or 0)
        }
        return planner.TripRequest(
            start_date=data["start_date"],
            days=data["days"],
            day_starts=[data[start_field_name(day)] for day in range(1, data["days"] + 1)],
            end_place=data["end_place"] or None,
            interests=interests,
            pace=data["pace"],
            must_see=frozenset(data["must_see"]),
            pinned=frozenset(data["pin"]),
            dropped=frozenset(data["drop"]),
        )
