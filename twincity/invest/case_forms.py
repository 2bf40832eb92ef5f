"""The forms of the case pages. They parse what staff typed; the rules (who may, which moves,
the gates) are the services'. Choices of people are narrowed to the staff of the case's offices,
choices of offices to those a case may go to."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import EnquiryStage, Office, Project, ProjectStage, ProjectStatus
from .services.cases import PROJECT_FIELDS

User = get_user_model()


def staff_of(offices) -> QuerySet:
    """The active members of these offices, by name."""
    return (
        User.objects.filter(is_active=True, invest_offices__in=offices)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.get_username()


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.get_username()


class OfficeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, office) -> str:
        from .services.audit import value_of

        return value_of("lead_office", office.pk, {office.pk: office})


class EnquiryStageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=EnquiryStage.choices)
    reason = forms.CharField(
        label=_("Reason (needed to close an enquiry)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TeamForm(forms.Form):
    owner = PersonChoiceField(label=_("Case owner"), queryset=User.objects.none(), required=False)
    team = PeopleChoiceField(
        label=_("Team"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        people = staff_of(offices)
        self.fields["owner"].queryset = people
        self.fields["team"].queryset = people


class HandoverForm(forms.Form):
    office = OfficeChoiceField(label=_("Hand over to"), queryset=Office.objects.none())
    note = forms.CharField(
        label=_("Note for the receiving office"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, lead_office: Office | None, **kwargs):
        super().__init__(*args, **kwargs)
        others = Office.objects.all()
        if lead_office is not None:
            others = others.exclude(pk=lead_office.pk)
        self.fields["office"].queryset = others.order_by("city", "name_en")


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))
    assignee = PersonChoiceField(
        label=_("Assigned to"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_of(offices)


class ProjectStageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=ProjectStage.choices)


class ProjectStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)
    reason = forms.CharField(
        label=_("Reason (needed unless ongoing or won)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProjectForm(forms.ModelForm):
    """The project's values and dates; the stage and status have their own actions."""

    owner = PersonChoiceField(
        label=_("Project manager"), queryset=User.objects.none(), required=False
    )

    class Meta:
        model = Project
        fields = PROJECT_FIELDS
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("signed_on", "construction_started_on", "production_started_on")
        }

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_of(offices)


class CaseFilterForm(forms.Form):
    """The filters of the lists; every field optional, unknown values ignored."""

    stage = forms.ChoiceField(label=_("Stage"), required=False)
    office = OfficeChoiceField(label=_("Office"), queryset=Office.objects.none(), required=False)
    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    high_value = forms.BooleanField(label=_("High value only"), required=False)
    mine = forms.BooleanField(label=_("My cases only"), required=False)

    def __init__(self, *args, offices, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("All stages")), *stages]
        self.fields["office"].queryset = offices
        self.fields["owner"].queryset = staff_of(offices)
