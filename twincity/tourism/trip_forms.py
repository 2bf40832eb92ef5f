"""The trip planner's form: read from the address (GET), so a plan is a link."""

from datetime import timedelta

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import city_choices

from . import planner
from .models import PlacePage
from .trips import INTERESTS, MUCH, WEIGHT_LABELS, is_stay, trip_interests

# Longer trips are possible for the planner; a form with a start per day stays short.
MAX_FORM_DAYS = 5
# The day rows a visitor sees before choosing the number of days (a weekend).
DEFAULT_DAYS = 2
PLANNING_HORIZON_DAYS = 366
# A date input reads and writes only this format, whatever the page's language.
ISO_DATE = "%Y-%m-%d"
# The button that shows the number of days chosen without planning (for browsers without
# JavaScript; the script shows and hides the rows as the number changes).
STEP_FIELD, DAYS_STEP = "step", "days"
PACES = [
    ("relaxed", _("Relaxed: 09:30–21:00, time to linger")),
    ("normal", _("Normal: 08:30–22:00")),
    ("packed", _("Packed: 08:00–23:00, as much as fits")),
]


def start_field_name(day: int) -> str:
    return f"start_{day}"


def weight_field_name(interest: str) -> str:
    return f"weight_{interest}"


def grouped_choices(pages: list[PlacePage]) -> list:
    """Places grouped by city, for a select or a list of check boxes."""
    return [
        (label, [(page.slug, page.title) for page in pages if page.city == city])
        for city, label in city_choices()
    ]


class TripForm(forms.Form):
    start_date = forms.DateField(
        label=_("First day"),
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
    )
    days = forms.TypedChoiceField(
        label=_("Days"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, MAX_FORM_DAYS + 1)],
        initial=DEFAULT_DAYS,
    )
    end_place = forms.ChoiceField(
        label=_("The trip ends at"),
        required=False,
        help_text=_("A hotel, station or airport; leave it empty to end where the last day began."),
    )
    pace = forms.ChoiceField(label=_("Pace"), choices=PACES, initial="normal")
    interest = forms.MultipleChoiceField(
        label=_("What do you like?"),
        required=False,
        choices=[(interest.key, interest.label) for interest in INTERESTS],
        widget=forms.CheckboxSelectMultiple,
    )
    must_see = forms.MultipleChoiceField(
        label=_("Must-see places"), required=False, widget=forms.CheckboxSelectMultiple
    )
    # Set by the pin and drop buttons beside the places of a plan.
    pin = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)
    drop = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)
    # Set by the "better plan" button: a longer search, still the same plan for the same address.
    better = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, data, pages: dict[str, PlacePage], filled_from: QueryDict | None = None):
        super().__init__(data)
        self.pages = pages
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
        for interest in INTERESTS:
            self.fields[weight_field_name(interest.key)] = forms.TypedChoiceField(
                label=_("How much you like it: %(interest)s") % {"interest": interest.label},
                choices=list(WEIGHT_LABELS.items()),
                coerce=int,
                initial=MUCH,
                required=False,
            )
        if filled_from is not None:
            self.initial = self.values_in(filled_from)

    @classmethod
    def for_query(cls, query: QueryDict, pages: dict[str, PlacePage]) -> "TripForm":
        """A request for a plan binds the form. Any other query only fills it in, to be
        completed: a place page's link ("plan a trip with it") carries `must_see`, the button
        that shows the days chosen carries everything typed so far."""
        if "days" in query and STEP_FIELD not in query:
            return cls(query, pages)
        return cls(None, pages, filled_from=query)

    def values_in(self, query: QueryDict) -> dict:
        """The values of the form's fields in `query`, as each widget reads them."""
        return {
            name: field.widget.value_from_datadict(query, {}, name)
            for name, field in self.fields.items()
            if name in query
        }

    # --- What the template shows --------------------------------------------------------------

    def days_shown(self) -> int:
        """How many day rows to show: the number of days chosen, else the default."""
        try:
            chosen = int(self["days"].value())
        except (TypeError, ValueError):
            return DEFAULT_DAYS
        return chosen if 1 <= chosen <= MAX_FORM_DAYS else DEFAULT_DAYS

    def day_rows(self) -> list[tuple[int, forms.BoundField, bool]]:
        """(day, its start field, shown) for every possible day: the rows past the number of
        days chosen are in the page, hidden, for the script to show."""
        shown = self.days_shown()
        return [
            (day, self[start_field_name(day)], day <= shown) for day in range(1, MAX_FORM_DAYS + 1)
        ]

    def interest_rows(self) -> list[tuple]:
        """(check box, weight field) of each broad interest."""
        boxes = {box.data["value"]: box for box in self["interest"]}
        return [(boxes[item.key], self[weight_field_name(item.key)]) for item in INTERESTS]

    def must_see_groups(self) -> list[tuple[str, list]]:
        """(city, [(check box, place page)]) of the places a visitor may ask to see."""
        boxes = {box.data["value"]: box for box in self["must_see"]}
        return [
            (city, [(boxes[slug], self.pages[slug]) for slug, _title in options])
            for city, options in self.fields["must_see"].choices
            if options
        ]

    def choices_made(self) -> list[str]:
        """The valid request in a few words, for the folded "change this plan" panel."""
        data = self.cleaned_data
        made = [
            ngettext("%(count)s day from %(date)s", "%(count)s days from %(date)s", data["days"])
            % {"count": data["days"], "date": date_format(data["start_date"], "DATE_FORMAT")},
            str(dict(PACES)[data["pace"]]),
        ]
        made += [
            gettext("%(interest)s: %(weight)s")
            % {"interest": label, "weight": WEIGHT_LABELS[self.weight_of(key)]}
            for key, label in self.fields["interest"].choices
            if key in data["interest"]
        ]
        if data["must_see"]:
            names = [self.pages[slug].title for slug in data["must_see"]]
            made.append(
                gettext("Must see: %(places)s")
                % {"places": pgettext("list separator", ", ").join(names)}
            )
        return made

    # --- Validation ---------------------------------------------------------------------------

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
        self.ignore_fields_not_asked_for(cleaned)
        for day in range(1, (cleaned.get("days") or 0) + 1):
            if not cleaned.get(start_field_name(day)):
                self.add_error(start_field_name(day), _("Choose where this day starts."))
        both = set(cleaned.get("pin") or ()) & set(cleaned.get("drop") or ())
        if both:
            self.add_error(None, _("A place cannot be pinned and dropped at once."))
        return cleaned

    def ignore_fields_not_asked_for(self, cleaned: dict) -> None:
        """The start of a day past the number of days, the weight of an interest not ticked:
        hidden on the page and not part of the request, so whatever they hold (an old link, a
        hotel closed since) must not stop the plan with an error the visitor cannot see."""
        days = cleaned.get("days") or MAX_FORM_DAYS
        unused = [start_field_name(day) for day in range(days + 1, MAX_FORM_DAYS + 1)]
        ticked = cleaned.get("interest") or ()
        unused += [weight_field_name(item.key) for item in INTERESTS if item.key not in ticked]
        for name in unused:
            self._errors.pop(name, None)
            cleaned.pop(name, None)

    def weight_of(self, interest: str) -> int:
        """The weight chosen for a ticked interest ("much" if the select came empty)."""
        return self.cleaned_data.get(weight_field_name(interest)) or MUCH

    def trip_request(self) -> planner.TripRequest:
        """The planner's request (the form must be valid)."""
        data = self.cleaned_data
        liked = {
            item.key: self.weight_of(item.key) for item in INTERESTS if item.key in data["interest"]
        }
        interests, favourites = trip_interests(liked)
        return planner.TripRequest(
            start_date=data["start_date"],
            days=data["days"],
            day_starts=[data[start_field_name(day)] for day in range(1, data["days"] + 1)],
            end_place=data["end_place"] or None,
            interests=interests,
            favourites=favourites,
            pace=data["pace"],
            must_see=frozenset(data["must_see"]),
            pinned=frozenset(data["pin"]),
            dropped=frozenset(data["drop"]),
            better=data["better"],
        )
