"""Addresses of many pages below one section, for a map or a list of every item.

Wagtail works out each page's address on its own: it looks up the sites' root paths and
reverses its serve view with the page's language switched on, about a tenth of a millisecond a
page. A map of every place pays that a hundred times. The pages below a section are in the
section's site and language, so their addresses are the section's address followed by the rest
of their `url_path`, quoted as Django's `reverse` quotes it: one Wagtail lookup for them all.
"""

from urllib.parse import quote

from django.utils.http import RFC3986_SUBDELIMS
from wagtail.models import Page

# What django.urls.reverse leaves unquoted in a path.
_SAFE_IN_PATH = RFC3986_SUBDELIMS + "/~:@"


class SectionUrls:
    """`urls(url_path)`: the address of the page with that url_path, as `page.get_url(request)`
    gives it, for pages below `section`."""

    def __init__(self, section: Page, request):
        self.section_path = section.url_path
        self.section_url = section.get_url(request)
        if self.section_url is None:
            raise ValueError(f"{section} has no address: its pages cannot be linked to")

    def __call__(self, url_path: str) -> str:
        if not url_path.startswith(self.section_path):
            raise ValueError(f"{url_path} is not below {self.section_path}")
        return self.section_url + quote(url_path[len(self.section_path) :], safe=_SAFE_IN_PATH)
