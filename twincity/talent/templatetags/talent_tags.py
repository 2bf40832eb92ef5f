"""Small presentation helpers of the job fair's templates."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

register = template.Library()

# The matching engine names the parts of a score in English; visitors read them in their language.
PART_LABELS = {
    "skills": gettext_lazy("Skills"),
    "certificates": gettext_lazy("Certificates"),
    "major": gettext_lazy("Major"),
    "education": gettext_lazy("Education"),
    "salary": gettext_lazy("Salary"),
    "place": gettext_lazy("Place of work"),
}


@register.filter
def percent(value: float) -> str:
    return f"{round(value * 100)} %"


@register.filter
def part_label(name: str) -> str:
    return str(PART_LABELS.get(name, name))


@register.simple_tag
def salary_range(vacancy) -> str:
    low = number_format(vacancy.salary_min, force_grouping=True)
    high = number_format(vacancy.salary_max, force_grouping=True)
    if vacancy.salary_min == vacancy.salary_max:
        return _("%(amount)s CNY a month") % {"amount": low}
    return _("%(low)s–%(high)s CNY a month") % {"low": low, "high": high}
