"""The news center: index, article, feeds, sitemap, share cards."""

import datetime
import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.conf import settings
from django.test import Client
from django.utils.html import escape
from wagtail.models import Locale

from tests.support import follow
from twincity.news.demo import read_articles
from twincity.news.models import NewsArticlePage, NewsCategory, NewsIndexPage

pytestmark = pytest.mark.django_db

ARTICLES = read_articles()

SEED_SLUG = "chengdu-chongqing-ramp-up-cooperation"
ATOM = "{http://www.w3.org/2005/Atom}"


def english_articles():
    return NewsArticlePage.objects.live().filter(locale__language_code="en")


def test_index_lists_latest_news_first_ten_to_a_page(client):
    html = client.get("/en/news/").content.decode()
    newest_first = list(english_articles().order_by("-date")[:10])
    positions = [html.index(f">{escape(article.title)}</a>") for article in newest_first]
    assert positions == sorted(positions)
    assert newest_first[0].title in html
    older = english_articles().order_by("-date")[10:]
    assert all(f">{escape(article.title)}</a>" not in html for article in older)


def test_index_pages_through_all_articles_and_forgives_bad_page_numbers(client):
    total = english_articles().count()
    assert total > 10, "the demo should fill more than one page"
    second = client.get("/en/news/", {"page": 2}).content.decode()
    assert "Page 2 of" in second
    assert client.get("/en/news/", {"page": "abc"}).status_code == 200
    assert client.get("/en/news/", {"page": 999}).status_code == 200


def test_index_filters_by_category(client):
    html = client.get("/en/news/", {"category": "culture-tourism"}).content.decode()
    in_category = english_articles().filter(category__slug="culture-tourism")
    others = english_articles().exclude(category__slug="culture-tourism")
    assert in_category.exists()
    assert all(f">{escape(article.title)}</a>" in html for article in in_category[:10])
    assert all(f">{escape(article.title)}</a>" not in html for article in others)
    assert client.get("/en/news/", {"category": "no-such"}).status_code == 200


def test_article_shows_everything_a_reader_expects(client):
    seed = english_articles().get(slug=SEED_SLUG)
    html = client.get(seed.url).content.decode()
    for text in [seed.title, seed.lead, "China Daily", "18 Jun 2021", "Source:", "Tags:"]:
        assert text in html
    assert "The close bond between Chengdu and Chongqing" in html
    assert '<figure class="article-image">' in html
    assert 'rel="prev"' in html or 'rel="next"' in html
    assert "Related articles" in html


def test_previous_and_next_follow_the_dates():
    from twincity.news.selectors import neighbours, published_articles

    ordered = list(english_articles().order_by("date", "pk"))
    middle = ordered[len(ordered) // 2]
    siblings = published_articles(middle.locale_id)
    older, newer = neighbours(middle, siblings)
    assert older == ordered[len(ordered) // 2 - 1]
    assert newer == ordered[len(ordered) // 2 + 1]
    assert neighbours(ordered[0], siblings)[0] is None
    assert neighbours(ordered[-1], siblings)[1] is None


def test_related_articles_share_tags_or_category_and_language():
    from twincity.news.selectors import published_articles, related_articles

    seed = NewsArticlePage.objects.get(slug=SEED_SLUG, locale__language_code="zh-hans")
    siblings = published_articles(seed.locale_id)
    related = related_articles(seed, siblings, list(seed.tags.values_list("pk", flat=True)))
    assert related and seed not in related
    seed_tags = set(seed.tags.names())
    for article in related:
        assert article.locale_id == seed.locale_id
        assert set(article.tags.names()) & seed_tags or article.category_id == seed.category_id


def test_article_has_an_open_graph_card(client):
    html = client.get(f"/zh-hans/news/{SEED_SLUG}/").content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="zh_CN">' in html
    assert 'property="og:title"' in html and 'property="og:description"' in html
    assert '<meta property="og:image" content="http://testserver/media/images/' in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_rss_feed_per_language(client, language):
    response = client.get(f"/{language}/feeds/news.rss")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == language
    items = channel.findall("item")
    titles = {item.findtext("title") for item in items}
    localized = NewsArticlePage.objects.live().filter(locale__language_code=language)
    assert titles <= set(localized.values_list("title", flat=True))
    assert len(items) == min(20, localized.count())
    assert all(f"/{language}/news/" in item.findtext("link") for item in items)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_atom_feed_per_language(client, language):
    response = client.get(f"/{language}/feeds/news.atom")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    assert all(f"/{language}/news/" in entry.find(f"{ATOM}link").get("href") for entry in entries)


def test_sitemap_lists_both_languages(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = {
        loc.text
        for loc in ET.fromstring(response.content).iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    }
    base = settings.WAGTAILADMIN_BASE_URL
    assert f"{base}/en/news/{SEED_SLUG}/" in urls
    assert f"{base}/zh-hans/news/{SEED_SLUG}/" in urls
    assert f"{base}/zh-hans/" in urls


def test_demo_content_is_bilingual_and_marked():
    assert len(ARTICLES) >= 9
    assert ARTICLES[0]["slug"] == SEED_SLUG
    for language in ["en", "zh-hans"]:
        assert NewsArticlePage.objects.filter(locale__language_code=language).count() == len(
            ARTICLES
        )
        assert NewsCategory.objects.filter(locale__language_code=language).count() == 4
    seed_zh = NewsArticlePage.objects.get(slug=SEED_SLUG, locale__language_code="zh-hans")
    assert "宽窄巷子" in seed_zh.body_text()
    # China Daily's article is published as it is; the team's own pieces are examples.
    assert not seed_zh.is_demo
    examples = NewsArticlePage.objects.exclude(slug=SEED_SLUG)
    assert all(article.is_demo for article in examples)
    assert examples.first().get_admin_display_title().endswith("[demo]")


@pytest.mark.parametrize(
    ("language", "note", "badge"),
    [
        ("en", "An example written by the Twin City team", ">Example</span>"),
        ("zh-hans", "本文是双城网团队为演示而撰写的示例", ">示例</span>"),
    ],
)
def test_readers_see_which_articles_are_examples(client, language, note, badge):
    """An article that describes what may not have happened says so where it is read."""
    example = NewsArticlePage.objects.get(
        slug="portal-opens-bilingual-events-calendar", locale__language_code=language
    )
    assert note in client.get(example.url).content.decode()
    seed = NewsArticlePage.objects.get(slug=SEED_SLUG, locale__language_code=language)
    assert note not in client.get(seed.url).content.decode()
    listing = client.get(seed.get_parent().url).content.decode()
    assert badge in listing


def test_loading_the_demo_twice_adds_nothing():
    from django.core.management import call_command

    before = NewsArticlePage.objects.count()
    call_command("load_demo", verbosity=0)
    assert NewsArticlePage.objects.count() == before
    assert NewsIndexPage.objects.count() == Locale.objects.count() == 2


def test_a_hidden_article_is_not_served():
    seed = english_articles().get(slug=SEED_SLUG)
    seed.unpublish()
    assert Client().get(seed.url).status_code == 404


def test_neighbours_and_related_follow_a_new_publish(client):
    """The article's surroundings are kept per content generation; a publish renews them."""
    seed = english_articles().get(slug=SEED_SLUG)
    index = seed.get_parent()
    first = client.get(seed.url).content.decode()
    newer = english_articles().filter(date__gt=seed.date).order_by("date").first()
    assert f'rel="next" href="{newer.url}"' in first
    between = index.add_child(
        instance=NewsArticlePage(
            title="A day-after follow-up",
            slug="a-day-after-follow-up",
            date=seed.date + datetime.timedelta(days=1),
            lead="Follow-up.",
            body=[{"type": "paragraph", "value": "<p>More.</p>"}],
            category=seed.category,
        )
    )
    between.tags.set(list(seed.tags.names()))
    between.save_revision().publish()
    again = client.get(seed.url).content.decode()
    assert 'rel="next" href="/en/news/a-day-after-follow-up/"' in again
    assert "A day-after follow-up" in again.split("Related articles", 1)[1]


def test_a_preview_never_leaks_into_what_visitors_see(client, django_user_model):
    seed = english_articles().get(slug=SEED_SLUG)
    draft = seed.get_latest_revision_as_object()
    draft.title = "Draft headline for the preview"
    editor = django_user_model.objects.create_superuser(
        "previewer", "p@example.cn", "pw-for-tests-only"
    )
    editor_client = Client()
    editor_client.force_login(editor)
    revision = draft.save_revision(user=editor)
    # The revision view renders the draft as a preview, breadcrumb included.
    preview = editor_client.get(f"/admin/pages/{seed.pk}/revisions/{revision.pk}/view/")
    assert 'aria-current="page">Draft headline for the preview</a>' in preview.content.decode()
    visitor = client.get(seed.url).content.decode()
    assert "Draft headline for the preview" not in visitor


def listed_titles(html: str) -> list[str]:
    found = re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html)
    return [unescape(title) for title in found]


def test_pagination_links_keep_the_filter(client):
    category = "culture-tourism"
    in_category = english_articles().filter(category__slug=category)
    index = in_category.first().get_parent()
    for number in range(11 - in_category.count()):  # enough for a second page
        article = index.add_child(
            instance=NewsArticlePage(
                title=f"Culture and tourism brief {number}",
                slug=f"culture-tourism-brief-{number}",
                date=datetime.date(2021, 1, 1) + datetime.timedelta(days=number),
                lead="A brief.",
                body=[{"type": "paragraph", "value": "<p>Brief.</p>"}],
                category=in_category.first().category,
            )
        )
        article.save_revision().publish()
    url = f"/en/news/?category={category}"
    first = client.get(url).content.decode()

    second, asked = follow(client, url, first, "next")
    back, asked_back = follow(client, url, second.content.decode(), "prev")

    assert asked == {"category": [category], "page": ["2"]}
    assert asked_back == {"category": [category], "page": ["1"]}
    on_first, on_second = listed_titles(first), listed_titles(second.content.decode())
    expected = {article.title for article in in_category}
    assert len(on_first) == 10 and len(on_second) == len(expected) - 10 > 0
    assert set(on_first).isdisjoint(on_second)
    assert set(on_first) | set(on_second) == expected
    assert listed_titles(back.content.decode()) == on_first
