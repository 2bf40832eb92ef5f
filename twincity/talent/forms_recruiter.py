"""Forms of the enterprise's pages; they parse and check input, the services decide."""

from zoneinfo import ZoneInfo

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twincity.core.localisation import localised
from twincity.core.vocabulary import CERTIFICATES, DISTRICTS, MAJORS, SKILLS
from twincity.core.vocabulary_forms import SuggestionsInput

from . import services
from .forms_graduate import DeleteAccountForm, TermsField
from .models import Application, Fair, Vacancy

# Fairs happen in Chengdu and Chongqing: recruiters type times as the fair's clocks show them.
FAIR_TIME_ZONE = ZoneInfo("Asia/Shanghai")
LOCAL_MINUTE = "%Y-%m-%dT%H:%M"
# Fields whose rules live in services.vacancy_problems.
RULED_FIELDS = ("title_en", "title_zh", "salary_min", "salary_max", "headcount", "deadline")


class FairField(forms.ModelChoiceField):
    def label_from_instance(self, fair: Fair) -> str:
        starts = timezone.localtime(fair.starts_at, FAIR_TIME_ZONE)
        return f"{localised(fair, 'title')} ({starts:%Y-%m-%d})"


class VacancyForm(forms.ModelForm):
    # The vocabulary's terms are suggested in the page's language; any text is taken.
    majors = TermsField(
        label=_("Majors"),
        help_text=_("Separate them with commas or 、; leave empty if any major will do."),
        widget=SuggestionsInput(MAJORS),
    )
    skills = TermsField(
        label=_("Skills"),
        help_text=_("Separate them with commas or 、, e.g. Excel, forklift."),
        widget=SuggestionsInput(SKILLS),
    )
    certificates = TermsField(
        label=_("Certificates"),
        help_text=_("Separate them with commas or 、."),
        widget=SuggestionsInput(CERTIFICATES),
    )
    fair = FairField(
        label=_("Job fair"),
        queryset=Fair.objects.none(),
        required=False,
        empty_label=_("— Not at a fair —"),
        help_text=_("Only upcoming fairs; your enterprise gets a booth there."),
    )

    class Meta:
        model = Vacancy
        fields = [
            "title_en",
            "title_zh",
            "description_en",
            "description_zh",
            "industry",
            "city",
            "district",
            "salary_min",
            "salary_max",
            "headcount",
            "education",
            "majors",
            "skills",
            "certificates",
            "deadline",
            "fair",
            "status",
        ]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "description_zh": forms.Textarea(attrs={"rows": 6}),
            "district": SuggestionsInput(DISTRICTS),
        }
        # Labels of their own: the model's lower-case names are for the admin.
        labels = {
            "title_en": _("Title in English"),
            "title_zh": _("Title in Chinese"),
            "description_en": _("Description in English"),
            "description_zh": _("Description in Chinese"),
            "industry": _("Industry"),
            "city": _("City"),
            "district": _("District"),
            "salary_min": _("Monthly salary from (CNY)"),
            "salary_max": _("Monthly salary to (CNY)"),
            "headcount": _("Openings"),
            "education": _("Minimum education"),
            "deadline": _("Application deadline"),
            "status": _("Status"),
        }
        help_texts = {
            "title_en": _("Give the title in English, in Chinese or in both."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        upcoming = Q(ends_at__gt=timezone.now())
        if self.instance.fair_id:
            upcoming |= Q(pk=self.instance.fair_id)  # a past fair stays chosen when editing
        self.fields["fair"].queryset = Fair.objects.filter(upcoming).order_by("starts_at")
        for name in ("salary_min", "salary_max", "headcount"):
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})

    def clean(self) -> dict:
        data = super().clean()
        probe = Vacancy(pk=self.instance.pk, **{name: data.get(name) for name in RULED_FIELDS})
        for field, message in services.vacancy_problems(probe).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class ApplicantFilterForm(forms.Form):
    vacancy = forms.TypedChoiceField(label=_("Vacancy"), coerce=int, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    school = forms.TypedChoiceField(label=_("School"), coerce=int, required=False)
    q = forms.CharField(label=_("Name or major"), max_length=100, required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("score", _("Best match first")),
        ],
    )

    def __init__(self, data, *, vacancies, schools):
        # The page also holds the bulk form: ids of its own keep the two apart.
        super().__init__(data, auto_id="filter-%s")
        self.fields["vacancy"].choices = [("", _("All vacancies")), *vacancies]
        self.fields["status"].choices = [("", _("Any status")), *Application.Status.choices]
        self.fields["school"].choices = [("", _("All schools")), *schools]


BULK_STATUSES = [
    Application.Status.REVIEWED,
    Application.Status.INTERVIEW,
    Application.Status.OFFER,
    Application.Status.HIRED,
    Application.Status.DECLINED,
]


class IdListField(forms.Field):
    """Several ids ticked in a table; whose they are is for the service to judge."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("The selection was not understood.")}

    def to_python(self, value) -> list[int]:
        try:
            return sorted({int(item) for item in value or []})
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


class BulkStatusForm(forms.Form):
    application = IdListField(
        label=_("Selected applications"),
        error_messages={"required": _("Select at least one application.")},
    )
    status = forms.ChoiceField(
        label=_("Move the selected applications to"),
        choices=[(status.value, status.label) for status in BULK_STATUSES],
    )


class StatusActionForm(forms.Form):
    status = forms.ChoiceField(choices=[(status.value, status.label) for status in BULK_STATUSES])


class OpenSlotsForm(forms.Form):
    first_start = forms.DateTimeField(
        label=_("First interview starts at"),
        input_formats=[LOCAL_MINUTE, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE),
        help_text=_("Beijing time (UTC+8), as the fair's clocks show it."),
    )
    count = forms.IntegerField(label=_("Number of slots"), min_value=1, max_value=200, initial=6)
    minutes = forms.IntegerField(
        label=_("Minutes per slot"),
        min_value=5,
        max_value=240,
        initial=10,
        help_text=_("10 minutes for one-to-one talks, 30 for group sessions."),
    )
    place = forms.CharField(label=_("Place or meeting link"), max_length=200, required=False)
    vacancy = forms.ModelChoiceField(
        label=_("For the vacancy"),
        queryset=Vacancy.objects.none(),
        required=False,
        empty_label=_("— Any of our vacancies —"),
    )

    def __init__(self, data=None, *, vacancies, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["vacancy"].queryset = vacancies
        self.fields["vacancy"].label_from_instance = lambda v: localised(v, "title") or str(v)

    def clean_first_start(self):
        # The browser sends a wall-clock time; read it on the fair's clock, whatever the server's.
        typed = timezone.make_naive(self.cleaned_data["first_start"])
        return timezone.make_aware(typed, FAIR_TIME_ZONE)


class AttendanceForm(forms.Form):
    booking = forms.IntegerField(widget=forms.HiddenInput)
    attended = forms.TypedChoiceField(
        choices=[("yes", _("Attended")), ("no", _("Did not come"))],
        coerce=lambda value: value == "yes",
    )


class RankingForm(forms.Form):
    """One rank per applicant, 1 = best; together they must be 1..n, each once."""

    def __init__(self, data=None, *, applications: list[Application], initial_ranks: dict):
        super().__init__(data)
        self.applications = applications
        count = len(applications)
        for application in applications:
            self.fields[f"rank-{application.pk}"] = forms.IntegerField(
                label=_("Rank"),
                min_value=1,
                max_value=count,
                initial=initial_ranks.get(application.pk),
                widget=forms.NumberInput(attrs={"min": 1, "max": count, "class": "rank-input"}),
            )

    def clean(self) -> dict:
        data = super().clean()
        ranks = [data.get(f"rank-{a.pk}") for a in self.applications]
        if None not in ranks and len(set(ranks)) != len(ranks):
            raise forms.ValidationError(
                _("Give each applicant a different rank from 1 to %(count)d."),
                params={"count": len(ranks)},
            )
        return data

    def ordered_application_ids(self) -> list[int]:
        by_rank = sorted(self.applications, key=lambda a: self.cleaned_data[f"rank-{a.pk}"])
        return [application.pk for application in by_rank]


class DeleteRecruiterAccountForm(DeleteAccountForm):
    """The password and a confirmation, as for a graduate, with what a recruiter loses."""

    confirm = forms.BooleanField(
        label=_(
            "I understand that my recruiter account is deleted for good; my enterprise keeps "
            "its vacancies and applicants."
        )
    )
