"""Reads of the news center, each a fixed number of queries whatever the data."""

from dataclasses import dataclass

from django.db.models import Count, Q
from wagtail.models import Site

from twincity.core.generation import GenerationMemo, generation_of
from twincity.core.images import prefetch_images

from .models import NewsArticlePage, NewsCategory, NewsIndexPage

# What a list of articles shows; loading no more keeps listing queries cheap to build and run.
LISTING_FIELDS = (
    "id",
    "title",
    "url_path",
    "date",
    "lead",
    "locale_id",
    "category__name",
    "category__slug",
    "is_demo",
    "image",  # the card's picture, prefetched with its renditions (core.images)
)


def published_articles(locale_id: int):
    return NewsArticlePage.objects.live().public().filter(locale_id=locale_id)


def listing(articles):
    return articles.select_related("category").only(*LISTING_FIELDS)


def latest_articles(locale_id: int, limit: int):
    return list(
        published_articles(locale_id)
        .select_related("category")
        .order_by("-date", "-first_published_at")[:limit]
    )


def categories_for_locale(locale_id: int) -> dict[str, NewsCategory]:
    """Categories of one language by slug, in the editors' order."""
    return {
        category.slug: category for category in NewsCategory.objects.filter(locale_id=locale_id)
    }


def filtered_articles(index: NewsIndexPage, category: NewsCategory | None):
    """The index's articles as cards: each with its lead image's card rendition."""
    articles = listing(NewsArticlePage.objects.child_of(index).live().public()).order_by(
        "-date", "-first_published_at"
    )
    articles = prefetch_images(articles, "card")
    return articles.filter(category=category) if category else articles


def related_articles(
    article: NewsArticlePage, siblings, tag_ids: list[int], limit: int = 3
) -> list[NewsArticlePage]:
    """Articles among `siblings` sharing the most tags with this one, then its category, newest first."""
    return list(
        listing(siblings)
        .exclude(pk=article.pk)
        .filter(Q(tags__in=tag_ids) | Q(category_id=article.category_id))
        .annotate(shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
        .order_by("-shared_tags", "-date")
        .distinct()[:limit]
    )


def neighbours(
    article: NewsArticlePage, siblings
) -> tuple[NewsArticlePage | None, NewsArticlePage | None]:
    """The previous (older) and next (newer) article among `siblings` (the same language's)."""
    siblings = siblings.exclude(pk=article.pk).only("id", "title", "url_path", "date")
    older = siblings.filter(Q(date__lt=article.date) | Q(date=article.date, pk__lt=article.pk))
    newer = siblings.filter(Q(date__gt=article.date) | Q(date=article.date, pk__gt=article.pk))
    return (older.order_by("-date", "-pk").first(), newer.order_by("date", "pk").first())


def breadcrumb_trail(article: NewsArticlePage, request) -> list[tuple[str, str | None]]:
    """Home > News center > the article's category (a filtered index) > the article."""
    ancestors = list(article.get_ancestors().filter(depth__gt=1).only("title", "url_path"))
    trail = [(ancestor.title, ancestor.get_url(request)) for ancestor in ancestors]
    if article.category:
        index_url = trail[-1][1]
        trail.append((article.category.name, f"{index_url}?category={article.category.slug}"))
    trail.append((article.title, None))
    return trail


@dataclass(frozen=True)
class ArticleSurroundings:
    """What an article page shows around the article; the names are the template's."""

    tags: list
    related_articles: list[NewsArticlePage]
    previous_article: NewsArticlePage | None
    next_article: NewsArticlePage | None
    breadcrumb_trail: list[tuple[str, str | None]]


def find_surroundings(article: NewsArticlePage, request) -> ArticleSurroundings:
    tags = list(article.tags.all())
    # One view-restriction lookup serves both lists: public() reads restrictions when called.
    siblings = published_articles(article.locale_id)
    previous_article, next_article = neighbours(article, siblings)
    return ArticleSurroundings(
        tags=tags,
        related_articles=related_articles(article, siblings, [tag.pk for tag in tags]),
        previous_article=previous_article,
        next_article=next_article,
        breadcrumb_trail=breadcrumb_trail(article, request),
    )


_published_surroundings = GenerationMemo()


def article_surroundings(article: NewsArticlePage, request) -> ArticleSurroundings:
    """The surroundings of a published article stay the same until the next publish anywhere,
    so each process finds them once per content generation. Previews find them afresh: a
    draft's title or tags must never reach visitors."""
    if getattr(request, "is_preview", False) or not article.live:
        return find_surroundings(article, request)
    site = Site.find_for_request(request)
    key = (site.pk if site else None, article.pk)
    return _published_surroundings.get(
        key, generation_of(request.META), lambda: find_surroundings(article, request)
    )
