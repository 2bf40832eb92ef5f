"""A visitor finds an event through the listing's filters, in a real browser, in both languages."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EXPO_EN = "Chengdu–Chongqing Culture and Tourism Expo 2027 (demo)"
EXPO_ZH = "2027成渝文化旅游博览会（示例）"


def test_from_the_menu_through_the_filters_to_an_event_and_its_translation(page):
    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events")

    filters = page.get_by_role("search", name="Filter events")
    filters.get_by_label("City").select_option("chongqing")
    filters.get_by_label("Kind").select_option("expo")
    filters.get_by_label("Month").fill("2027-06")
    filters.get_by_role("button", name="Show events").click()
    expect(page).to_have_url(re.compile(r"city=chongqing.*kind=expo.*month=2027-06"))
    expect(page.get_by_role("status")).to_have_text("1 event")

    page.get_by_role("link", name=EXPO_EN).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EXPO_EN)
    expect(page.get_by_role("heading", name="Programme")).to_be_visible()
    expect(
        page.get_by_role("link", name="Chongqing Investment Promotion Association")
    ).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("where the venue lies"))).to_be_visible()

    page.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EXPO_ZH)
    expect(page.get_by_role("heading", name="日程")).to_be_visible()
    page.get_by_role("navigation", name="面包屑导航").get_by_role("link", name="活动").click()
    expect(page.get_by_role("heading", name="往期活动")).to_be_visible()
