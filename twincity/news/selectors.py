"""Reads of the news center, each a fixed number of queries whatever the data."""

from django.db.models import Count, Q

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
    articles = listing(NewsArticlePage.objects.child_of(index).live().public()).order_by(
        "-date", "-first_published_at"
    )
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
