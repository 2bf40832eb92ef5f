from collections.abc import Callable

from wagtail.models import Site

from twincity.core.generation import GenerationMemo, generation_of

_sites = GenerationMemo()


def _load_site(request) -> Site | None:
    site = Site._find_for_request(request)
    if site is not None:
        # The specific home page rides along, so routing starts from it without a query.
        site.root_page = site.root_page.specific
    return site


class KnownSiteMiddleware:
    """Finds the request's Wagtail site in memory; Wagtail would ask the database every time.

    Sites change rarely, and saving one starts a new content generation, which drops what is
    kept here in every process.
    """

    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request):
        key = (request._get_raw_host(), request.get_port())
        request._wagtail_site = _sites.get(
            key, generation_of(request.META), lambda: _load_site(request)
        )
        return self.get_response(request)
