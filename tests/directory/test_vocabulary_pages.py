"""Districts and industries on the directory's pages and in its filters, in both languages,
whichever language or spelling they were stored in."""

import pytest

from twincity.directory.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def courier():
    """Stored as an editor typing pinyin and lower-case English would store it."""
    return Organisation.objects.create(
        name_en="Harbour Courier Demo Co.",
        name_zh="港湾快递演示公司",
        kind="enterprise",
        city="chongqing",
        district="Liangjiang",
        industry="logistics",
        credit_code="914403001922038216",
    )


@pytest.fixture
def factory():
    """Stored in Chinese, as an editor of the Chinese side would store it."""
    return Organisation.objects.create(
        name_en="Brocade Machine Works Demo",
        name_zh="锦绣机械演示厂",
        kind="association",
        city="chengdu",
        district="锦江区",
        industry="制造业",
    )


def listed(client, language: str, **filters) -> set[str]:
    response = client.get(f"/{language}/directory/", filters)
    return {organisation.name_en for organisation in response.context["organisations"]}


def test_the_chinese_profile_names_district_and_industry_in_chinese(client, courier):
    html = client.get(f"/zh-hans/directory/{courier.pk}/").content.decode()
    assert "重庆 · 两江新区" in html and "<dd>物流</dd>" in html
    assert "Liangjiang" not in html and "logistics" not in html.lower()


def test_the_english_profile_names_chinese_data_in_english(client, factory):
    html = client.get(f"/en/directory/{factory.pk}/").content.decode()
    assert "Chengdu · Jinjiang" in html and "<dd>Manufacturing</dd>" in html
    assert "锦江区" not in html and "制造业" not in html


def test_the_list_shows_each_organisation_in_the_page_s_language(client, courier, factory):
    chinese = client.get("/zh-hans/directory/", {"q": "演示"}).content.decode()
    assert "<span>重庆 · 两江新区</span><span>物流</span>" in chinese
    assert "<span>成都 · 锦江区</span><span>制造业</span>" in chinese
    english = client.get("/en/directory/", {"q": "Demo"}).content.decode()
    assert "<span>Chongqing · Liangjiang New Area</span><span>Logistics</span>" in english
    assert "<span>Chengdu · Jinjiang</span><span>Manufacturing</span>" in english


@pytest.mark.parametrize("industry", ["物流", "Logistics", "logistics", "物流业", "supply chain"])
def test_the_industry_filter_takes_either_language(client, courier, factory, industry):
    for language in ("en", "zh-hans"):
        found = listed(client, language, industry=industry)
        assert courier.name_en in found and factory.name_en not in found


def test_an_industry_stored_in_chinese_is_found_in_english(client, courier, factory):
    found = listed(client, "en", industry="manufacturing")
    assert factory.name_en in found and courier.name_en not in found


@pytest.mark.parametrize("district", ["Liangjiang", "两江新区", "两江", "liangjiang new area"])
def test_the_district_filter_takes_either_language(client, courier, factory, district):
    found = listed(client, "zh-hans", district=district)
    assert found == {courier.name_en}


def test_the_district_filter_finds_a_district_stored_in_chinese_by_its_pinyin(client, factory):
    assert listed(client, "en", district="Jinjiang") == {factory.name_en}


def test_a_search_for_an_industry_finds_organisations_of_it(client, courier, factory):
    assert courier.name_en in listed(client, "zh-hans", q="物流")
    assert factory.name_en in listed(client, "en", q="Manufacturing")


def test_the_filters_suggest_the_directory_s_values_in_the_page_s_language(
    client, courier, factory
):
    chinese = client.get("/zh-hans/directory/").content.decode()
    assert 'list="id_industry-suggestions"' in chinese
    assert '<option value="物流">' in chinese and '<option value="两江新区">' in chinese
    assert '<option value="logistics">' not in chinese
    english = client.get("/en/directory/").content.decode()
    assert '<option value="Manufacturing">' in english and '<option value="Jinjiang">' in english
