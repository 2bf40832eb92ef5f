"""Reads of the news center, each a fixed number of queries whatever the data."""

from django.db.models import Count, Q

from .models import NewsArticlePage, NewsCategory, NewsIndexPage


def published_articles(locale):
    return NewsArticlePage.objects.live().public().filter(locale=locale)


def latest_articles(locale, limit: int):
    return list(
        published_articles(locale)
        .select_related("category")
        .order_by("-date", "-first_published_at")[:limit]
    )


def categories_for_locale(locale) -> dict[str, NewsCategory]:
    """Categories of one language by slug, in the editors' order."""
    return {category.slug: category for category in NewsCategory.objects.filter(locale=locale)}


def filtered_articles(index: NewsIndexPage, category: NewsCategory | None):
    articles = (
        NewsArticlePage.objects.child_of(index)
        .live()
        .public()
        .select_related("category")
        .order_by("-date", "-first_published_at")
    )
    return articles.filter(category=category) if category else articles


def related_articles(article: NewsArticlePage, limit: int = 3) -> list[NewsArticlePage]:
    """Articles sharing the most tags with this one, then its category, newest first."""
    tag_ids = list(article.tags.values_list("id", flat=True))
    return list(
        published_articles(article.locale)
        .exclude(pk=article.pk)
        .filter(Q(tags__in=tag_ids) | Q(category_id=article.category_id))
        .annotate(shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
        .order_by("-shared_tags", "-date")
        .distinct()[:limit]
    )


def neighbours(article: NewsArticlePage) -> tuple[NewsArticlePage | None, NewsArticlePage | None]:
    """The previous (older) and next (newer) article of the same language."""
    siblings = published_articles(article.locale).exclude(pk=article.pk)
    older = siblings.filter(Q(date__lt=article.date) | Q(date=article.date, pk__lt=article.pk))
    newer = siblings.filter(Q(date__gt=article.date) | Q(date=article.date, pk__gt=article.pk))
    return (older.order_by("-date", "-pk").first(), newer.order_by("date", "pk").first())
