"""The enquiry's four steps (在线咨询), one form each: about you, your company, your plans, and
review with consent and the check that a person is sending. The view keeps each step's input
in the session (views/public.py), so Back and a wrong field lose nothing typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from twincity.core.vocabulary import SECTORS

from .models import CooperationMode, IntendedCity, Timeline

MAX_YUAN = 10**15  # the model's 16 digits


class AboutYouForm(forms.Form):
    title = _("About you")

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send the confirmation and the link to follow your enquiry here."),
    )
    phone = forms.CharField(
        label=_("Telephone"),
        max_length=50,
        required=False,
        help_text=_("With the country code, for example +49 30 1234567 or +86 138 0000 0000."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"


class CompanyForm(forms.Form):
    title = _("Your company")

    company = forms.CharField(label=_("Company name"), max_length=200)
    company_country = forms.CharField(
        label=_("Country or region"),
        max_length=100,
        help_text=_("Where the company has its head office."),
    )
    company_website = forms.URLField(
        label=_("Company website"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address, for example www.example.com.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].widget.attrs["autocomplete"] = "organization"
        self.fields["company_country"].widget.attrs["autocomplete"] = "country-name"


class PlansForm(forms.Form):
    title = _("Your plans")

    sector = forms.ChoiceField(label=_("Sector"))
    intended_city = forms.ChoiceField(
        label=_("Where would you invest?"), choices=IntendedCity.choices, widget=forms.RadioSelect
    )
    planned_investment_yuan = forms.IntegerField(
        label=_("Planned investment (yuan)"),
        required=False,
        min_value=0,
        max_value=MAX_YUAN,
        help_text=_("In yuan, digits only: 200000000 for 200 million. An estimate is enough."),
        error_messages={"invalid": _("Write the amount in digits, without commas or units.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    planned_jobs = forms.IntegerField(
        label=_("Jobs you plan to create"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        error_messages={"invalid": _("Write the number of jobs in digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    timeline = forms.ChoiceField(
        label=_("When would you like to start?"),
        choices=Timeline.choices,
        widget=forms.RadioSelect,
    )
    preferred_modes = forms.MultipleChoiceField(
        label=_("Cooperation modes you would consider"),
        choices=CooperationMode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opportunities = forms.TypedMultipleChoiceField(
        label=_("Investment opportunities of interest"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    message = forms.CharField(
        label=_("What else should we know?"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Your project in a few lines: products, land or premises needed, questions."),
    )

    def __init__(self, *args, opportunities=(), **kwargs):
        """`opportunities`: (page id, title) of the opportunities an investor may choose."""
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("Choose a sector")), *sector_choices()]
        self.fields["opportunities"].choices = list(opportunities)
        if not opportunities:
            del self.fields["opportunities"]


class ReviewForm(forms.Form):
    """Consent and the proof that a person sends: the answer to the question (the browser's
    proof of work, `proof`, filled by enquiry.js, and the signed `question` are read by the
    view); and the honeypot `homepage`, which people never see and scripts fill."""

    title = _("Review and send")

    consent = forms.BooleanField(
        label=_(
            "I agree that the investment promotion offices of Chongqing and Chengdu keep and "
            "use what I have written here to answer my enquiry, as the privacy notice says."
        ),
        error_messages={"required": _("Please agree to the privacy notice.")},
    )
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


STEPS: list[type[forms.Form]] = [AboutYouForm, CompanyForm, PlansForm, ReviewForm]


def sector_choices() -> list[tuple[str, str]]:
    return [(term.key, term.label) for term in SECTORS]
