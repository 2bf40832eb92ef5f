from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from twincity.core.hooks import ORGANISATION_PROFILE_EXTRAS, extras
from twincity.core.localisation import localised
from twincity.core.navigation import query_to_keep, trail_from_home

from . import selectors
from .forms import DirectoryFilterForm
from .models import Organisation

PER_PAGE = 20


def organisation_list(request):
    """Organisations of both cities, filtered by kind, city, industry, district and name
    (either script, either language)."""

    def listing() -> dict:  # only the shared content uses it (core.fragments): on a miss
        form = DirectoryFilterForm(
            request.GET, industries=selectors.industries, districts=selectors.districts
        )
        filters = form.cleaned_data if form.is_valid() else {}
        organisations = selectors.find_organisations(
            kind=filters.get("kind", ""),
            city=filters.get("city", ""),
            industry=filters.get("industry", ""),
            district=filters.get("district", ""),
            query=filters.get("q", ""),
        )
        return {
            "form": form,
            "organisations": Paginator(organisations, PER_PAGE).get_page(request.GET.get("page")),
            "page_keep": query_to_keep(**filters),
        }

    context = {
        "listing": listing,
        "breadcrumb_trail": trail_from_home(request, (_("Directory"), None)),
    }
    return render(request, "directory/organisation_list.html", context)


def organisation_detail(request, pk: int):
    try:
        organisation = selectors.organisation_profile(pk)
    except Organisation.DoesNotExist as missing:
        raise Http404 from missing
    name = localised(organisation, "name")
    trail = trail_from_home(request, (_("Directory"), reverse("directory:index")), (name, None))
    context = {
        "organisation": organisation,
        "breadcrumb_trail": trail,
        # What other apps show on a profile (talent's vacancies and job fairs).
        # A callable: the shared content (core.fragments) asks for them on a miss only.
        "extras": lambda: extras(ORGANISATION_PROFILE_EXTRAS, organisation, request),
    }
    return render(request, "directory/organisation_detail.html", context)
