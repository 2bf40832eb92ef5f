"""Districts and tags of places in both languages: on place pages, the travel listing, its
filters and the guidebooks, whichever language the district was stored in."""

import pytest

from twincity.tourism.models import PlacePage

pytestmark = pytest.mark.django_db


def untranslated_district(slug: str, language: str, district: str) -> None:
    """The page of `language` keeps the district as another language wrote it (an editor who
    did not translate it): pages must still name it in their own language."""
    PlacePage.objects.filter(slug=slug, locale__language_code=language).update(district=district)


def listing(client, language: str, query: str = "") -> str:
    page = client.get(f"/{language}/travel/?{query}").content.decode()
    return page[page.index('class="card-grid place-list"') :]


def titles(client, language: str, query: str) -> set[str]:
    response = client.get(f"/{language}/travel/?{query}")
    assert not response.context["form"].errors, response.context["form"].errors
    return {place.slug for place in response.context["places"].paginator.object_list}


def test_the_chinese_place_page_names_district_and_tags_in_chinese(client):
    untranslated_district("hongyadong", "zh-hans", "Yuzhong")
    html = client.get("/zh-hans/travel/hongyadong/").content.decode()
    assert "<span>重庆 · 渝中区</span>" in html
    assert '<a class="tag" href="/zh-hans/travel/?tag=night-view">夜景</a>' in html
    assert "Yuzhong" not in html and "Night view" not in html


def test_the_english_place_page_names_district_and_tags_in_english(client):
    untranslated_district("hongyadong", "en", "渝中区")
    html = client.get("/en/travel/hongyadong/").content.decode()
    assert "<span>Chongqing · Yuzhong</span>" in html
    assert '<a class="tag" href="/en/travel/?tag=night-view">Night view</a>' in html
    assert "渝中区" not in html and "夜景" not in html


def test_the_chinese_listing_and_its_filters_are_in_chinese(client):
    untranslated_district("jiefangbei", "zh-hans", "Yuzhong")
    page = client.get("/zh-hans/travel/?city=chongqing").content.decode()
    places = page[page.index('class="card-grid place-list"') :]
    assert "<span>重庆 · 渝中区</span>" in places and "Yuzhong" not in places
    assert '<option value="yuzhong">渝中区</option>' in page
    assert '<option value="hotpot">火锅</option>' in page
    assert "Yuzhong" not in page and "Qingyang" not in page


def test_the_english_listing_names_districts_in_english(client):
    untranslated_district("kuanzhai-alleys", "en", "青羊区")
    places = listing(client, "en", "city=chengdu")
    assert "<span>Chengdu · Qingyang</span>" in places and "青羊区" not in places


@pytest.mark.parametrize("district", ["Yuzhong", "渝中区", "渝中", "yuzhong", "Yuzhong District"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_district_filter_takes_either_language(client, language, district):
    untranslated_district("jiefangbei", language, "渝中" if language == "en" else "Yuzhong")
    found = titles(client, language, f"district={district}")
    assert {"hongyadong", "jiefangbei", "night-hotpot-yuzhong"} <= found
    assert "kuanzhai-alleys" not in found
    page = client.get(f"/{language}/travel/?district={district}").content.decode()
    assert '<option value="yuzhong" selected>' in page


@pytest.mark.parametrize("tag", ["火锅", "Hot pot", "HOTPOT"])
def test_the_tag_filter_takes_either_language(client, tag):
    found = titles(client, "zh-hans", f"tag={tag}")
    assert found == titles(client, "en", "tag=hotpot")
    assert "night-hotpot-yuzhong" in found and "kuanzhai-alleys" not in found


def test_the_guidebook_names_districts_in_the_page_s_language(client):
    untranslated_district("hongyadong", "zh-hans", "Yuzhong")
    chinese = client.get("/zh-hans/travel/guide-tale-of-two-cities/").content.decode()
    assert "渝中区" in chinese and "Yuzhong" not in chinese
