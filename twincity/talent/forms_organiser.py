"""The organisers' forms: the figures' download, publishing the stable assignment, and the
decision on a recruiter's account."""

from django import forms
from django.utils.translation import gettext_lazy

from .models import Fair, Recruiter
from .selectors import awaiting_decision


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "Excel")])
    fair = forms.ModelChoiceField(queryset=Fair.objects.all(), required=False)


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I have checked the result: send every placed graduate an offer by e-mail."
        ),
        error_messages={"required": gettext_lazy("Tick the box to confirm the offers.")},
    )


class RecruiterDecisionForm(forms.Form):
    recruiter = forms.ModelChoiceField(
        queryset=Recruiter.objects.none(),  # set per form: the sign-ups awaiting a decision
        error_messages={
            "invalid_choice": gettext_lazy("This recruiter is no longer awaiting a decision.")
        },
    )
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
    # Required for a rejection only: services.decide_recruiter says so.
    reason = forms.CharField(
        label=gettext_lazy("Reason for a rejection (sent to the applicant)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recruiter"].queryset = awaiting_decision()
