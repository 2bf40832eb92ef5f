"""Small pieces every non-page view needs to place itself in the site."""

from dataclasses import dataclass

from django import forms
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from .generation import GenerationMemo, generation_of


def trail_from_home(request, *steps: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    """Breadcrumb steps starting at the home page of the visitor's language."""

    def home_step() -> tuple[str, str | None]:
        home = Site.find_for_request(request).root_page.localized
        return home.title, home.get_url(request)

    # Kept per content generation: a retitled or moved home page starts a new one.
    key = (request.get_host(), get_language())
    return [_home_steps.get(key, generation_of(request.META), home_step), *steps]


_home_steps = GenerationMemo(max_values=64)


@dataclass(frozen=True)
class MenuItem:
    url: str
    label: str
    current: bool = False


def main_menu(path: str, language_code: str) -> list[MenuItem]:
    """The sections of the main menu, the one the visitor is in marked current: the section
    whose address starts the longest part of the path (the job fairs, /jobs/fairs/, rather than
    the jobs, /jobs/); the home page only on itself."""
    home = f"/{language_code}/"
    sections = [
        (home, _("Home")),
        (f"{home}news/", _("News center")),
        (f"{home}invest/", _("Invest")),
        (reverse("directory:index"), _("Directory")),
        (reverse("talent:job-search"), _("Jobs")),
        (reverse("talent:fair-list"), _("Job fairs")),
        (f"{home}events/", _("Events")),
        (f"{home}travel/", _("Travel")),
    ]
    within = [
        url for url, _label in sections if path == url or (url != home and path.startswith(url))
    ]
    current = max(within, key=len, default=None)
    return [MenuItem(url, label, url == current) for url, label in sections]


def query_to_keep(**params: str) -> str:
    """The filters a paginated list carries from page to page: "q=tea&" (or "" for none),
    as the pagination include expects it."""
    kept = urlencode({name: value for name, value in params.items() if value})
    return f"{kept}&" if kept else ""


def applied_filter_count(form: forms.Form) -> int:
    """How many of a listing's filters the visitor set, for the folded filter panel's summary.

    A field counts when the query gives it a value that was understood (a value the form
    rejected is left out of the listing, so it is not "applied") and that is not the field's
    default: its initial value, or the first of its choices when these offer no empty one (a
    sort order's "newest first"). Only the form's own fields are read from the query, so the
    page cache still keys the page on those parameters alone (core/pagecache.py)."""
    if not form.is_bound:
        return 0
    return sum(
        1
        for name, field in form.fields.items()
        if name not in form.errors
        and not field.widget.is_hidden
        and _values_in_query(form, name) - {_default_of(field)}
    )


def _values_in_query(form: forms.Form, name: str) -> set[str]:
    field = form.fields[name]
    raw = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
    values = raw if isinstance(raw, list | tuple) else [raw]
    return {str(value) for value in values if value not in (None, "")}


def _default_of(field: forms.Field) -> str:
    if field.initial not in (None, ""):
        return str(field.initial)
    choices = list(getattr(field, "choices", []))
    if choices and choices[0][0] not in (None, ""):
        return str(choices[0][0])
    return ""
