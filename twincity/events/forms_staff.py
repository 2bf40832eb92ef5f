"""Forms of the staff pages (check-in, booths, exports) and of the booth application."""

import uuid

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from twincity.directory.models import Organisation

from .checkin import MAX_GATE_LENGTH
from .exports import WHAT
from .models import BoothApplication, BoothSpace

MIN_BOOTH_SQM = 4
MAX_BOOTH_SQM = 500


class GateForm(forms.Form):
    """Chosen once per device: the gate then stays in the check-in page's address."""

    gate = forms.CharField(
        label=_("Gate"),
        max_length=MAX_GATE_LENGTH,
        help_text=_("For example “Gate A” or “North entrance”."),
        widget=forms.TextInput(attrs={"list": "known-gates", "autocomplete": "off"}),
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=200,
        help_text=_("Scan the QR code, or type or paste the code printed under it."),
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "off",
                "autocapitalize": "off",
                "autocorrect": "off",
                "spellcheck": "false",
                "class": "checkin-code",
            }
        ),
    )
    # Made when the form is shown: a retried submission of the same scan carries the same id.
    scan_id = forms.UUIDField(widget=forms.HiddenInput, required=False)

    @classmethod
    def fresh(cls) -> "CheckInForm":
        return cls(initial={"scan_id": uuid.uuid4()})


class BoothApplicationForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Enterprise"), queryset=Organisation.objects.none(), empty_label=None
    )

    class Meta:
        model = BoothApplication
        fields = ["organisation", "size_sqm", "sector", "products"]
        widgets = {"products": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "sector": _("For example “Food and catering” or “Logistics”."),
            "products": _("What your enterprise will show at the booth."),
        }

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[each.pk for each in organisations])
        if len(organisations) == 1:  # nothing to choose: the one enterprise goes along hidden
            field.initial = organisations[0].pk
            field.widget = forms.HiddenInput()
        size = self.fields["size_sqm"]
        size.validators += [MinValueValidator(MIN_BOOTH_SQM), MaxValueValidator(MAX_BOOTH_SQM)]
        size.widget.attrs.update({"min": MIN_BOOTH_SQM, "max": MAX_BOOTH_SQM})


class AssignForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    booth = forms.ModelChoiceField(
        label=_("Booth"), queryset=BoothSpace.objects.none(), empty_label=_("Choose a booth")
    )

    def __init__(self, *args, booths, **kwargs):
        # One form per application on a page: ids made unique by the application's number.
        application = kwargs.get("initial", {}).get("application", "")
        kwargs.setdefault("auto_id", f"id_%s_{application}")
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = booths


class ExportForm(forms.Form):
    what = forms.ChoiceField(choices=[(value, value) for value in WHAT])
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "Excel")])
