from django import forms
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City, city_choices
from twincity.core.vocabulary import DISTRICTS, INDUSTRIES
from twincity.core.vocabulary_forms import SuggestionsInput

from .models import Organisation


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Organisation.Kind.choices], required=False
    )
    city = forms.ChoiceField(
        label=_("City"), choices=[("", _("Both cities")), *city_choices(City.OTHER)], required=False
    )
    # Typed in either language (物流 or Logistics): the selectors look for every spelling.
    industry = forms.CharField(
        label=_("Industry"), max_length=100, required=False, widget=SuggestionsInput(INDUSTRIES)
    )
    district = forms.CharField(
        label=_("District"), max_length=100, required=False, widget=SuggestionsInput(DISTRICTS)
    )

    def __init__(self, *args, industries=None, districts=None, **kwargs):
        """`industries` and `districts`: callables giving the values the directory holds,
        which the fields suggest (in the page's language) instead of the whole vocabulary."""
        super().__init__(*args, **kwargs)
        self.fields["industry"].widget.values = industries
        self.fields["district"].widget.values = districts
