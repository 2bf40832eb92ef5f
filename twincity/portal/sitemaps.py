from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    """Every live public page of the site in every language (Wagtail's lists one language)."""

    def items(self):
        site = self.get_wagtail_site()
        in_any_language_tree = Q()
        for root in Page.objects.filter(translation_key=site.root_page.translation_key):
            in_any_language_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_any_language_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
