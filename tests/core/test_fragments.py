"""The content that is the same for every visitor is rendered once per content generation and
served to signed-in visitors too (core.fragments), around a header of their own; what belongs
to one visitor (a CSRF token, "Applied on", the registration box) never comes from it."""

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.talent import factories
from twincity.core import fragments
from twincity.core.generation import renew_generation
from twincity.news.models import NewsArticlePage
from twincity.tourism.models import PlaceIndexPage

pytestmark = pytest.mark.django_db

SEED_SLUG = "chengdu-chongqing-ramp-up-cooperation"


@pytest.fixture
def member(client):
    user = get_user_model().objects.create_user("fragment-reader", "r@example.cn", "pw-1-tests")
    client.force_login(user)
    return user


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize("path", ["/en/travel/", "/zh-hans/travel/"])
def test_a_signed_in_visitor_gets_the_content_rendered_for_everyone(client, member, path):
    first = Client().get(path).content.decode()

    def must_not_run(self, request):
        raise AssertionError("the listing was computed again instead of being kept")

    original = PlaceIndexPage.listing_context
    PlaceIndexPage.listing_context = must_not_run
    try:
        second = client.get(path).content.decode()
    finally:
        PlaceIndexPage.listing_context = original

    assert main_of(second) == main_of(first)
    # Their own header: the sign-out form, with their CSRF token, which the content has not.
    assert reverse("talent:logout") in second and reverse("talent:logout") not in first
    assert "csrfmiddlewaretoken" not in main_of(second)


def test_parameters_the_content_does_not_read_find_the_content_already_rendered(client, member):
    plain = client.get("/en/travel/").content.decode()
    original = PlaceIndexPage.listing_context
    PlaceIndexPage.listing_context = lambda self, request: pytest.fail("rendered again")
    try:
        shared = client.get("/en/travel/?from=singlemessage&isappinstalled=0").content.decode()
    finally:
        PlaceIndexPage.listing_context = original
    filtered = client.get("/en/travel/?city=chongqing").content.decode()

    assert main_of(shared) == main_of(plain)
    assert "singlemessage" not in main_of(shared)
    assert main_of(filtered) != main_of(plain)  # a parameter the listing reads has its own


def test_a_publish_shows_at_once_to_signed_in_visitors(client, member):
    listing = "/en/news/?category=latest-news"  # where the seed article is on the first page
    assert SEED_SLUG in client.get(listing).text
    article = NewsArticlePage.objects.get(slug=SEED_SLUG, locale__language_code="en")
    article.title = "Chengdu and Chongqing step up cooperation"
    article.save_revision().publish()

    assert "Chengdu and Chongqing step up cooperation" in client.get(listing).text


def render(template: Template, request, **variables) -> str:
    return template.render(Context({"request": request, **variables}))


def test_a_fragment_is_kept_per_address_and_generation():
    template = Template("{% load core_tags %}{% shared_content %}{{ word }}{% endshared_content %}")
    factory = RequestFactory()

    assert render(template, factory.get("/en/news/"), word="first") == "first"
    assert render(template, factory.get("/en/news/"), word="second") == "first"
    assert render(template, factory.get("/en/news/?page=2"), word="other") == "other"
    renew_generation()
    assert render(template, factory.get("/en/news/"), word="third") == "third"


def test_a_fragment_that_holds_a_csrf_token_is_not_kept():
    from django.middleware.csrf import get_token

    template = Template(
        "{% load core_tags %}{% shared_content %}<form>{% csrf_token %}</form>{% endshared_content %}"
    )
    factory = RequestFactory()
    pages = []
    for _visitor in range(2):
        request = factory.get("/en/events/")
        pages.append(render(template, request, csrf_token=get_token(request)))

    assert pages[0] != pages[1]  # each visitor's own token
    assert not len(fragments.fragments)


def test_a_post_or_a_preview_is_never_served_from_kept_content():
    template = Template("{% load core_tags %}{% shared_content %}{{ word }}{% endshared_content %}")
    factory = RequestFactory()
    render(template, factory.get("/en/news/"), word="kept")
    preview = factory.get("/en/news/")
    preview.is_preview = True

    assert render(template, preview, word="draft") == "draft"
    assert render(template, factory.post("/en/news/"), word="posted") == "posted"


def test_the_job_search_keeps_each_graduates_applied_marks_apart(client):
    application = factories.application()
    other = factories.graduate()
    client.force_login(application.graduate.user)
    mine = client.get(reverse("talent:job-search")).text
    client.force_login(other.user)
    theirs = client.get(reverse("talent:job-search")).text
    client.logout()
    anonymous = client.get(reverse("talent:job-search")).text

    assert mine.count('class="applied-mark"') == 1
    assert 'class="applied-mark"' not in theirs and 'class="applied-mark"' not in anonymous


def test_missing_pages_keep_nothing(client):
    # Any address can be a missing one: its fragments would push out those of real pages.
    for number in range(3):
        assert client.get(f"/en/no-such-page-{number}/").status_code == 404

    assert not len(fragments.fragments)
