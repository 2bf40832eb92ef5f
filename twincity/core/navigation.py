"""Small pieces every non-page view needs to place itself in the site."""

from django.utils.http import urlencode
from wagtail.models import Site


def trail_from_home(request, *steps: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    """Breadcrumb steps starting at the home page of the visitor's language."""
    home = Site.find_for_request(request).root_page.localized
    return [(home.title, home.get_url(request)), *steps]


def query_to_keep(**params: str) -> str:
    """The filters a paginated list carries from page to page: "q=tea&" (or "" for none),
    as the pagination include expects it."""
    kept = urlencode({name: value for name, value in params.items() if value})
    return f"{kept}&" if kept else ""
