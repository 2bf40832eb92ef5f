"""Site search: Chinese words are found on SQLite and PostgreSQL alike, in both languages."""

import re
from urllib.parse import urlencode

import pytest
from modelsearch.backends.database import SearchBackend as PlainDatabaseBackend
from wagtail.models import Locale

from tests.portal.search_queries import LABELLED_QUERIES
from tests.support import follow
from twincity.news.models import NewsArticlePage
from twincity.portal.search import RESULTS_PER_PAGE, search_everything

pytestmark = pytest.mark.django_db

SEED_SLUG = "chengdu-chongqing-ramp-up-cooperation"


def search_pages(query: str, locale) -> list:
    """The news articles found, best first (the labelled set is about articles)."""
    groups = {group.key: group for group in search_everything(query, locale)}
    return groups["news"].hits if "news" in groups else []


def test_the_labelled_set_is_large_and_mixed():
    assert len(LABELLED_QUERIES) >= 30
    languages = {language for language, _query, _slug in LABELLED_QUERIES}
    assert languages == {"en", "zh-hans"}


@pytest.mark.parametrize(("language", "query", "expected_slug"), LABELLED_QUERIES)
def test_labelled_query_finds_its_article_in_the_top_three(language, query, expected_slug):
    hits = search_pages(query, Locale.objects.get(language_code=language))
    top_three = [hit.obj.slug for hit in hits[:3]]
    assert expected_slug in top_three, f"{query!r} ({language}) gave {top_three}"
    assert all(hit.obj.locale.language_code == language for hit in hits)


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
    """The links of the hits, in order, every group of the page."""
    return re.findall(r'<h3 class="card__title"><a href="([^"]+)">', html)


def test_search_pages_through_results_keeping_the_query(client):
    query = "Chengdu Chongqing"
    total = len(search_pages(query, Locale.objects.get(language_code="en")))
    assert RESULTS_PER_PAGE < total <= 2 * RESULTS_PER_PAGE, "the demo should fill two pages"
    url = "/en/search/?" + urlencode({"q": query, "type": "news"})
    first = client.get(url).content.decode()

    second, asked = follow(client, url, first, "next")
    second = second.content.decode()

    assert asked == {"q": [query], "type": ["news"], "page": ["2"]}
    on_first, on_second = result_links(first), result_links(second)
    assert len(on_first) == RESULTS_PER_PAGE
    assert len(on_second) == total - RESULTS_PER_PAGE
    assert set(on_first).isdisjoint(on_second)
    for html in (first, second):
        assert f'News <span class="chip__count">{total}</span>' in html
    assert 'rel="next"' not in second
    # A page number that is no number is the first page.
    odd = client.get(
        "/en/search/", {"q": query, "type": "news", "page": "not-a-number"}
    ).content.decode()
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
    client.get("/en/search/", {"q": "Chengdu Chongqing", "type": "news"})
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


# One search for everything (issue 14): places, organisations, events, vacancies and news,
# in either script on either site, English stemmed alike on SQLite and PostgreSQL.


def first_result(html: str) -> str:
    links = result_links(html)
    assert links, "no result"
    return links[0]


def place_url(name_zh: str, language: str) -> str:
    from twincity.tourism.models import PlacePage

    return PlacePage.objects.get(name_zh=name_zh, locale__language_code=language).url


@pytest.mark.parametrize(
    ("language", "query", "name_zh"),
    [
        ("en", "宽窄巷子", "宽窄巷子"),
        ("zh-hans", "Hongyadong", "洪崖洞"),
        ("en", "洪崖洞", "洪崖洞"),
        ("zh-hans", "宽窄巷子", "宽窄巷子"),
        ("en", "Hongyadong", "洪崖洞"),
    ],
)
def test_a_place_is_found_first_by_either_of_its_names_on_either_site(
    client, language, query, name_zh
):
    html = client.get(f"/{language}/search/", {"q": query}).content.decode()
    assert first_result(html) == place_url(name_zh, language)
    assert f'href="/{language}/' in html and f"/{other(language)}/travel/" not in html


def other(language: str) -> str:
    return "zh-hans" if language == "en" else "en"


def test_a_college_is_found_by_its_english_name_on_both_sites(client):
    from twincity.directory.models import Organisation

    college = Organisation.objects.public().get(name_en="Chengdu Polytechnic")
    for language in ("en", "zh-hans"):
        html = client.get(f"/{language}/search/", {"q": "Chengdu Polytechnic"}).content.decode()
        assert first_result(html) == f"/{language}/directory/{college.pk}/"
        # Named in the page's language, the other name marked with its own.
        assert college.name_zh in html


def test_festivals_finds_the_articles_and_events_about_the_festival(client):
    html = client.get("/en/search/", {"q": "festivals"}).content.decode()
    links = result_links(html)
    assert "/en/news/hotpot-and-sichuan-cuisine-festivals-open/" in links
    assert any(link.startswith("/en/events/") for link in links)
    # The singular is marked as well as the plural: the passage shows why it was found.
    assert re.search(r"<mark>[Ff]estival</mark>", html)


def test_english_stemming_finds_either_form_of_a_word():
    en = Locale.objects.get(language_code="en")
    for query in ("festival", "festivals", "Festivals"):
        slugs = [hit.obj.slug for hit in search_pages(query, en)]
        assert "hotpot-and-sichuan-cuisine-festivals-open" in slugs, query
    # "fair" finds the job fair article (its "fairs" too), "fairs" finds it as well.
    assert search_pages("fair", en) and [h.obj.slug for h in search_pages("fair", en)] == [
        h.obj.slug for h in search_pages("fairs", en)
    ]


def test_a_passage_is_escaped_once(client):
    """The seed article's body has quotation marks (&quot; in its rich text source)."""
    html = client.get("/en/search/", {"q": "collaborative building"}).content.decode()
    assert f'href="/en/news/{SEED_SLUG}/"' in html
    assert "&amp;quot;" not in html and "&amp;#x27;" not in html
    assert "&quot;The <mark>collabor" in html


def chip_counts(html: str) -> dict[str, int]:
    return {
        key: int(count)
        for key, count in re.findall(
            r'href="\?q=[^"&]*&amp;type=(\w+)"[^>]*>[^<]*<span class="chip__count">(\d+)</span>',
            html,
        )
    }


@pytest.mark.parametrize(("language", "query"), [("en", "Hongyadong"), ("zh-hans", "火锅")])
def test_counts_per_type_are_what_the_type_filter_shows(client, language, query):
    html = client.get(f"/{language}/search/", {"q": query}).content.decode()
    counts = chip_counts(html)
    assert {"places", "news"} <= set(counts)
    assert f'<span class="chip__count">{sum(counts.values())}</span>' in html  # "All"
    for key, count in counts.items():
        url = f"/{language}/search/?" + urlencode({"q": query, "type": key})
        page = client.get(url).content.decode()
        links = result_links(page)
        while 'rel="next"' in page:
            response, _asked = follow(client, url, page, "next")
            page = response.content.decode()
            links += result_links(page)
        assert len(links) == len(set(links)) == count, key
        assert all(link.startswith(f"/{language}/") for link in links)


def test_the_pages_own_examples_find_something_on_both_sites(client):
    for language in ("en", "zh-hans"):
        html = client.get(f"/{language}/search/").content.decode()
        examples = re.findall(r'<a href="\?q=([^"]+)" lang="[^"]+">', html)
        assert len(examples) >= 3
        for example in examples:
            for site in ("en", "zh-hans"):
                found = client.get(f"/{site}/search/?q={example}").content.decode()
                assert result_links(found), f"{example} finds nothing on /{site}/"


def test_a_vacancy_is_found_by_its_title_in_either_language(
    client, django_capture_on_commit_callbacks
):
    from tests.talent import factories

    with django_capture_on_commit_callbacks(execute=True):
        vacancy = factories.vacancy(title_en="Cold chain dispatcher", title_zh="冷链调度员")
    for language in ("en", "zh-hans"):
        for query in ("cold chain dispatcher", "冷链调度员"):
            html = client.get(f"/{language}/search/", {"q": query}).content.decode()
            assert f'href="/{language}/jobs/{vacancy.pk}/"' in html, (language, query)


def test_what_visitors_may_not_see_is_never_found(client, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from tests.talent import factories
    from twincity.talent.models import Vacancy
    from twincity.tourism.models import PlacePage

    with django_capture_on_commit_callbacks(execute=True):
        visible = factories.vacancy(title_en="Quayside crane driver", title_zh="码头吊车司机")
        closed = factories.vacancy(title_en="Quayside crane driver", title_zh="码头吊车司机")
        expired = factories.vacancy(title_en="Quayside crane driver", title_zh="码头吊车司机")
        hidden = factories.enterprise(name_en="Quayside Hidden Logistics", listed=False)
        hidden_job = factories.vacancy(title_en="Quayside crane driver", title_zh="码头吊车司机")
    Vacancy.objects.filter(pk=closed.pk).update(status=Vacancy.Status.CLOSED)
    Vacancy.objects.filter(pk=expired.pk).update(deadline=timezone.localdate() - timedelta(1))
    Vacancy.objects.filter(pk=hidden_job.pk).update(organisation=hidden)
    hongyadong = list(PlacePage.objects.filter(name_zh="洪崖洞"))
    urls = [page.url for page in hongyadong]
    for page in hongyadong:
        page.unpublish()

    html = client.get("/en/search/", {"q": "Quayside"}).content.decode()
    assert result_links(html) == [f"/en/jobs/{visible.pk}/"]
    for language in ("en", "zh-hans"):
        html = client.get(f"/{language}/search/", {"q": "洪崖洞"}).content.decode()
        assert result_links(html) and not set(urls) & set(result_links(html))


def test_search_costs_a_fixed_number_of_queries_however_many_hits(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(query: str, **params) -> int:
        client.get("/en/search/", {"q": query, **params})  # renditions made once, first
        with CaptureQueriesContext(connection) as captured:
            client.get("/en/search/", {"q": query, **params})
        return len(captured)

    # Hongyadong: 7 places; Kuanzhai: fewer; each on one type's page and on the page of all.
    assert queries("Hongyadong", type="places") == queries("Kuanzhai", type="places")
    assert queries("Hongyadong") <= queries("Kuanzhai") + 2  # a source more with hits
