"""Forms of the job fair; they parse and check input, the services decide."""

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City, city_choices
from twincity.core.vocabulary import INDUSTRIES, MAJORS, SKILLS
from twincity.core.vocabulary_forms import SuggestionsInput, TermChoiceField
from twincity.directory.validators import validate_credit_code

from .models import Education, Industry

EMAIL_ERRORS = {"invalid": _("Enter an e-mail address such as name@example.com.")}


def check_password_rules(password: str, user: User) -> str:
    """The site's password rules (settings.AUTH_PASSWORD_VALIDATORS), as a field's errors."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise forms.ValidationError(error.messages) from error
    return password


class AccountForm(forms.Form):
    """What every account needs: who, how to sign in, which language to write to them in."""

    full_name = forms.CharField(label=_("Full name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"), error_messages=EMAIL_ERRORS)
    password = forms.CharField(
        label=_("Password"),
        strip=False,  # as the sign-in form reads it: spaces around it are part of it
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=True),
        help_text=_("At least 8 characters, not a common password."),
    )
    language = forms.ChoiceField(label=_("Language for e-mails"), choices=settings.LANGUAGES)

    def clean_password(self) -> str:
        email = self.cleaned_data.get("email", "")
        return check_password_rules(
            self.cleaned_data["password"], User(username=email, email=email)
        )

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        # A form refused for another field's sake keeps the password typed; a refused
        # password is typed again.
        self.fields["password"].widget.render_value = "password" not in self._errors


class GraduateRegistrationForm(AccountForm):
    # Recorded with the notice's version (core.consent) by the sign-up service.
    consent = forms.BooleanField(
        label=_(
            "I agree that Twin City keeps my data to help me find work; I can download or "
            "delete it at any time."
        )
    )


class CreditCodeField(forms.CharField):
    """A unified social credit code as people type it (spaces and lower case forgiven), checked
    at the field in the directory's own translated words (directory.validators)."""

    default_validators = [validate_credit_code]
    widget = forms.TextInput(
        attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
    )

    def to_python(self, value) -> str:
        return "".join(super().to_python(value).split()).upper()


class RecruiterRegistrationForm(AccountForm):
    job_title = forms.CharField(label=_("Job title"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=50, required=False)
    credit_code = CreditCodeField(
        label=_("Your enterprise's unified social credit code"),
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


class EmailAddressForm(forms.Form):
    """The address of an account, to send it a new password link or confirmation link."""

    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class NewPasswordForm(forms.Form):
    """The new password, twice; its errors show at the field they concern."""

    new_password = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not a common password."),
    )
    new_password_again = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user: User, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_new_password(self) -> str:
        return check_password_rules(self.cleaned_data["new_password"], self.user)

    def clean(self) -> dict:
        data = super().clean()
        first, again = data.get("new_password"), data.get("new_password_again")
        if first and again and first != again:
            self.add_error(
                "new_password_again",
                _("The two passwords differ: type the same new password twice."),
            )
        return data


class JobSearchForm(forms.Form):
    q = forms.CharField(label=_("Keywords"), max_length=100, required=False)
    city = forms.ChoiceField(
        label=_("City"), choices=[("", _("Both cities")), *city_choices(City.OTHER)], required=False
    )
    # Any spelling of an industry, major or skill, in either language, finds the same vacancies.
    industry = TermChoiceField(
        label=_("Industry"),
        choices=[("", _("All industries")), *Industry.choices],
        required=False,
        vocabulary=INDUSTRIES,
    )
    major = forms.CharField(
        label=_("Major"), max_length=100, required=False, widget=SuggestionsInput(MAJORS)
    )
    skill = forms.CharField(
        label=_("Skill"), max_length=100, required=False, widget=SuggestionsInput(SKILLS)
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
