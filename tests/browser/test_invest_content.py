"""An investor walks the Invest section in a real browser, in both languages, on a phone and
a desktop: landing → opportunities → a keyword filter (汽车 / vehicle, either script) → an
opportunity in another currency → its park; then the policy library to a repealed policy and
the one that replaced it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
LOCALES = {"en": "en-US", "zh-hans": "zh-CN"}
WORDS = {
    "en": {
        "opportunities": "Investment opportunities",
        "filters": "Filters",
        "keyword": "Keyword",
        "query": "新能源汽车",
        "show": "Show opportunities",
        "opportunity": "Electric vehicle drive units in Liangjiang New Area",
        "currency": "Show amounts also in",
        "convert": "Convert",
        "converted": "≈ €146 million",
        "park": "Liangjiang New Area",
        "enquiry": "Send an enquiry",
        "policies": "Investment policies",
        "status": "Status",
        "show_policies": "Show policies",
        "repealed": "Example: measures to attract vehicle parts suppliers (2019)",
        "replacement": "Example: joint measures to attract electric vehicle suppliers (2023)",
    },
    "zh-hans": {
        "opportunities": "招商项目",
        "filters": "筛选",
        "keyword": "关键词",
        "query": "electric vehicle",
        "show": "查看项目",
        "opportunity": "两江新区新能源汽车驱动电机项目",
        "currency": "同时以下列币种显示金额",
        "convert": "换算",
        "converted": "约1.46亿欧元",
        "park": "两江新区",
        "enquiry": "在线咨询",
        "policies": "投资政策",
        "status": "状态",
        "show_policies": "查看政策",
        "repealed": "示例：吸引汽车零部件配套企业的若干措施（2019年）",
        "replacement": "示例：两市联合吸引新能源汽车配套企业的若干措施（2023年）",
    },
}


def open_filters(tab) -> None:
    """The filter panel is folded on a phone: open it if it is."""
    panel = tab.locator("details.filter-panel")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_investor_finds_an_opportunity_and_its_park(open_tab, language, viewport):
    words = WORDS[language]
    tab = open_tab(locale=LOCALES[language], viewport=viewport)
    tab.goto(f"/{language}/invest/")
    expect(tab.get_by_role("link", name=words["enquiry"]).first).to_be_visible()
    tab.get_by_role("link", name=words["opportunities"], exact=True).first.click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(words["opportunities"])

    open_filters(tab)
    tab.get_by_label(words["keyword"]).fill(words["query"])
    tab.get_by_role("button", name=words["show"]).click()
    expect(tab.get_by_label(words["keyword"])).to_have_value(words["query"])
    tab.get_by_role("link", name=words["opportunity"]).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(words["opportunity"])
    enquiry = tab.get_by_role("link", name=words["enquiry"]).first
    expect(enquiry).to_have_attribute("href", re.compile(r"\?opportunity=\d+$"))

    tab.get_by_label(words["currency"]).select_option("EUR")
    tab.get_by_role("button", name=words["convert"]).click()
    expect(tab).to_have_url(re.compile(r"currency=EUR"))
    expect(tab.locator("#sought")).to_be_visible()
    expect(tab.locator(".facts")).to_contain_text(words["converted"])

    tab.locator(".facts").get_by_role("link", name=words["park"]).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(words["park"])
    expect(tab.get_by_text("国函〔2010〕36号", exact=True)).to_be_visible()
    expect(tab.get_by_role("link", name=words["opportunity"])).to_be_visible()
    no_sideways_scroll(tab)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_policy_library_leads_from_a_repealed_policy_to_its_replacement(
    open_tab, language, viewport
):
    words = WORDS[language]
    tab = open_tab(locale=LOCALES[language], viewport=viewport)
    tab.goto(f"/{language}/invest/")
    tab.get_by_role("link", name=words["policies"], exact=True).first.click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(words["policies"])
    open_filters(tab)
    tab.get_by_label(words["status"]).select_option("repealed")
    tab.get_by_role("button", name=words["show_policies"]).click()
    expect(tab.locator(".policy-list__item")).to_have_count(1)
    tab.get_by_role("link", name=words["repealed"]).click()
    expect(tab.locator("#policy-status-note")).to_be_visible()
    tab.locator("#policy-status-note").get_by_role("link").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(words["replacement"])
    no_sideways_scroll(tab)


def no_sideways_scroll(tab) -> None:
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= tab.viewport_size["width"], f"the page is {width} px wide"
