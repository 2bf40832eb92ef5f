"""The design system's page of examples, for the staff who write templates and content, and the
favicon browsers ask for at the site's root."""

from dataclasses import dataclass

from django import forms
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control

from twincity.core.access import access_required
from twincity.core.cities import city_choices
from twincity.core.errors import UserFacingError
from twincity.core.navigation import trail_from_home


class NotStaff(UserFacingError):
    pass


def staff_of_the_admin(request, **url):
    """Whoever may open Wagtail's admin (editors, organisers' staff) may open the style guide."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise NotStaff(_("Only the site's staff can open the style guide."))
    return (), url


def refuse(request, refusal: NotStaff, **url) -> HttpResponse:
    context = {
        "message": refusal.message,
        "trail": trail_from_home(request, (_("Not allowed"), None)),
    }
    return render(request, "portal/not_allowed.html", context, status=403)


@dataclass(frozen=True)
class Swatch:
    name: str
    css_class: str
    text: str
    background: str
    use: str

    @property
    def contrast(self) -> float:
        return round(contrast_ratio(self.text, self.background), 1)


# The colours of site.css's tokens, with the pair each is used in (text on background).
SWATCHES = [
    Swatch(
        "--brand", "brand", "#ffffff", "#8a1c1c", gettext_lazy("Headings, buttons, the topline")
    ),
    Swatch("--chengdu", "chengdu", "#ffffff", "#0b6657", gettext_lazy("Chengdu")),
    Swatch("--chongqing", "chongqing", "#ffffff", "#b03a00", gettext_lazy("Chongqing")),
    Swatch("--ink", "ink", "#ffffff", "#1a1a1a", gettext_lazy("Body text")),
    Swatch("--muted", "muted", "#4a4a4a", "#ffffff", gettext_lazy("Dates, places, help")),
    Swatch("--link", "link", "#0b4f8a", "#ffffff", gettext_lazy("Links")),
    Swatch("--soft", "soft", "#1a1a1a", "#f6f3ef", gettext_lazy("Panels and notices")),
    Swatch("--focus", "focus", "#0a4ea3", "#ffffff", gettext_lazy("Focus ring")),
]
TYPE_STEPS = [
    ("4", "--step-4"),
    ("3", "--step-3"),
    ("2", "--step-2"),
    ("1", "--step-1"),
    ("0", "--step-0"),
    ("n1", "--step--1"),
]


class SampleFilterForm(forms.Form):
    """A listing's filters as the style guide shows them: two of three applied."""

    q = forms.CharField(label=gettext_lazy("Name"), required=False)
    city = forms.ChoiceField(
        label=gettext_lazy("City"),
        choices=[("", gettext_lazy("Both cities")), *city_choices()],
        required=False,
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("All kinds")), ("school", gettext_lazy("School"))],
        required=False,
    )


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of a #rrggbb colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@access_required(admit=staff_of_the_admin, refused=refuse, refusal=NotStaff)
def styleguide(request):
    context = {
        "swatches": SWATCHES,
        "type_steps": TYPE_STEPS,
        "sample_filters": SampleFilterForm({"q": _("Logistics"), "city": "chengdu"}),
        "trail": trail_from_home(request, (_("Style guide"), None)),
    }
    return render(request, "portal/styleguide.html", context)


@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page links: the shipped icon."""
    return HttpResponseRedirect(static("portal/favicon.ico"))
