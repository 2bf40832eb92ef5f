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
    page = Paginator(organisations, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "organisations": page,
        "page_keep": query_to_keep(**filters),
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
        "extras": extras(ORGANISATION_PROFILE_EXTRAS, organisation, request),
    }
    return render(request, "directory/organisation_detail.html", context)
