"""The Invest section's pages on the demo site, in both languages: landing, opportunities with
filters and Chinese-aware search, parks, policies with status and feed, guide, industries."""

import re
from decimal import Decimal

import pytest

from twincity.invest.models import OpportunityPage, PolicyPage

pytestmark = pytest.mark.django_db

OPPORTUNITIES = {"en": "/en/invest/opportunities/", "zh-hans": "/zh-hans/invest/opportunities/"}


def card_titles(html: str) -> list[str]:
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_landing_shows_sections_opportunities_industries_policies_and_the_call(client, language):
    page = get(client, f"/{language}/invest/")
    heading = {"en": "Featured opportunities", "zh-hans": "重点推荐项目"}[language]
    industry = {"en": "Intelligent connected new-energy vehicles", "zh-hans": "智能网联新能源汽车"}
    policy = {"en": "Chongqing plan for the high-quality", "zh-hans": "重庆市制造业高质量发展"}
    assert heading in page
    assert industry[language] in page
    assert policy[language] in page
    assert {"en": "Send an enquiry", "zh-hans": "在线咨询"}[language] in page


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("en", "新能源汽车", "Electric vehicle drive units in Liangjiang New Area"),
        ("en", "electric vehicle", "Electric vehicle drive units in Liangjiang New Area"),
        ("zh-hans", "electric vehicle", "两江新区新能源汽车驱动电机项目"),
        ("zh-hans", "新能源汽车", "两江新区新能源汽车驱动电机项目"),
        ("en", "汽车", "Lightweight vehicle body parts in Longquanyi"),
        ("zh-hans", "vehicle", "龙泉驿汽车轻量化车身零部件项目"),
    ],
)
def test_keyword_finds_opportunities_in_either_script(client, language, query, expected):
    titles = card_titles(get(client, f"{OPPORTUNITIES[language]}?q={query}"))
    assert expected in titles
    assert len(titles) < OpportunityPage.objects.filter(locale__language_code=language).count()


def test_a_keyword_nothing_matches_says_so_and_keeps_the_word(client):
    page = get(client, "/en/invest/opportunities/?q=zeppelin")
    assert card_titles(page) == []
    assert "No opportunity matches these filters" in page
    assert 'value="zeppelin"' in page


def test_a_city_includes_the_joint_opportunities_and_joint_shows_only_them(client):
    chongqing = card_titles(get(client, "/en/invest/opportunities/?city=chongqing"))
    joint = card_titles(get(client, "/en/invest/opportunities/?city=both"))
    assert joint == ["Cold-chain logistics hubs on the Chengdu–Chongqing corridor"]
    assert joint[0] in chongqing
    assert "Lightweight vehicle body parts in Longquanyi" not in chongqing


def test_joint_opportunity_carries_both_city_badges(client):
    page = get(client, "/en/invest/opportunities/chengdu-chongqing-cold-chain-hub/")
    assert 'badge--chengdu">Chengdu' in page and 'badge--chongqing">Chongqing' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sector=biomedicine", {"Biomedicine incubator operator in Tianfu New Area"}),
        ("sector=生物医药", {"Biomedicine incubator operator in Tianfu New Area"}),
        ("mode=ppp", {"Cold-chain logistics hubs on the Chengdu–Chongqing corridor"}),
        ("size=very-large", {"Integrated circuit packaging and testing in Chengdu Hi-tech Zone"}),
        ("size=small", {"Industrial robot integration centre in the Chongqing ETDZ"}),
        ("park=chengdu-etdz", {"Lightweight vehicle body parts in Longquanyi"}),
        ("district=longquanyi", {"Lightweight vehicle body parts in Longquanyi"}),
        ("sector=vehicles&city=chengdu", {"Lightweight vehicle body parts in Longquanyi"}),
    ],
)
def test_opportunity_filters(client, query, expected):
    assert set(card_titles(get(client, f"/en/invest/opportunities/?{query}"))) == expected


def test_unknown_filter_values_are_dropped_not_failed(client):
    page = get(client, "/en/invest/opportunities/?city=mars&size=huge&mode=%00&page=99")
    assert len(card_titles(page)) == 6
    assert "Some filters were not understood" in page


@pytest.mark.parametrize(
    ("currency", "converted"),
    [("", "≈ US$170 million"), ("EUR", "≈ €146 million"), ("JPY", "≈ JP¥26.4 billion")],
)
def test_opportunity_shows_yuan_and_the_chosen_currency_with_the_rates_date(
    client, currency, converted
):
    page = get(client, f"/en/invest/opportunities/liangjiang-ev-drive-units/?currency={currency}")
    assert "¥1.2 billion" in page and "¥800 million" in page
    assert converted in page
    assert "Converted at reference rates of 1 Dec 2025" in page
    assert 'href="/en/invest/parks/liangjiang-new-area/"' in page
    assert "?opportunity=" in page  # the enquiry button names the opportunity


def test_chinese_opportunity_shows_yi_and_its_own_park(client):
    page = get(client, "/zh-hans/invest/opportunities/liangjiang-ev-drive-units/?currency=usd")
    assert "12亿元" in page and "约1.7亿美元" in page
    assert 'href="/zh-hans/invest/parks/liangjiang-new-area/"' in page
    assert "示例" in page  # an invented opportunity says so


def test_park_page_shows_public_facts_its_opportunities_and_a_map(client):
    page = get(client, "/en/invest/parks/liangjiang-new-area/")
    assert "国函〔2010〕36号" in page and "1,200 km²" in page and "2010" in page
    assert "Electric vehicle drive units in Liangjiang New Area" in page
    assert "approximate centre" in page
    assert 'id="park-map"' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [("level=national-new-area", 2), ("city=chengdu", 3), ("sector=vehicles", 2), ("", 6)],
)
def test_park_directory_filters(client, query, expected):
    page = get(client, f"/en/invest/parks/?{query}")
    assert len(re.findall(r'<article class="card park-card">', page)) == expected


def test_repealed_policy_says_so_and_links_to_its_replacement(client):
    for language, replacement in (
        ("en", "Example: joint measures to attract electric vehicle suppliers (2023)"),
        ("zh-hans", "示例：两市联合吸引新能源汽车配套企业的若干措施（2023年）"),
    ):
        page = get(client, f"/{language}/invest/policies/example-ev-incentives-2019/")
        assert 'id="policy-status-note"' in page
        assert f'href="/{language}/invest/policies/example-ev-incentives-2023/"' in page
        assert replacement in page


def test_policy_in_force_has_no_status_note_and_shows_its_number(client):
    page = get(client, "/zh-hans/invest/policies/chongqing-manufacturing-plan-2021-2025/")
    assert "渝府发〔2021〕18号" in page and "重庆市人民政府" in page
    assert 'id="policy-status-note"' not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=repealed", 1),
        ("status=in-force", 2),
        ("year=2021", 1),
        ("topic=incentives", 2),
        ("q=渝府发", 1),
        ("q=manufacturing", 1),
        ("q=制造业", 1),
        ("issuer=Chongqing Municipal People's Government", 1),
    ],
)
def test_policy_library_filters_and_search(client, query, expected):
    page = get(client, f"/en/invest/policies/?{query}")
    assert len(re.findall('class="policy-list__item"', page)) == expected


def test_policy_feeds_list_every_policy_in_the_language_of_the_address(client):
    rss = get(client, "/en/feeds/policies.rss")
    assert rss.count("<item>") == PolicyPage.objects.filter(locale__language_code="en").count()
    assert "渝府发〔2021〕18号" in rss and "Repealed" in rss
    atom = get(client, "/zh-hans/feeds/policies.atom")
    assert "<entry>" in atom and "重庆市制造业高质量发展" in atom and "已废止" in atom


def test_guide_page_shows_each_step_with_both_cities_offices(client):
    page = get(client, "/en/invest/registering-a-foreign-invested-enterprise/")
    assert page.count('class="guide-step"') == 3
    assert "Chongqing Municipal Administration for Market Regulation" in page
    assert "Chengdu Administration for Market Regulation" in page
    chinese = get(client, "/zh-hans/invest/registering-a-foreign-invested-enterprise/")
    assert "国家税务总局重庆市税务局" in chinese and "国家税务总局成都市税务局" in chinese


def test_industry_page_lists_parks_opportunities_and_policies_of_its_sector(client):
    page = get(client, "/en/invest/chongqing-vehicles/")
    assert "Liangjiang New Area" in page and "Chengdu Economic and Technological" in page
    assert "Electric vehicle drive units in Liangjiang New Area" in page
    assert "Chongqing plan for the high-quality development of manufacturing" in page


def test_home_page_has_the_invest_section(client):
    page = get(client, "/en/")
    assert 'id="invest-heading"' in page
    assert "Latest investment policies" in page
    assert get(client, "/zh-hans/").count("投资成渝") >= 1


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("en", "新能源汽车", "Electric vehicle drive units in Liangjiang New Area"),
        ("zh-hans", "Liangjiang", "两江新区"),
        ("en", "渝府发", "Chongqing plan for the high-quality development of manufacturing"),
    ],
)
def test_site_search_finds_opportunities_parks_and_policies(client, language, query, expected):
    page = get(client, f"/{language}/search/?q={query}")
    assert expected in page


def test_amounts_are_stored_as_given(client):
    opportunity = OpportunityPage.objects.get(
        slug="liangjiang-ev-drive-units", locale__language_code="zh-hans"
    )
    assert opportunity.total_investment_yuan == Decimal(1_200_000_000)
