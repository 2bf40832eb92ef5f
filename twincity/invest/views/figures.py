"""The investment figures in the Wagtail admin ("Investment figures"): a filter, tables with
charts beside them, and the same tables as CSV or Excel."""

from datetime import date
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from twincity.core import spreadsheets
from twincity.core.cities import city_choices
from twincity.core.localisation import is_chinese
from twincity.core.vocabulary import SECTORS

from .. import figures
from ..models import Office

EXPORT_FORMATS = ("csv", "xlsx")


def can_see_figures(user) -> bool:
    """The offices' staff (who work cases or may view projects) and administrators."""
    return user.is_active and (
        user.has_perm("invest.work_cases") or user.has_perm("invest.view_project")
    )


def figures_permission_required(view):
    def wrapped(request, *args, **kwargs):
        if not can_see_figures(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class MonthField(forms.DateField):
    """A month typed as 2026-03 (the browser's month input), read as its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m"]
    default_error_messages = {"invalid": gettext_lazy("Enter a month as year-month, e.g. 2026-03.")}


class OfficeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, office: Office) -> str:
        return office.name_zh if is_chinese() and office.name_zh else office.name_en


class FiguresFilterForm(forms.Form):
    start = MonthField(label=gettext_lazy("From (month)"))
    end = MonthField(label=gettext_lazy("To (month)"))
    city = forms.ChoiceField(label=gettext_lazy("City"), required=False)
    office = OfficeChoiceField(
        label=gettext_lazy("Office"),
        queryset=Office.objects.all(),
        required=False,
        empty_label=gettext_lazy("All offices"),
    )
    sector = forms.ChoiceField(label=gettext_lazy("Sector"), required=False)

    def __init__(self, data=None, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.fields["city"].choices = [("", _("Both cities")), *city_choices()]
        self.fields["sector"].choices = [("", _("All sectors")), *SECTORS.choices()]

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError(_("The period must start before it ends."))
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            if months > figures.LONGEST_PERIOD_MONTHS:
                raise forms.ValidationError(
                    _("Choose a period of at most %(months)s months.")
                    % {"months": figures.LONGEST_PERIOD_MONTHS}
                )
        return cleaned

    def filters(self) -> figures.Filters:
        data = self.cleaned_data
        office = data.get("office")
        return figures.Filters(
            start=data["start"].replace(day=1),
            end=data["end"].replace(day=1),
            city=data.get("city") or "",
            office_id=office.pk if office else None,
            sector=data.get("sector") or "",
        )


def filter_form(request) -> FiguresFilterForm:
    """Bound to the query; without one, to the default period (the last twelve months)."""
    if "start" in request.GET or "end" in request.GET:
        return FiguresFilterForm(request.GET)
    default = figures.default_filters()
    return FiguresFilterForm({"start": month_text(default.start), "end": month_text(default.end)})


def month_text(month: date) -> str:
    return f"{month:%Y-%m}"


@require_GET
def investment_figures(request):
    form = filter_form(request)
    valid = form.is_valid()
    export = request.GET.get("format")
    if valid and export in EXPORT_FORMATS:
        return export_response(figures.investment_figures(form.filters()), export)
    context = {
        "form": form,
        "page_title": _("Investment figures"),
        "header_title": _("Investment figures"),
        "header_icon": "table",
        "first_response_hours": settings.INVEST_FIRST_RESPONSE_HOURS,
    }
    if valid:
        found = figures.investment_figures(form.filters())
        context |= {
            "figures": found,
            "charts": figures.charts(found),
            "export_query": export_query(form),
        }
    return TemplateResponse(
        request, "invest/admin/figures/index.html", context, status=200 if valid else 400
    )


def export_query(form: FiguresFilterForm) -> str:
    """The filter as a query string, for the download links (which add their format)."""
    return urlencode({name: form.data.get(name) or "" for name in form.fields})


def export_response(found: figures.Figures, kind: str) -> HttpResponse:
    period = f"{found.filters.start:%Y-%m}-{found.filters.end:%Y-%m}"
    return spreadsheets.download(figures.export_tables(found), kind, f"investment-figures-{period}")
