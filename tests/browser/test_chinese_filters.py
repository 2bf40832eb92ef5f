"""The listings' filters on the Chinese site, as a visitor uses them on a phone: typed in
Chinese, answered in Chinese, with nothing of the data in English or pinyin."""

import random
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# A vacancy whose majors and district are stored in English, as a recruiter may type them.
POST_VACANCY = """
from datetime import timedelta
from django.contrib.auth.models import Permission, User
from django.utils import timezone
from twincity.talent import services
from twincity.talent.models import Vacancy

organiser = User.objects.create_user("{suffix}-organiser@example.org", password="pw-{suffix}-x")
organiser.user_permissions.add(Permission.objects.get(codename="change_fair"))
organiser = User.objects.get(pk=organiser.pk)
recruiter = services.request_recruiter_account(
    email="{suffix}-hr@example.org", password="pw-{suffix}-x", full_name="Chen Jing",
    credit_code="{code}", organisation_name_en="Filter Logistics {suffix}",
    organisation_name_zh="筛选物流{suffix}", city="chongqing", language="en",
)
services.decide_recruiter(recruiter, True, by=organiser)
services.save_vacancy(recruiter.user, Vacancy(
    title_en="Cold-chain planner {suffix}", title_zh="冷链计划员{suffix}", industry="logistics",
    city="chongqing", district="Liangjiang", majors=["Logistics management"],
    salary_min=5000, salary_max=7000, headcount=2,
    deadline=timezone.localdate() + timedelta(days=30),
))
"""
PINYIN_DISTRICT = re.compile(r"(成都|重庆) · [A-Z][a-z]+")


@pytest.fixture
def chinese_phone(open_tab) -> Page:
    return open_tab(locale="zh-CN", viewport=PHONE)


def open_filters(tab: Page) -> None:
    """On a phone a listing's filters are folded away until the visitor opens them."""
    tab.locator("details.filter-panel > summary").click()


def no_horizontal_scroll(tab: Page) -> None:
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_directory_filtered_by_an_industry_and_a_district_typed_in_chinese(chinese_phone: Page):
    tab = chinese_phone
    tab.goto("/zh-hans/directory/")
    open_filters(tab)
    tab.get_by_label("行业", exact=True).fill("教育")
    tab.get_by_label("区县", exact=True).fill("温江区")
    tab.get_by_role("button", name="筛选").click()
    expect(tab).to_have_url(re.compile(r"district=%E6%B8%A9%E6%B1%9F"))
    main = tab.locator("main")
    expect(main).to_contain_text("成都 · 温江区")
    text = main.inner_text()
    assert "education" not in text and not PINYIN_DISTRICT.search(text)
    assert "成都 · 都江堰市" not in text  # the district filter took effect
    tab.get_by_label("区县", exact=True).fill("")
    tab.get_by_label("行业", exact=True).fill("物流")
    tab.get_by_role("button", name="筛选").click()
    expect(main).to_contain_text("物流")
    assert "logistics" not in main.inner_text()
    # What was typed stays in the filter, in Chinese.
    expect(tab.get_by_label("行业", exact=True)).to_have_value("物流")
    no_horizontal_scroll(tab)


def test_job_search_filtered_by_a_major_typed_in_english_answers_in_chinese(
    chinese_phone: Page, site
):
    from twincity.directory.credit_code import check_character

    suffix = f"f{random.randrange(10**6)}"
    body = f"91500000MA{random.randrange(10**7):07d}"
    site.manage(
        "shell", "-c", POST_VACANCY.format(suffix=suffix, code=body + check_character(body))
    )
    tab = chinese_phone
    tab.goto("/zh-hans/jobs/")
    open_filters(tab)
    tab.get_by_label("行业", exact=True).select_option(label="物流")
    tab.get_by_label("专业", exact=True).fill("Logistics management")
    tab.get_by_role("search", name="搜索职位").get_by_role("button", name="搜索").click()
    expect(tab).to_have_url(re.compile(r"major=Logistics"))
    results = tab.locator("main")
    expect(results).to_contain_text(f"冷链计划员{suffix}")
    expect(results).to_contain_text("重庆 · 两江新区")
    text = results.inner_text()
    assert "Liangjiang" not in text and not PINYIN_DISTRICT.search(text)
    # The vacancy page names the major in Chinese, though it was typed in English.
    tab.get_by_role("link", name=f"冷链计划员{suffix}").click()
    expect(tab.locator("main")).to_contain_text("物流管理")
    assert "Logistics management" not in tab.locator("main").inner_text()
    no_horizontal_scroll(tab)


def test_travel_listing_filtered_by_district_and_interest_in_chinese(chinese_phone: Page):
    tab = chinese_phone
    tab.goto("/zh-hans/travel/")
    open_filters(tab)
    tab.get_by_label("城市", exact=True).select_option(label="重庆")
    tab.get_by_label("兴趣", exact=True).select_option(label="夜景")
    tab.get_by_label("区县", exact=True).select_option(label="渝中区")
    tab.get_by_role("button", name="显示地点").click()
    expect(tab).to_have_url(re.compile(r"city=chongqing"))
    main = tab.locator("main")
    expect(main.locator("a[href$='/travel/hongyadong/']").first).to_be_visible()
    text = main.inner_text()
    assert "重庆 · 渝中区" in text and "Yuzhong" not in text
    assert not PINYIN_DISTRICT.search(text) and "night-view" not in text
    # A link that names the district in pinyin, as an old bookmark may, reads the same.
    tab.goto("/zh-hans/travel/?district=Yuzhong&tag=night-view")
    expect(tab.get_by_label("区县", exact=True)).to_have_value(
        tab.get_by_label("区县", exact=True)
        .locator("option", has_text="渝中区")
        .get_attribute("value")
    )
    expect(main.locator("a[href$='/travel/hongyadong/']").first).to_be_visible()
    no_horizontal_scroll(tab)
