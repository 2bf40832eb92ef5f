"""Admin and visitor forms of the tourism pages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

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
