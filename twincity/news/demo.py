"""Demo news: the seed article and the team's own items, in English and Chinese.

The articles are data, not code: they live in data/articles.json (fields in data/README.md),
where an editor or translator can change them without touching Python.
"""

import json
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from twincity.core.demo import ensure_index_page, rich_text, translate_page
from twincity.core.demo_images import demo_image

from .models import NewsArticlePage, NewsCategory, NewsIndexPage

DATA_FILE = Path(__file__).resolve().parent / "data" / "articles.json"
CATEGORIES = [
    ("latest-news", "Latest news", "最新动态"),
    ("cooperation", "Regional cooperation", "区域合作"),
    ("education-talent", "Education and talent", "教育与人才"),
    ("culture-tourism", "Culture and tourism", "文化旅游"),
]
NEWS_INDEX = {
    "en": {
        "title": "News center",
        "intro": "Latest news of the Chengdu–Chongqing Economic Circle.",
    },
    "zh-hans": {"title": "新闻中心", "intro": "成渝地区双城经济圈最新动态。"},
}
# Which demo article gets which generated illustration (after its second paragraph).
ILLUSTRATIONS = {"chengdu-chongqing-ramp-up-cooperation": "corridor"}


def read_articles(path: Path = DATA_FILE) -> list[dict]:
    """The demo articles, seed first; every value is a JSON type ("published" stays a
    YYYY-MM-DD string, which the page's date field accepts as it is)."""
    return json.loads(path.read_text(encoding="utf-8"))


def load_categories(locales: dict[str, Locale]) -> dict[str, dict[str, NewsCategory]]:
    by_language: dict[str, dict[str, NewsCategory]] = {"en": {}, "zh-hans": {}}
    for order, (slug, name_en, name_zh) in enumerate(CATEGORIES):
        english, _created = NewsCategory.objects.get_or_create(
            locale=locales["en"], slug=slug, defaults={"name": name_en, "sort_order": order}
        )
        chinese = english.get_translation_or_none(locales["zh-hans"])
        if chinese is None:
            chinese = english.copy_for_translation(locales["zh-hans"])
            chinese.name = name_zh
            chinese.save()
        by_language["en"][slug], by_language["zh-hans"][slug] = english, chinese
    return by_language


def body_blocks(paragraphs: list[str], illustration=None) -> list[dict]:
    """The body as an editor would write it: rich text, with the illustration after paragraph two."""
    if illustration is None:
        return [rich_text(paragraphs)]
    image, caption = illustration
    figure = {
        "type": "image",
        "value": {"image": image.pk, "caption": caption, "alt_text": caption},
    }
    return [rich_text(paragraphs[:2]), figure, rich_text(paragraphs[2:])]


def article_fields(item: dict, language: str, categories: dict, illustration) -> dict:
    suffix = "en" if language == "en" else "zh"
    return {
        "title": item[f"title_{suffix}"],
        "lead": item[f"lead_{suffix}"],
        "source": item[f"source_{suffix}"],
        "byline": item[f"byline_{suffix}"],
        "category": categories[language][item["category"]],
        "body": body_blocks(
            item[f"body_{suffix}"], illustration and (illustration[0], illustration[1][suffix])
        ),
    }


@transaction.atomic
def load_news(homes: dict, locales: dict[str, Locale]) -> int:
    """Create the news index and every demo article missing from it; returns how many were added."""
    categories = load_categories(locales)
    index = ensure_index_page(homes, locales, NewsIndexPage, "news", NEWS_INDEX)
    existing = set(
        NewsArticlePage.objects.filter(locale=locales["en"]).values_list("slug", flat=True)
    )
    added = 0
    for item in read_articles():
        if item["slug"] not in existing:
            add_article(index, item, categories, locales)
            added += 1
    return added


def add_article(
    index: NewsIndexPage, item: dict, categories: dict, locales: dict[str, Locale]
) -> None:
    illustration = (
        demo_image(ILLUSTRATIONS[item["slug"]]) if item["slug"] in ILLUSTRATIONS else None
    )
    english = index.add_child(
        instance=NewsArticlePage(
            slug=item["slug"],
            date=item["published"],
            # The seed article is China Daily's, published as it is; the others are examples
            # the team wrote, and readers are told so (NewsArticlePage.demo_notice).
            is_demo=not item["is_seed"],
            share_image=illustration[0] if illustration else None,
            **article_fields(item, "en", categories, illustration),
        )
    )
    english.tags.set(item["tags_en"])
    english.save_revision().publish()
    translate_page(
        english,
        locales["zh-hans"],
        article_fields(item, "zh-hans", categories, illustration),
        item["tags_zh"],
    )
