"""News articles in the site search (registered in wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _

from twincity.core.images import IMAGE_SIZES
from twincity.textsearch.sources import Found, SearchSource

from .models import NewsArticlePage


def describe_article(article: NewsArticlePage, request) -> Found:
    return Found(
        title=article.title,
        url=article.get_url(request),
        passage_text=article.search_passage_text(),
        date=article.date,
        details=(article.category.name,) if article.category else (),
        is_demo=article.is_demo,
    )


NEWS = SearchSource(
    key="news",
    label=_("News"),
    objects=lambda: NewsArticlePage.objects.live().public().select_related("category"),
    describe=describe_article,
    translatable=True,
    image_field="image",
    image_filter=IMAGE_SIZES["thumb"],
)
