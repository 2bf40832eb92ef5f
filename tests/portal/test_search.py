"""Site search: Chinese words are found on SQLite and PostgreSQL alike, in both languages."""

import re
from urllib.parse import urlencode

import pytest
from modelsearch.backends.database import SearchBackend as PlainDatabaseBackend
from wagtail.models import Locale

from tests.portal.search_queries import LABELLED_QUERIES
from tests.support import follow
from twincity.news.models import NewsArticlePage
from twincity.portal.search import RESULTS_PER_PAGE, search_pages

pytestmark = pytest.mark.django_db

SEED_SLUG = "chengdu-chongqing-ramp-up-cooperation"


def test_the_labelled_set_is_large_and_mixed():
    assert len(LABELLED_QUERIES) >= 30
    languages = {language for language, _query, _slug in LABELLED_QUERIES}
    assert languages == {"en", "zh-hans"}


@pytest.mark.parametrize(("language", "query", "expected_slug"), LABELLED_QUERIES)
def test_labelled_query_finds_its_article_in_the_top_three(language, query, expected_slug):
    hits = search_pages(query, Locale.objects.get(language_code=language))
    top_three = [hit.page.slug for hit in hits[:3]]
    assert expected_slug in top_three, f"{query!r} ({language}) gave {top_three}"
    assert all(hit.page.locale.language_code == language for hit in hits)


@pytest.mark.parametrize("word", ["职业教育", "校企合作", "项目"])
def test_wagtails_own_backend_misses_chinese_words_and_ours_finds_them(word):
    """Why textsearch exists: the same title, indexed raw, is one token to the database."""
    chinese = NewsArticlePage.objects.live().filter(
        locale=Locale.objects.get(language_code="zh-hans")
    )
    article = chinese.get(slug="vocational-group-school-industry-projects")
    assert word in article.title
    raw_title_hits = PlainDatabaseBackend({}).search(word, chinese, fields=["title"])
    assert article not in list(raw_title_hits)
    assert article in list(chinese.search(word)[:3])


def test_admin_autocomplete_finds_chinese_titles():
    chinese = NewsArticlePage.objects.live().filter(
        locale=Locale.objects.get(language_code="zh-hans")
    )
    seed = chinese.get(slug=SEED_SLUG)
    word = seed.title[:2]
    assert seed in list(chinese.autocomplete(word))


def test_search_page_shows_highlighted_passages(client):
    response = client.get("/zh-hans/search/", {"q": "宽窄巷子"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/zh-hans/news/{SEED_SLUG}/"' in html
    assert "<mark>宽窄巷子</mark>" in html


def test_english_results_are_english_only(client):
    html = client.get("/en/search/", {"q": "Kuanzhai"}).content.decode()
    assert f'href="/en/news/{SEED_SLUG}/"' in html
    assert "/zh-hans/news/" not in html.split("search-results", 1)[-1]
    assert "<mark>Kuanzhai</mark>" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "请输入要搜索的词语或名称"),
        ("   ", "请输入要搜索的词语或名称"),
        ("宽" * 101, "搜索内容过长"),
        ("x" * 5000, "搜索内容过长"),
        ("？！…—", "搜索内容中没有可查找的文字"),
        ("*&^%$#@!", "搜索内容中没有可查找的文字"),
        ("one two three four five six seven eight nine", "您的搜索词太多"),
    ],
)
def test_odd_queries_get_a_friendly_translated_page(client, query, message):
    response = client.get("/zh-hans/search/", {"q": query})
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ['"unclosed', "AND OR NOT", "a:b", "(", "宽窄巷子 OR", "NEAR(x y)", "-", "tea\x00house"],
)
def test_query_syntax_of_the_database_never_breaks_the_page(client, query):
    assert client.get("/en/search/", {"q": query}).status_code == 200


def test_no_match_says_so(client):
    html = client.get("/en/search/", {"q": "zzzyyyxxx"}).content.decode()
    assert "0 results" in html
    assert "Nothing matched" in html


def result_links(html: str) -> list[str]:
    results = html[html.index('<ol class="search-results">') :]
    return re.findall(r'<h2><a href="([^"]+)">', results[: results.index("</ol>")])


def test_search_pages_through_results_keeping_the_query(client):
    query = "Chengdu Chongqing"
    total = len(search_pages(query, Locale.objects.get(language_code="en")))
    assert RESULTS_PER_PAGE < total <= 2 * RESULTS_PER_PAGE, "the demo should fill two pages"
    url = "/en/search/?" + urlencode({"q": query})
    first = client.get(url).content.decode()

    second, asked = follow(client, url, first, "next")
    second = second.content.decode()

    assert asked == {"q": [query], "page": ["2"]}
    on_first, on_second = result_links(first), result_links(second)
    assert len(on_first) == RESULTS_PER_PAGE
    assert len(on_second) == total - RESULTS_PER_PAGE
    assert set(on_first).isdisjoint(on_second)
    for html in (first, second):
        assert f"{total} results for “{query}”" in html
    assert 'rel="next"' not in second
    # A page number that is no number is the first page.
    odd = client.get("/en/search/", {"q": query, "page": "not-a-number"}).content.decode()
    assert result_links(odd) == on_first


def test_only_the_results_on_screen_are_highlighted(client, monkeypatch):
    from twincity.portal import search

    highlighted = []
    real = search.highlighted_passage
    monkeypatch.setattr(
        search,
        "highlighted_passage",
        lambda text, query: highlighted.append(1) or real(text, query),
    )
    client.get("/en/search/", {"q": "Chengdu Chongqing"})
    assert len(highlighted) == RESULTS_PER_PAGE  # of more than one page found


@pytest.mark.parametrize(
    "language, words", [("en", "Too many attempts"), ("zh-hans", "尝试次数过多")]
)
def test_one_address_searching_past_the_limit_is_asked_to_wait(client, settings, language, words):
    settings.TWINCITY_RATE_LIMITS = {**settings.TWINCITY_RATE_LIMITS, "search": "3/10m"}
    for word in ("tea", "opera", "hotpot"):
        assert client.get(f"/{language}/search/", {"q": word}).status_code == 200
    refused = client.get(f"/{language}/search/", {"q": "panda"})
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 600
    assert words in refused.content.decode()
