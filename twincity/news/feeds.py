"""RSS 2.0 and Atom feeds of the latest news, one per language (the URL prefix picks it)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .selectors import latest_articles

FEED_LENGTH = 20


class LatestNewsRss(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Twin City — latest news")

    def description(self):
        return _("News of the Chengdu–Chongqing Economic Circle")

    def link(self):
        return f"/{get_language()}/"

    def items(self):
        return latest_articles(Locale.get_active().pk, limit=FEED_LENGTH)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        # The article's date, at midnight in the site's time zone (Asia/Shanghai).
        return timezone.make_aware(datetime.combine(item.date, time.min))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.name] if item.category else []


class LatestNewsAtom(LatestNewsRss):
    feed_type = Atom1Feed
    subtitle = LatestNewsRss.description
