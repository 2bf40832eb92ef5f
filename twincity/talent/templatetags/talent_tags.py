"""Small presentation helpers of the job fair's templates."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..services.confirmation import email_confirmed

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


@register.inclusion_tag("talent/accounts/includes/confirm_banner.html", takes_context=True)
def email_confirmation_banner(context) -> dict:
    """ "Confirm your e-mail address", with a button for a new link, on the own pages of an
    account that has not confirmed its address yet; nothing for any other."""
    request = context["request"]
    user = request.user
    waiting = user.is_authenticated and not email_confirmed(user)
    return {
        "waiting": waiting,
        "email": user.email if waiting else "",
        "recruiter": waiting and hasattr(user, "recruiter"),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("talent/includes/applied_mark.html", takes_context=True)
def applied_mark(context, vacancy) -> dict:
    """ "Applied on <date>" on a vacancy's card when the view put the signed-in graduate's
    applications in `applied_to` (selectors.applications_by_vacancy)."""
    return {"application": (context.get("applied_to") or {}).get(vacancy.pk)}
