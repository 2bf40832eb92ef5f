"""The economic circle in figures on a phone, in Chinese: the map, a chart beside its table,
nothing wider than the screen, and the open data one tap away."""

import json

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.layout]


def test_the_figures_read_on_a_phone_in_chinese(open_tab):
    tab = open_tab(locale="zh-CN", viewport={"width": 360, "height": 740})

    tab.goto("/zh-hans/circle/")

    expect(tab.get_by_role("heading", level=1)).to_have_text("经济圈数据")
    expect(tab.locator("svg.circle-map")).to_be_visible()
    expect(tab.locator("#table-attendance-by-origin")).to_contain_text("成都")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    link = tab.locator("#figure-attendance").get_by_role("link", name="JSON")
    data = json.loads(tab.request.get(link.get_attribute("href")).text())
    assert data["licence"]["name"] == "CC BY 4.0" and data["title"] == "两地参会情况"
