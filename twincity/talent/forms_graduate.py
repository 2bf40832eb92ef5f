"""Forms of the graduate's own pages; they parse and check input, the services decide."""

import re

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from twincity.core.cities import City
from twincity.core.localisation import localised
from twincity.core.vocabulary import CERTIFICATES, MAJORS, SKILLS
from twincity.core.vocabulary_forms import SuggestionsInput
from twincity.directory.models import Organisation

from .models import Application, Education, GraduateProfile

# Graduates type lists the way they write: "a, b", "甲，乙" or "甲、乙"; semicolons too.
TERM_SEPARATORS = re.compile(r"[,，、;；\n]")
MAX_TERMS = 30
PREFERRED_CITY_CHOICES = [
    (City.CHENGDU, City.CHENGDU.label),
    (City.CHONGQING, City.CHONGQING.label),
]


def split_terms(text: str) -> list[str]:
    """The distinct terms of a comma- or 、-separated text, in the order typed."""
    terms: list[str] = []
    for term in TERM_SEPARATORS.split(text or ""):
        term = " ".join(term.split())
        if term and term.lower() not in {known.lower() for known in terms}:
            terms.append(term)
    return terms


def join_terms(terms: list[str]) -> str:
    separator = "、" if (get_language() or "").startswith("zh") else ", "
    return separator.join(terms)


class TermsField(forms.CharField):
    """A JSON list of short terms, shown and typed as one line of text."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return join_terms(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        terms = split_terms(super().to_python(value))
        if len(terms) > MAX_TERMS:
            raise forms.ValidationError(
                _("List at most %(most)d, separated by commas."), params={"most": MAX_TERMS}
            )
        return terms


class SchoolField(forms.ModelChoiceField):
    def label_from_instance(self, school: Organisation) -> str:
        return localised(school, "name")


def schools_by_name():
    """Schools of the directory, ordered by their name in the page's language."""
    by_name = "name_zh" if (get_language() or "").startswith("zh") else "name_en"
    return Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).order_by(by_name, "pk")


class GraduateProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=100)
    school = SchoolField(
        label=_("School"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— Choose your school —"),
    )
    # The vocabulary's terms are suggested in the page's language; any text is taken.
    major = forms.CharField(
        label=_("Major"), max_length=100, required=False, widget=SuggestionsInput(MAJORS)
    )
    graduation_year = forms.IntegerField(label=_("Graduation year"), required=False)
    education = forms.TypedChoiceField(label=_("Education"), choices=Education.choices, coerce=int)
    skills = TermsField(
        label=_("Skills"),
        help_text=_("Separate them with commas, e.g. Excel, forklift, English."),
        widget=SuggestionsInput(SKILLS),
    )
    certificates = TermsField(
        label=_("Certificates"),
        help_text=_("Separate them with commas, e.g. forklift licence, CET-4."),
        widget=SuggestionsInput(CERTIFICATES),
    )
    preferred_cities = forms.MultipleChoiceField(
        label=_("Where I would like to work"),
        choices=PREFERRED_CITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave both empty if either city suits you."),
    )
    expected_salary = forms.IntegerField(
        label=_("Expected monthly salary (CNY)"), min_value=0, max_value=1_000_000, required=False
    )
    phone = forms.CharField(label=_("Telephone"), max_length=50, required=False)
    language = forms.ChoiceField(label=_("Language for e-mails"), choices=settings.LANGUAGES)
    visibility = forms.ChoiceField(
        label=_("Who can see my profile"),
        choices=GraduateProfile.Visibility.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Private is the default: an enterprise sees your profile and CV only after you "
            "apply to it or book one of its interviews. If you make it visible, approved "
            "recruiters can find your school, major and skills, but not your name or contact "
            "data, and invite you to apply."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools_by_name()
        # The range moves with the calendar, so it is set per form, not once at import.
        first, last = timezone.localdate().year - 50, timezone.localdate().year + 6
        year = self.fields["graduation_year"]
        year.validators = [MinValueValidator(first), MaxValueValidator(last)]
        year.widget.attrs.update({"min": first, "max": last})

    @classmethod
    def for_profile(cls, profile: GraduateProfile, data=None) -> "GraduateProfileForm":
        initial = {name: getattr(profile, name) for name in cls.base_fields}
        initial["school"] = profile.school_id
        return cls(data, initial=initial)


class CVUploadForm(forms.Form):
    cv = forms.FileField(
        label=_("CV (PDF)"),
        help_text=_("A PDF file of at most 5 MB. It replaces the CV you uploaded before."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class ApplyForm(forms.Form):
    cover_note = forms.CharField(
        label=_("Note to the enterprise"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why this job interests you, when you can start: a few lines."),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that my profile, CV and saved searches are deleted for good and "
            "cannot be restored."
        )
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password


class ApplicationMoveForm(forms.Form):
    """What a graduate may do to their application: withdraw it, or accept the offer."""

    status = forms.ChoiceField(
        choices=[
            (Application.Status.WITHDRAWN, Application.Status.WITHDRAWN.label),
            (Application.Status.HIRED, Application.Status.HIRED.label),
        ]
    )
    confirmed = forms.BooleanField(required=False)


class RankingForm(forms.Form):
    """One number per application, 1 for the most wanted; each number from 1 to n once."""

    def __init__(self, applications: list, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.applications = applications
        count = len(applications)
        for place, application in enumerate(applications, start=1):
            self.fields[self.field_name(application)] = forms.IntegerField(
                min_value=1,
                max_value=max(count, 1),
                initial=place,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    "min_value": _("Use a number from 1 to %(count)d.") % {"count": count},
                    "max_value": _("Use a number from 1 to %(count)d.") % {"count": count},
                    "required": _("Give this application a number."),
                },
            )

    @staticmethod
    def field_name(application) -> str:
        return f"rank-{application.pk}"

    def rows(self) -> list:
        return [(a, self[self.field_name(a)]) for a in self.applications]

    def clean(self):
        cleaned = super().clean()
        places = [cleaned.get(self.field_name(a)) for a in self.applications]
        if None not in places and len(set(places)) != len(places):
            raise forms.ValidationError(
                _("Give each application a different number, from 1 to %(count)d.")
                % {"count": len(places)}
            )
        return cleaned

    def ordered_ids(self) -> list[int]:
        by_place = sorted(self.applications, key=lambda a: self.cleaned_data[self.field_name(a)])
        return [application.pk for application in by_place]
