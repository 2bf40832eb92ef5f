"""A visitor's walk through the portal in a real browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SEED_TITLE_EN = "Chengdu, Chongqing ramp up cooperation"
SEED_PATH_EN = "/en/news/chengdu-chongqing-ramp-up-cooperation/"
SEED_PATH_ZH = "/zh-hans/news/chengdu-chongqing-ramp-up-cooperation/"


def test_home_to_news_center_to_the_seed_article_and_back_by_breadcrumb(page):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="News center").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("News center")
    page.get_by_role("navigation", name="Categories").get_by_role(
        "link", name="Latest news"
    ).click()
    page.get_by_role("link", name=SEED_TITLE_EN).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_TITLE_EN)

    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumb).to_contain_text("Position:")
    expect(breadcrumb.locator("li")).to_have_text(
        ["Home", "News center", "Latest news", SEED_TITLE_EN]
    )
    expect(breadcrumb.locator("[aria-current=page]")).to_have_text(SEED_TITLE_EN)

    breadcrumb.get_by_role("link", name="Latest news").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("News center · Latest news")
    page.get_by_role("link", name=SEED_TITLE_EN).click()
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Home").click()
    expect(page).to_have_url(re.compile(r"/en/$"))


def test_chinese_browser_lands_in_chinese_and_switches_to_the_translation(open_tab):
    page = open_tab(locale="zh-CN")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/zh-hans/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    page.goto(SEED_PATH_ZH)
    breadcrumb = page.get_by_role("navigation", name="面包屑导航")
    expect(breadcrumb).to_contain_text("当前位置：")
    expect(breadcrumb.locator("li").nth(0)).to_have_text("首页")
    expect(breadcrumb.locator("li").nth(1)).to_have_text("新闻中心")
    expect(breadcrumb.locator("li").nth(2)).to_have_text("最新动态")

    page.get_by_role("navigation", name="语言").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(re.escape(SEED_PATH_EN) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_TITLE_EN)

    page.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()
    expect(page).to_have_url(re.compile(re.escape(SEED_PATH_ZH) + "$"))


@pytest.mark.parametrize(
    ("start", "query"),
    [
        ("/zh-hans/", "宽窄巷子"),
        ("/en/", "Kuanzhai"),
        ("/zh-hans/", "洪崖洞"),
        ("/zh-hans/", "职业教育"),
    ],
)
def test_search_reaches_the_seed_article(page, start, query):
    page.goto(start)
    page.locator("#site-search").fill(query)
    page.locator("#site-search").press("Enter")
    results = page.locator(".search-results li")
    expect(results.first).to_be_visible()
    seed = page.locator(
        ".search-results li", has=page.locator("a[href$='/chengdu-chongqing-ramp-up-cooperation/']")
    )
    expect(seed).to_have_count(1)
    expect(seed.locator("mark").first).to_be_visible()
    seed.locator(".card__title a").click()
    expect(page).to_have_url(re.compile("/chengdu-chongqing-ramp-up-cooperation/$"))


def test_odd_queries_get_a_friendly_page(page):
    for query in ["", "？！…", "宽" * 300]:
        page.goto("/zh-hans/search/?q=" + query)
        expect(page.locator(".notice")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text("搜索")


def test_keyboard_user_can_skip_to_content_and_search(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))


def test_phone_layout_has_no_horizontal_scroll(open_tab):
    page = open_tab(viewport={"width": 375, "height": 740}, is_mobile=True)
    for path in ["/zh-hans/", "/zh-hans/news/", SEED_PATH_ZH, "/zh-hans/search/?q=宽窄巷子"]:
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
