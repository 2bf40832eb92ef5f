"""RSS 2.0 and Atom feeds of the policy library's what's new (投资政策 最新), one per language
(the URL prefix picks it): newest published or changed first, whatever their status, so that
a reader also learns that a policy was amended or repealed."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .selectors import latest_policies_for_feed

FEED_LENGTH = 20


class LatestPoliciesRss(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Twin City — investment policies")

    def description(self):
        return _("New and changed investment policies of Chengdu and Chongqing")

    def link(self):
        return f"/{get_language()}/"

    def items(self):
        return latest_policies_for_feed(Locale.get_active().pk, limit=FEED_LENGTH)

    def item_title(self, item):
        if item.document_number:
            return f"{item.title} ({item.document_number})"
        return item.title

    def item_description(self, item):
        return f"{item.get_status_display()} · {item.issuer} · {item.summary}"

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        # The issue date, at midnight in the site's time zone (Asia/Shanghai).
        return timezone.make_aware(datetime.combine(item.issued_on, time.min))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_topic_display()]


class LatestPoliciesAtom(LatestPoliciesRss):
    feed_type = Atom1Feed
    subtitle = LatestPoliciesRss.description
