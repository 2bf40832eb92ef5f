"""News articles of the news center."""

from datetime import date

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from twincity.news.models import NewsArticlePage, NewsIndexPage
from twincity.news.selectors import LISTING_FIELDS, categories_for_locale, filtered_articles

from ..errors import ApiError
from ..pagination import CursorPagination, Listing
from ..schemas import LIST_ERRORS, READ_ERRORS
from .common import Id, LanguageParams, PageLinks, language_locale, page_in_language

router = Router(tags=["News"])


class NewsQuery(LanguageParams):
    category: str | None = Field(
        None, max_length=100, description="A category's slug, as the site's links have it."
    )


class Category(Schema):
    slug: str
    name: str


class Article(Schema):
    id: int = Field(description="The same in both languages (the English page's id).")
    title: str
    date: date
    lead: str
    source: str
    byline: str
    category: Category | None
    url: str
    urls: dict[str, str]


Article.model_config["json_schema_extra"] = {
    "examples": [
        {
            "id": 7,
            "title": "New high-speed line cuts Chengdu–Chongqing to one hour",
            "date": "2027-01-15",
            "lead": "The new line opens in June.",
            "source": "",
            "byline": "",
            "category": {"slug": "transport", "name": "Transport"},
            "url": "https://twincity.example/en/news/new-line/",
            "urls": {
                "en": "https://twincity.example/en/news/new-line/",
                "zh-hans": "https://twincity.example/zh-hans/news/new-line/",
            },
        },
        {
            "id": 7,
            "title": "成渝中线高铁将两地通行时间缩短至一小时",
            "date": "2027-01-15",
            "lead": "新线路将于六月开通。",
            "source": "",
            "byline": "",
            "category": {"slug": "transport", "name": "交通"},
            "url": "https://twincity.example/zh-hans/news/new-line/",
            "urls": {
                "en": "https://twincity.example/en/news/new-line/",
                "zh-hans": "https://twincity.example/zh-hans/news/new-line/",
            },
        },
    ]
}


def article_items(articles: list, request: HttpRequest) -> list[dict]:
    links = PageLinks(articles, request)
    return [
        {
            **links.fields(article, request),
            "title": article.title,
            "date": article.date,
            "lead": article.lead,
            "source": getattr(article, "source", ""),
            "byline": getattr(article, "byline", ""),
            "category": (
                {"slug": article.category.slug, "name": article.category.name}
                if article.category
                else None
            ),
        }
        for article in articles
    ]


@router.get(
    "",
    response={200: list[Article], **LIST_ERRORS},
    summary="List news articles",
    description="Newest first, as the news center lists them; filtered by category.",
    exclude_unset=True,
)
@paginate(CursorPagination)
def list_articles(request: HttpRequest, filters: Query[NewsQuery]):
    locale = language_locale(request)
    category = None
    if filters.category:
        category = categories_for_locale(locale).get(filters.category)
        if category is None:
            raise ApiError(422, _("No such category."), "category")
    # The news center of the language (one per language tree), filtered as the site does.
    index = NewsIndexPage.objects.live().filter(locale_id=locale).order_by("path").first()
    if index is None:
        return Listing([], article_items)
    articles = filtered_articles(index, category).order_by("-date", "-first_published_at", "-pk")
    articles = articles.only(*LISTING_FIELDS, "translation_key", "source", "byline")
    return Listing(articles, article_items)


@router.get(
    "/{int:article_id}",
    response={200: Article, **READ_ERRORS},
    summary="One news article",
    exclude_unset=True,
)
def get_article(request: HttpRequest, article_id: Id, params: Query[LanguageParams]):
    queryset = NewsArticlePage.objects.live().public().select_related("category")
    return article_items([page_in_language(queryset, article_id, request)], request)[0]
