"""The image-led home page and listings: banner, sections with pictures, renditions of any
image an editor uploads, query counts that do not grow with the number of items."""

import re
from io import BytesIO
from urllib.parse import urlparse

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model

from twincity.core import fragments
from twincity.news.models import NewsArticlePage, NewsIndexPage
from twincity.portal.models import HomePage
from twincity.tourism.models import PlacePage

ADDRESSES = re.compile(r'\b(?:src|href|srcset|poster|action)="([^"]*)"')


def page_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def photograph(name: str, size=(1024, 768)) -> object:
    """A JPEG as an editor uploads it: a raster of any size, not one of the illustrations."""
    buffer = BytesIO()
    PILImage.new("RGB", size, "#2c6e8f").save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=name, file=ImageFile(BytesIO(buffer.getvalue()), name=f"{name}.jpg")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_home_shows_banner_and_sections_with_pictures_from_this_site_only(client, language):
    html = page_html(client, f"/{language}/")
    main = main_of(html)
    assert 'class="banner banner--image"' in main and 'class="banner__image"' in main
    for heading in ("latest-heading", "events-heading", "travel-heading"):
        assert f'id="{heading}"' in main
    images = re.findall(r"<img [^>]*>", main)
    assert len(images) >= 8, "banner, news, travel"
    for tag in images:
        assert ' alt="' in tag and ' width="' in tag and ' height="' in tag, tag
    # Nothing the page loads comes from another host (links in the footer may lead out).
    for address in ADDRESSES.findall(main) + re.findall(r"<(?:link|script)[^>]*>", html):
        for part in address.split(","):
            url = part.strip().split(" ")[0]
            if url.startswith(("<link", "<script")):
                found = re.search(r'(?:href|src)="([^"]*)"', url)
                url = found.group(1) if found else ""
            assert not urlparse(url).netloc or urlparse(url).hostname in {
                "testserver",
                "127.0.0.1",
            }, url


@pytest.mark.django_db
def test_banner_is_translated_on_the_chinese_home_page(client):
    chinese = main_of(page_html(client, "/zh-hans/"))
    assert "双城联动，共建经济圈" in chinese and "畅游双城" in chinese
    assert 'href="/zh-hans/travel/"' in chinese
    assert "Two cities, one economic circle" in main_of(page_html(client, "/en/"))


@pytest.mark.django_db
def test_an_editors_banner_text_shows_in_its_language(client):
    chinese = HomePage.objects.get(locale__language_code="zh-hans")
    chinese.banner_heading = "欢迎来到双城网"
    chinese.save_revision().publish()
    assert "欢迎来到双城网" in page_html(client, "/zh-hans/")
    assert "欢迎来到双城网" not in page_html(client, "/en/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/en/news/", "/en/events/", "/en/travel/", "/zh-hans/travel/", "/en/directory/"]
)
def test_listing_cards_have_a_picture_with_alt_text(client, url):
    main = main_of(page_html(client, url))
    cards = main.count('<article class="card')
    assert cards >= 3
    pictures = main.count('<div class="card__media')
    assert pictures == cards, "every demo card has its picture, logo or monogram"
    for tag in re.findall(r"<img [^>]*>", main):
        assert ' alt="' in tag and ' width="' in tag, tag


def queries_of(client, url: str) -> int:
    client.get(url)  # renditions are made on the first view; count the second
    fragments.clear()  # rendered again, not the content kept by the first view
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_articles(numbers: range, image) -> None:
    index = NewsIndexPage.objects.get(locale__language_code="en")
    for number in numbers:
        article = index.add_child(
            instance=NewsArticlePage(
                title=f"Extra article {number}",
                slug=f"extra-article-{number}",
                date="2030-01-01",
                lead="An extra article.",
                body=[],
                image=image,
            )
        )
        article.save_revision().publish()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/", "/en/news/"])
def test_query_count_does_not_grow_with_the_number_of_articles(client, url):
    articles = NewsArticlePage.objects.filter(locale__language_code="en")
    image = articles.exclude(image=None).first().image
    articles.delete()  # a known start
    add_articles(range(4), image)
    few = queries_of(client, url)
    assert few > 3, "the page was rendered, not served from the page cache"
    add_articles(range(4, 10), image)
    assert queries_of(client, url) == few


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/travel/", "/en/events/", "/en/directory/"])
def test_listing_query_count_is_the_same_for_pages_of_cards(client, url):
    first = queries_of(client, url)
    assert queries_of(client, f"{url}?page=2") <= first + 1


@pytest.mark.django_db
def test_an_uploaded_jpeg_shows_on_a_place_and_an_article(client):
    photo = photograph("Hongyadong by night, a photograph")
    place = PlacePage.objects.get(slug="hongyadong", locale__language_code="en")
    place.image = photo
    place.save_revision().publish()
    article = NewsArticlePage.objects.filter(locale__language_code="en").first()
    article.image, article.image_caption = photo, "A photograph of Hongyadong"
    article.save_revision().publish()

    place_html = page_html(client, place.url)
    article_html = page_html(client, article.url)
    assert re.search(r'src="[^"]+\.fill-960x540\.jpg"', place_html)
    assert re.search(
        r'<figure class="lead-image">\s*<img src="[^"]+\.fill-1280x720\.jpg"', article_html
    )
    assert "A photograph of Hongyadong</figcaption>" in article_html
    listing = page_html(client, "/en/travel/?q=Hongyadong")
    assert re.search(r'src="[^"]+\.fill-640x360\.jpg" width="640" height="360"', listing)
    assert {r.filter_spec for r in photo.renditions.all()} >= {
        "fill-960x540",
        "fill-1280x720",
        "fill-640x360",
    }


@pytest.mark.django_db
def test_demo_illustrations_stay_vector(client):
    html = main_of(page_html(client, "/en/news/"))
    assert re.search(r'src="[^"]+\.fill-640x360\.svg"', html)
