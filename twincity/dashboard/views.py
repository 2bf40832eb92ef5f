"""The public pages of the economic circle in figures and their open-data downloads.

Anonymous GETs with no form and no cookie: the site's page cache (core/pagecache.py) keeps them
for PAGE_CACHE_SECONDS, so the figures are at most that old.
"""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from twincity.core.navigation import trail_from_home

from . import downloads, figures
from .circle_map import circle_map


@require_GET
def index(request):
    found = {figure.key: figure for figure in figures.all_figures()}
    cities, flows = figures.map_data(found)
    context = {
        "figures": list(found.values()),
        "map_svg": circle_map("circle-map", _("The two cities in figures"), cities, flows),
        "map_cities": cities,
        "map_flows": flows,
        "min_count": figures.min_count(),
        # Marked as English inside Chinese text: a licence's name has no Chinese form.
        "licence_name": format_html('<span lang="en">{}</span>', figures.LICENCE_NAME),
        "licence_url": figures.LICENCE_URL,
        "generated": timezone.localtime(),
        "breadcrumb_trail": trail_from_home(request, (_("Economic circle in figures"), None)),
    }
    return render(request, "dashboard/index.html", context)


@require_GET
def download(request, key: str, kind: str):
    if key not in figures.FIGURE_KEYS or kind not in ("csv", "json"):
        raise Http404
    found = figures.figure(key)
    if kind == "json":
        body = json.dumps(downloads.as_json(found), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(downloads.as_csv(found), content_type="text/csv; charset=utf-8")
    name = f"twincity-{key}-{timezone.localdate():%Y%m%d}.{kind}"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    # Open data: partners' pages may fetch it from the browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response
