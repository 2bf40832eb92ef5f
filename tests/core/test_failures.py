"""The database unreachable: 503, Retry-After and "please try again" in the address's language
(core.failures); Redis unreachable: a cache miss, never an error page (core.resilient_cache)."""

import io

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from twincity.core import abuse, generation
from twincity.core.failures import RETRY_AFTER_SECONDS, DatabaseFailureApplication
from twincity.core.resilient_cache import ResilientRedisCache

pytestmark = pytest.mark.django_db


def database_down(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/en/", "The site is busy, please try again in a moment"),
        ("/zh-hans/", "网站繁忙，请稍后再试"),
    ],
)
def test_a_page_is_503_with_retry_after_in_its_language(visitor, path, words):
    with connection.execute_wrapper(database_down):
        response = visitor.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert words in response.content.decode()


def test_a_form_sent_while_the_database_is_down_gets_the_same_answer(visitor):
    with connection.execute_wrapper(database_down):
        response = visitor.post("/zh-hans/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 503
    assert "网站繁忙" in response.content.decode()


def test_the_api_answers_in_its_error_shape(visitor):
    with connection.execute_wrapper(database_down):
        response = visitor.get("/api/v1/events/?lang=zh-hans")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json() == {"detail": "网站繁忙，请稍后再试"}


def test_any_other_error_is_still_a_500(visitor):
    def broken(execute, sql, params, many, context):
        raise ZeroDivisionError

    with connection.execute_wrapper(broken):
        response = visitor.get("/en/")
    assert response.status_code == 500


def test_the_site_recovers_once_the_database_is_back(visitor):
    with connection.execute_wrapper(database_down):
        assert visitor.get("/en/events/").status_code == 503
    assert visitor.get("/en/events/").status_code == 200


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_error_in_front_of_django_is_503_too(error):
    def page_cache_reading_the_database(environ, start_response):
        raise error("connection already closed")

    sent = {}
    application = DatabaseFailureApplication(page_cache_reading_the_database)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/zh-hans/events/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.input": io.BytesIO(),
    }
    body = b"".join(
        application(
            environ,
            lambda status, headers, exc=None: sent.update(status=status, headers=dict(headers)),
        )
    )
    assert sent["status"] == "503 Service Unavailable"
    assert sent["headers"]["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "网站繁忙" in body.decode()


# --- Redis down ------------------------------------------------------------------------------


@pytest.fixture
def stopped_redis(monkeypatch):
    """A Redis cache whose server is not there (nothing listens on port 1)."""
    cache = ResilientRedisCache("redis://127.0.0.1:1/0", {})
    monkeypatch.setattr(
        generation.caches._connections, generation.SHARED_CACHE, cache, raising=False
    )
    return cache


def test_a_stopped_redis_is_a_miss_and_writes_do_nothing(stopped_redis):
    assert stopped_redis.get("anything", "default") == "default"
    assert stopped_redis.add("key", 1) is False
    assert stopped_redis.set("key", 1) is None
    assert stopped_redis.get_many(["a", "b"]) == {}
    with pytest.raises(ValueError):
        stopped_redis.incr("key")


def test_a_stopped_redis_is_not_asked_again_at_once(stopped_redis, monkeypatch):
    stopped_redis.get("first")
    asked = []
    monkeypatch.setattr(stopped_redis._cache, "get", lambda *a, **k: asked.append(a) or "back")
    assert stopped_redis.get("second") is None  # within RETRY_SECONDS: not asked
    assert asked == []
    monkeypatch.setattr(stopped_redis, "_down_until", 0.0)
    assert stopped_redis.get("third") == "back"  # Redis is asked again, and answers


def test_pages_are_served_while_redis_is_down(stopped_redis):
    first = generation.current_generation()
    assert first.startswith("unreachable-")
    assert generation.current_generation() == first  # pages kept under it stay usable
    assert Client().get("/en/events/").status_code == 200


def test_rate_limits_fail_open_while_redis_is_down(stopped_redis, settings):
    settings.TWINCITY_RATE_LIMIT_CACHE = generation.SHARED_CACHE
    settings.TWINCITY_RATE_LIMITS = {**settings.TWINCITY_RATE_LIMITS, "search": "1/h"}
    for _ in range(3):
        abuse.check("search", "203.0.113.9")  # never refused: every count starts again


@pytest.mark.skipif(not __import__("shutil").which("redis-server"), reason="no redis-server")
def test_the_cache_comes_back_with_redis(tmp_path, monkeypatch):
    import subprocess
    import time

    socket_path = tmp_path / "redis.sock"
    cache = ResilientRedisCache(f"unix://{socket_path}", {})
    assert cache.get("key") is None  # not started yet
    server = subprocess.Popen(
        ["redis-server", "--port", "0", "--unixsocket", str(socket_path), "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if socket_path.exists():
                break
            time.sleep(0.02)
        monkeypatch.setattr(cache, "_down_until", 0.0)  # the retry pause has passed
        cache.set("key", "value")
        assert cache.get("key") == "value"
    finally:
        server.terminate()
        server.wait()
