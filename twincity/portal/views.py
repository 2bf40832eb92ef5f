from urllib.parse import urlencode

from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.core.paginator import Paginator
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from wagtail.models import Locale

from twincity.core import abuse
from twincity.core.localisation import is_chinese
from twincity.core.navigation import query_to_keep, trail_from_home
from twincity.directory.sitemaps import OrganisationSitemap
from twincity.textsearch.segment import CJK

from . import search as site_search
from .sitemaps import AllLanguagesSitemap

# The search page's own examples, per language of the site: a name in each script and a topic.
# Each finds something on both sites (tests/portal/test_search.py); `lang` marks the script.
SEARCH_EXAMPLES = {
    "en": [("Hongyadong", "en"), ("宽窄巷子", "zh-Hans"), ("festivals", "en"), ("hotpot", "en")],
    "zh-hans": [
        ("宽窄巷子", "zh-Hans"),
        ("Hongyadong", "en"),
        ("美食节", "zh-Hans"),
        ("职业教育", "zh-Hans"),
    ],
}


@cache_control(private=True)
@abuse.refused_when_limited
def search(request):
    """The search page: everything found, grouped by type with counts, or one type paged
    through (`?type=places`); or a friendly word about the query."""
    raw_query = request.GET.get("q", "")
    context = {
        "query": raw_query[: site_search.MAX_QUERY_LENGTH * 2],
        "problem": None,
        "groups": None,
        "examples": [
            {"text": text, "lang": lang, "url": "?" + urlencode({"q": text})}
            for text, lang in SEARCH_EXAMPLES["zh-hans" if is_chinese() else "en"]
        ],
        "search_trail": trail_from_home(request, (_("Search"), None)),
    }
    if "q" in request.GET:
        abuse.check("search", abuse.client_address(request))
        try:
            query = site_search.check_query(raw_query)
        except site_search.QueryProblem as problem:
            context["problem"] = str(problem)
        else:
            # Only the shared content uses them (core.fragments): searched when it is not kept.
            context["results"] = lambda: search_results(request, query)
    return render(request, "portal/search.html", context)


def search_results(request, query: str) -> dict:
    groups = site_search.search_everything(query, Locale.get_active())
    chosen = next((g for g in groups if g.key == request.GET.get("type")), None)

    def type_url(group) -> str:
        return "?" + urlencode({"q": query, "type": group.key})

    page = None
    if chosen is None:
        # Every type: the best few of each, linking to the rest.
        shown = [
            {"group": group, "hits": group.hits[: site_search.HITS_PER_GROUP]} for group in groups
        ]
        for section in shown:
            if section["group"].count > len(section["hits"]):
                section["more_url"] = type_url(section["group"])
    else:
        page = Paginator(chosen.hits, site_search.RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        shown = [{"group": chosen, "hits": list(page)}]
    site_search.show([hit for section in shown for hit in section["hits"]], request)
    return {
        # The query as typed, in the script it is in (宽窄巷子 on the English site).
        "marked_query": format_html(
            '<span lang="{}">{}</span>', "zh-Hans" if CJK.search(query) else "en", query
        ),
        "groups": groups,
        "total": sum(group.count for group in groups),
        "chosen": chosen,
        "shown": shown,
        "hits": page,
        "chips": [
            {
                "label": group.label,
                "count": group.count,
                "url": type_url(group),
                "current": group is chosen,
            }
            for group in groups
        ],
        "all_url": "?" + urlencode({"q": query}),
        "search_keep": query_to_keep(q=query, type=chosen.key if chosen else ""),
    }


def sitemap(request):
    pages = AllLanguagesSitemap(request)
    # The directory's public profiles, at the same address as the pages.
    organisations = OrganisationSitemap(pages.get_wagtail_site().root_url)
    return sitemap_view(request, sitemaps={"pages": pages, "organisations": organisations})


def bad_request(request, exception=None):
    """A request Django will not read (too many fields, a forged host): both languages."""
    request.shared_content_off = True  # as for a missing page
    return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    # Any address can be a missing one: kept fragments of them would push out the site's own.
    request.shared_content_off = True
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    """A form sent without its CSRF token (page open too long, cookies off): both languages."""
    request.shared_content_off = True  # as for a missing page
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """Rendered without context processors or the database, which may be what failed."""
    return HttpResponseServerError(loader.get_template("500.html").render())
