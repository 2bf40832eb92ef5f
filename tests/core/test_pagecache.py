"""Anonymous pages come from the cache, cookies or not, and a publish shows at once."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from twincity.core.pagecache import local_pages
from twincity.news.models import NewsArticlePage
from twincity.wsgi import application

pytestmark = pytest.mark.django_db

SEED_PATH = "/en/news/chengdu-chongqing-ramp-up-cooperation/"


def wsgi_get(
    path: str, cookie: str = "", query: str = "", method: str = "GET"
) -> tuple[str, dict, bytes]:
    """One request through the real WSGI application, as gunicorn makes it."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookie,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
    }
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, dict(headers)

    # As Django's test client does: a request must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return captured["status"], captured["headers"], body


def test_second_anonymous_request_is_served_from_the_cache():
    status, headers, first = wsgi_get(SEED_PATH)
    assert status.startswith("200") and "X-Page-Cache" not in headers
    status, headers, second = wsgi_get(SEED_PATH)
    assert headers.get("X-Page-Cache") == "hit"
    assert second == first


@pytest.mark.parametrize(
    "cookie", ["django_language=zh-hans", "csrftoken=abc123", "csrftoken=a; django_language=en"]
)
def test_language_and_csrf_cookies_still_get_the_cached_page(cookie):
    wsgi_get(SEED_PATH)
    _status, headers, _body = wsgi_get(SEED_PATH, cookie=cookie)
    assert headers.get("X-Page-Cache") == "hit"


def test_query_strings_are_cached_separately():
    wsgi_get("/en/news/", query="category=culture-tourism")
    _s, headers, body = wsgi_get("/en/news/", query="category=cooperation")
    assert "X-Page-Cache" not in headers
    _s, headers, cached = wsgi_get("/en/news/", query="category=cooperation")
    assert headers.get("X-Page-Cache") == "hit" and cached == body


def test_signed_in_editors_never_get_the_cached_page():
    editor = get_user_model().objects.create_superuser(
        "cache-editor", "e@example.cn", "pw-for-tests-only"
    )
    client = Client()
    client.force_login(editor)
    session_cookie = f"sessionid={client.cookies['sessionid'].value}"
    wsgi_get(SEED_PATH)
    _status, headers, body = wsgi_get(SEED_PATH, cookie=session_cookie)
    assert "X-Page-Cache" not in headers
    assert b"wagtail-userbar" in body or b"w-userbar" in body


def test_search_results_and_errors_are_not_cached():
    wsgi_get("/en/search/", query="q=tea")
    assert "X-Page-Cache" not in wsgi_get("/en/search/", query="q=tea")[1]
    wsgi_get("/en/nothing-here/")
    assert "X-Page-Cache" not in wsgi_get("/en/nothing-here/")[1]


def test_a_publish_shows_at_once():
    wsgi_get(SEED_PATH)
    wsgi_get("/en/news/", query="category=latest-news")
    article = NewsArticlePage.objects.get(
        url_path__endswith="/chengdu-chongqing-ramp-up-cooperation/", locale__language_code="en"
    )
    article.title = "Chengdu and Chongqing step up cooperation"
    article.save_revision().publish()
    _status, headers, body = wsgi_get(SEED_PATH)
    assert "X-Page-Cache" not in headers
    assert "Chengdu and Chongqing step up cooperation" in body.decode()
    news_index = wsgi_get("/en/news/", query="category=latest-news")[2].decode()
    assert "Chengdu and Chongqing step up cooperation" in news_index


def test_a_draft_does_not_leak_but_unpublishing_clears_the_page():
    wsgi_get(SEED_PATH)
    article = NewsArticlePage.objects.get(
        slug="chengdu-chongqing-ramp-up-cooperation", locale__language_code="en"
    )
    article.title = "A draft title nobody should see"
    article.save_revision()
    assert b"A draft title nobody should see" not in wsgi_get(SEED_PATH)[2]
    article.unpublish()
    assert wsgi_get(SEED_PATH)[0].startswith("404")


def test_head_requests_get_headers_only():
    wsgi_get(SEED_PATH)
    status, headers, body = wsgi_get(SEED_PATH, method="HEAD")
    assert status.startswith("200") and headers.get("X-Page-Cache") == "hit" and body == b""


def test_a_publish_in_another_process_makes_this_process_render_again():
    """Processes share only the generation token; another app server replacing it is enough."""
    from django.core.cache import caches

    from twincity.core.generation import GENERATION_KEY, SHARED_CACHE

    wsgi_get(SEED_PATH)
    assert wsgi_get(SEED_PATH)[1].get("X-Page-Cache") == "hit"
    caches[SHARED_CACHE].set(GENERATION_KEY, "set-by-another-app-server", timeout=None)
    assert "X-Page-Cache" not in wsgi_get(SEED_PATH)[1]
    assert wsgi_get(SEED_PATH)[1].get("X-Page-Cache") == "hit"


@pytest.mark.parametrize("change", ["site", "settings", "category"])
def test_every_kind_of_content_change_starts_a_new_generation(change):
    from wagtail.models import Site

    from twincity.core.generation import current_generation
    from twincity.news.models import NewsCategory
    from twincity.portal.models import PortalSettings

    before = current_generation()
    site = Site.objects.get(is_default_site=True)
    if change == "site":
        site.site_name = "Twin City"
        site.save()
    elif change == "settings":
        PortalSettings.for_site(site).save()
    else:
        NewsCategory.objects.first().save()
    assert current_generation() != before


def test_a_change_starts_another_generation_when_it_commits(django_capture_on_commit_callbacks):
    """Between the change and its commit another process may read the new generation and keep
    the old rows under it; the generation the commit starts makes that stale too."""
    from wagtail.models import Site

    from twincity.core.generation import current_generation

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Site.objects.get(is_default_site=True).save()
        before_commit = current_generation()
    for callback in callbacks:
        callback()
    assert current_generation() != before_commit


def test_parameters_the_page_does_not_read_find_the_page_already_rendered():
    """A thousand requests with random parameters cost one render, not a thousand."""
    import random
    import string

    chance = random.Random(12)
    renders = 0
    for _ in range(1000):
        name = "".join(chance.choices(string.ascii_letters, k=8))
        _status, headers, body = wsgi_get("/en/news/", query=f"{name}={chance.random()}")
        renders += "X-Page-Cache" not in headers
        assert b"News" in body
    assert renders == 1
    assert len(local_pages) == 1


def test_a_parameter_the_page_reads_still_makes_its_own_page():
    _s, _h, culture = wsgi_get("/en/news/", query="category=culture-tourism&utm_source=x")
    _s, headers, cooperation = wsgi_get("/en/news/", query="category=cooperation&fbclid=1")
    assert "X-Page-Cache" not in headers and cooperation != culture
    _s, headers, again = wsgi_get("/en/news/", query="fbclid=2&category=cooperation")
    assert headers.get("X-Page-Cache") == "hit" and again == cooperation


def test_stray_parameters_are_not_passed_on_in_the_stored_page():
    _s, _h, body = wsgi_get("/en/directory/", query="city=chengdu&evil=%22%3E%3Cscript%3E")
    assert b"evil" not in body
    assert b"/zh-hans/directory/?city=chengdu" in body  # the language switch keeps the filter
    _s, headers, again = wsgi_get("/en/directory/", query="city=chengdu")
    assert headers.get("X-Page-Cache") == "hit" and again == body


def test_a_view_that_reads_the_whole_query_is_not_stored_with_one():
    from django.http import HttpResponse
    from django.test import RequestFactory

    from twincity.core.pagecache import StorePageMiddleware

    def whole_query_view(request):
        return HttpResponse(request.GET.urlencode())

    request = RequestFactory().get("/en/echo/", {"anything": "1"})
    StorePageMiddleware(whole_query_view)(request)
    assert len(local_pages) == 0


def test_the_store_is_bounded_in_bytes():
    from twincity.core.pagecache import LocalPages, StoredPage

    pages = LocalPages(max_pages=100, max_bytes=1000)
    for number in range(10):
        pages.put(f"page-{number}", StoredPage("g", float("inf"), [], b"x" * 300))
    assert pages.stored_bytes <= 1000 and len(pages) == 3
    assert pages.get("page-9", "g") is not None and pages.get("page-0", "g") is None
    pages.put("too-big", StoredPage("g", float("inf"), [], b"x" * 1001))
    assert pages.get("too-big", "g") is None


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hans/directory/?q=职业教育",
        "/zh-hans/directory/?q=%E8%81%8C%E4%B8%9A%E6%95%99%E8%82%B2",
    ],
)
def test_chinese_query_values_reach_the_view_as_sent(client, path):
    """Raw UTF-8 in the address (WSGI hands it over as Latin-1 text) and percent-encoded."""
    response = client.get(path)
    assert response.context["form"].data["q"] == "职业教育"
