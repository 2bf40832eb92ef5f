"""The public directory's profiles in the site map, in every language."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Organisation


class OrganisationSitemap(Sitemap):
    """Each public organisation's profile under each language prefix, at the site's own
    address (`root_url`, the Wagtail site's, as the page sitemap beside it uses)."""

    i18n = True  # one entry per language of settings.LANGUAGES, each reversed in its language

    def __init__(self, root_url: str):
        self.address = urlsplit(root_url)

    def items(self):
        return Organisation.objects.public().order_by("pk").only("pk")

    def location(self, organisation: Organisation) -> str:
        return reverse("directory:organisation", args=[organisation.pk])

    def get_protocol(self, protocol=None) -> str:
        return self.address.scheme

    def get_domain(self, site=None) -> str:
        return self.address.netloc
