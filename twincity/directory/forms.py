from django import forms
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City, city_choices

from .models import Organisation


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Organisation.Kind.choices], required=False
    )
    city = forms.ChoiceField(
        label=_("City"), choices=[("", _("Both cities")), *city_choices(City.OTHER)], required=False
    )
    industry = forms.CharField(label=_("Industry"), max_length=100, required=False)
