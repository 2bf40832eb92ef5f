"""Counting endpoints of campaign promotions, and the organisers' figures in the admin.

Counting, and why bots cannot inflate it trivially:
- A view is counted by a POST beacon that the promotion's script sends once it is shown.
  Pages are served from the page cache (core.pagecache) without entering Django, so counting
  while rendering would miss most views; the beacon reaches Django on every visit. Crawlers
  follow links with GET and do not run scripts that POST, and the beacon is only counted when
  the browser says it comes from our own site (Origin, else Referer, on this host).
- A click goes through /campaigns/<id>/go/<side>/, which redirects everyone to the partner but
  counts only requests whose Referer is a page of this site: a bot that finds the link in the
  HTML and requests it directly sends no such Referer. The link is rel="nofollow" as well.
- One address counts at most settings.TWINCITY_RATE_LIMITS["beacon"] views and clicks
  (core/abuse.py): a script that sends the right headers still cannot add without end.
Nothing about the visitor is stored: no cookie, user or session; the limit's count keeps a hash
of the address in the cache for an hour.
"""

from urllib.parse import urlparse

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Locale

from twincity.core import abuse, spreadsheets
from twincity.core.cities import TWO_CITIES
from twincity.core.localisation import localised

from . import figures, services
from .models import Campaign
from .selectors import translated_place


def campaign_and_side(campaign_id: int, side: str) -> Campaign:
    if side not in TWO_CITIES:
        raise Http404(_("There is no such partner side."))
    return get_object_or_404(Campaign, pk=campaign_id)


def same_site(request, header: str) -> bool:
    value = request.headers.get(header, "")
    return bool(value) and urlparse(value).netloc == request.get_host()


@csrf_exempt  # the cached page carries no CSRF token; the beacon changes nothing but a counter
@require_POST
@never_cache
def seen(request, campaign_id: int, side: str):
    campaign = campaign_and_side(campaign_id, side)
    from_our_page = same_site(request, "Origin") or (
        "Origin" not in request.headers and same_site(request, "Referer")
    )
    running = campaign.is_running(services.beijing_today())
    if from_our_page and running and abuse.allows("beacon", request):
        services.count(campaign.pk, side, "views")
    return HttpResponse(status=204)


@require_GET
@never_cache
def go(request, campaign_id: int, side: str):
    campaign = campaign_and_side(campaign_id, side)
    running = campaign.is_running(services.beijing_today())
    # Over the limit the visitor still goes to the partner; the click is not counted.
    if same_site(request, "Referer") and running and abuse.allows("beacon", request):
        services.count(campaign.pk, side, "clicks")
    partner = campaign.partner(side)
    locale = Locale.objects.filter(language_code=get_language()).first()
    translated = translated_place(partner, locale.pk) if locale else None
    return HttpResponseRedirect((translated or partner).url)


# --- Admin -----------------------------------------------------------------------------------


def campaign_list(request):
    campaigns = Campaign.objects.select_related("chengdu_place", "chongqing_place")
    today = services.beijing_today()
    rows = [
        (campaign, campaign.is_running(today), figures.side_totals(campaign))
        for campaign in campaigns
    ]
    return TemplateResponse(
        request,
        "tourism/admin/campaign_list.html",
        {
            "rows": rows,
            "page_title": _("Campaign figures"),
            # Wagtail's generic base template names the browser tab after header_title.
            "header_title": _("Campaign figures"),
            "header_icon": "view",
        },
    )


def campaign_figures(request, campaign_id: int):
    campaign = get_object_or_404(
        Campaign.objects.select_related("chengdu_place", "chongqing_place"), pk=campaign_id
    )
    if request.GET.get("format") == "csv":
        response = HttpResponse(
            spreadsheets.as_csv([figures.export_table(campaign)]),
            content_type=spreadsheets.CONTENT_TYPES["csv"],
        )
        name = f"campaign-{campaign.pk}-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    totals = figures.side_totals(campaign)
    return TemplateResponse(
        request,
        "tourism/admin/campaign_figures.html",
        {
            "campaign": campaign,
            "totals": totals,
            "days": figures.daily_rows(campaign),
            "charts": figures.charts(totals),
            "page_title": localised(campaign, "title"),
            "page_subtitle": _("Campaign figures"),
            "header_title": _("Campaign figures: %(campaign)s")
            % {"campaign": localised(campaign, "title")},
            "header_icon": "view",
        },
    )
