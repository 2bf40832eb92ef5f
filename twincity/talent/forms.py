"""Forms of the job fair; they parse and check input, the services decide."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City, city_choices

from .models import Education, Industry


class AccountForm(forms.Form):
    """What every account needs: who, how to sign in, which language to write to them in."""

    full_name = forms.CharField(label=_("Full name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"))
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not a common password."),
    )
    language = forms.ChoiceField(label=_("Language for e-mails"), choices=settings.LANGUAGES)


class GraduateRegistrationForm(AccountForm):
    # Recorded with the notice's version (core.consent) by the sign-up service.
    consent = forms.BooleanField(
        label=_(
            "I agree that Twin City keeps my data to help me find work; I can download or "
            "delete it at any time."
        )
    )


class RecruiterRegistrationForm(AccountForm):
    job_title = forms.CharField(label=_("Job title"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=50, required=False)
    credit_code = forms.CharField(
        label=_("Your enterprise's unified social credit code"),
        min_length=18,
        max_length=18,
        help_text=_("18 characters, as on the business licence."),
    )
    organisation_name_en = forms.CharField(
        label=_("Enterprise name (English)"),
        max_length=200,
        required=False,
        help_text=_("Only if your enterprise is not in the directory yet."),
    )
    organisation_name_zh = forms.CharField(
        label=_("Enterprise name (Chinese)"), max_length=200, required=False
    )
    city = forms.ChoiceField(label=_("City"), choices=city_choices(City.OTHER))
    # Recorded with the notice's version (core.consent) by the sign-up service.
    consent = forms.BooleanField(
        label=_(
            "I agree that Twin City keeps my name and contact data to run my recruiter "
            "account; I can download or delete them at any time."
        )
    )

    def account_request(self) -> dict:
        """The cleaned fields as `services.request_recruiter_account` takes them."""
        return {name: value for name, value in self.cleaned_data.items() if name != "consent"}


class JobSearchForm(forms.Form):
    q = forms.CharField(label=_("Keywords"), max_length=100, required=False)
    city = forms.ChoiceField(
        label=_("City"), choices=[("", _("Both cities")), *city_choices(City.OTHER)], required=False
    )
    industry = forms.ChoiceField(
        label=_("Industry"), choices=[("", _("All industries")), *Industry.choices], required=False
    )
    salary = forms.IntegerField(
        label=_("Monthly salary at least (CNY)"), min_value=0, max_value=1_000_000, required=False
    )
    education = forms.TypedChoiceField(
        label=_("My education"),
        choices=[("", _("Any")), *Education.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    order = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("newest", _("Newest first")), ("salary", _("Highest pay first"))],
        required=False,
    )


class SaveSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of this search"), max_length=100, required=False)
    query = forms.CharField(max_length=500, required=False, widget=forms.HiddenInput)
