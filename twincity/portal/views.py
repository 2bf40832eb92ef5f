from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.core.paginator import Paginator
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from wagtail.models import Locale

from twincity.core import abuse
from twincity.core.navigation import query_to_keep, trail_from_home
from twincity.directory import selectors as directory_selectors
from twincity.directory.sitemaps import OrganisationSitemap

from . import search as site_search
from .sitemaps import AllLanguagesSitemap

ORGANISATIONS_SHOWN = 5


@cache_control(private=True)
@abuse.refused_when_limited
def search(request):
    """The search page: results in the visitor's language, or a friendly word about the query."""
    raw_query = request.GET.get("q", "")
    context = {
        "query": raw_query[: site_search.MAX_QUERY_LENGTH * 2],
        "problem": None,
        "hits": None,
        "search_trail": trail_from_home(request, (_("Search"), None)),
    }
    if "q" in request.GET:
        abuse.check("search", abuse.client_address(request))
        try:
            query = site_search.check_query(raw_query)
        except site_search.QueryProblem as problem:
            context["problem"] = str(problem)
        else:
            hits = site_search.search_pages(query, Locale.get_active())
            context["hits"] = Paginator(hits, site_search.RESULTS_PER_PAGE).get_page(
                request.GET.get("page")
            )
            context["search_keep"] = query_to_keep(q=query)
            # Public organisations whose names match, ahead of a visit to the directory.
            context["organisations"] = directory_selectors.find_organisations(query=query)[
                :ORGANISATIONS_SHOWN
            ]
    return render(request, "portal/search.html", context)


def sitemap(request):
    pages = AllLanguagesSitemap(request)
    # The directory's public profiles, at the same address as the pages.
    organisations = OrganisationSitemap(pages.get_wagtail_site().root_url)
    return sitemap_view(request, sitemaps={"pages": pages, "organisations": organisations})


def bad_request(request, exception=None):
    """A request Django will not read (too many fields, a forged host): both languages."""
    return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    """A form sent without its CSRF token (page open too long, cookies off): both languages."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """Rendered without context processors or the database, which may be what failed."""
    return HttpResponseServerError(loader.get_template("500.html").render())
