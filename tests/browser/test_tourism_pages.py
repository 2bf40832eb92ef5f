"""The Bashu corridor in a real browser: promotions and their counts, the place listing and
its map without tiles, the guidebook PDF, and an editor running a campaign."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

COUNTS = """
import json
from django.db.models import Sum
from twincity.tourism.models import Campaign, CampaignDailyCount
campaign = Campaign.objects.get(title_en={title!r})
rows = CampaignDailyCount.objects.filter(campaign=campaign, side={side!r})
totals = rows.aggregate(views=Sum("views"), clicks=Sum("clicks"))
print(json.dumps({{"views": totals["views"] or 0, "clicks": totals["clicks"] or 0}}))
"""


def counts(site, title: str, side: str) -> dict:
    return json.loads(
        site.manage("shell", "-c", COUNTS.format(title=title, side=side)).strip().splitlines()[-1]
    )


def test_visitor_follows_the_promotion_from_hongyadong(page: Page, site):
    before = counts(site, "A Tale of Two Cities", "chengdu")
    with page.expect_response(re.compile(r"/campaigns/\d+/seen/chengdu/$")) as beacon:
        page.goto("/en/travel/hongyadong/")
    assert beacon.value.status == 204
    promotion = page.locator("aside.promotion")
    expect(promotion.get_by_role("heading", name="A Tale of Two Cities")).to_be_visible()
    expect(promotion).to_contain_text("Kuanzhai Alleys")
    promotion.get_by_role("link", name=re.compile("Discover Kuanzhai Alleys")).click()
    expect(page).to_have_url(re.compile(r"/en/travel/kuanzhai-alleys/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kuanzhai Alleys")
    after = counts(site, "A Tale of Two Cities", "chengdu")
    assert after["clicks"] == before["clicks"] + 1
    assert after["views"] >= before["views"] + 1
    # The other partner promotes Hongyadong, in Chinese on the Chinese page.
    page.goto("/zh-hans/travel/kuanzhai-alleys/")
    chinese = page.locator("aside.promotion")
    expect(chinese.get_by_role("heading", name="双城记")).to_be_visible()
    chinese.get_by_role("link", name=re.compile("去看看洪崖洞")).click()
    expect(page).to_have_url(re.compile(r"/zh-hans/travel/hongyadong/$"))


def test_listing_filters_and_map_without_tiles(page: Page):
    page.goto("/en/travel/")
    page.get_by_label("City", exact=True).select_option("chongqing")
    page.get_by_label("Kind", exact=True).select_option("dining")
    page.get_by_role("button", name="Show places").click()
    expect(page).to_have_url(re.compile(r"city=chongqing"))
    cards = page.locator(".place-list .place-card")
    expect(cards.first).to_be_visible()
    for meta in cards.locator(".card__meta").all_text_contents():
        assert "Dining" in meta and "Chongqing" in meta
    count = int(re.search(r"\d+", page.locator("#place-count").text_content()).group())
    markers = page.locator("#places-map .leaflet-marker-icon")
    expect(markers).to_have_count(count)
    expect(page.locator("#places-map .leaflet-tile")).to_have_count(0)  # no tiles by default
    expect(page.locator("#places-map .leaflet-control-scale")).to_be_visible()
    # A marker leads to its place page, from the keyboard too (markers may overlap the mouse).
    first_name = markers.first.get_attribute("aria-label")
    markers.first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(first_name)


def test_place_page_works_without_javascript(open_tab):
    tab = open_tab(locale="zh-CN", java_script_enabled=False)
    tab.goto("/zh-hans/travel/hongyadong/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("洪崖洞")
    expect(tab.locator("#place-map")).to_be_hidden()
    places = tab.locator(".tourism-map__list li")
    expect(places.first).to_contain_text("洪崖洞")
    expect(places.first).to_contain_text("北纬 29.")
    expect(tab.locator("#open-now")).to_contain_text(re.compile("正在营业|现在未营业"))


def test_guidebook_pdf_downloads_with_chinese_text(page: Page, tmp_path):
    from pypdf import PdfReader

    page.goto("/zh-hans/travel/guide-tale-of-two-cities/")
    expect(page.get_by_role("heading", level=1)).to_have_text("双城记：旅游指南")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 PDF").click()
    path = tmp_path / "guide.pdf"
    download.value.save_as(path)
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = "".join(pdf_page.extract_text() for pdf_page in reader.pages)
    assert "宽窄巷子" in text and "洪崖洞" in text


def choose(select, name_starts: str) -> None:
    """Select the option whose label starts with the name (places may carry a branch)."""
    option = select.locator("option").filter(has_text=re.compile(f"^{re.escape(name_starts)}"))
    select.select_option(option.first.get_attribute("value"))


@pytest.fixture
def editor(open_tab, site) -> Page:
    password = (Path(site.env["TWINCITY_VAR_DIR"]) / "editor-password.txt").read_text().strip()
    tab = open_tab(locale="en-US", viewport={"width": 1400, "height": 1000})
    tab.goto("/admin/")
    tab.get_by_role("textbox", name="Username").fill("editor")
    tab.get_by_role("textbox", name="Password").fill(password)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    return tab


def test_editor_creates_a_campaign_and_sees_its_counts_move(editor: Page, open_tab, site):
    from datetime import date, timedelta

    today = date.today()
    editor.goto("/admin/snippets/tourism/campaign/add/")
    editor.get_by_label("Title in English").fill("Teahouses and hotpot")
    editor.get_by_label("Title in Chinese").fill("茶馆与火锅")
    choose(editor.get_by_label("Partner in Chengdu"), "Chen Mapo Tofu")
    choose(editor.get_by_label("Partner in Chongqing"), "Jiefangbei")
    editor.get_by_label("First day").fill((today - timedelta(days=1)).isoformat())
    editor.get_by_label("Last day").fill((today + timedelta(days=30)).isoformat())
    editor.get_by_role("textbox", name="Message in English").fill(
        "From mapo tofu to the Liberation Monument."
    )
    editor.get_by_role("textbox", name="Message in Chinese").fill("从麻婆豆腐到解放碑。")
    editor.get_by_role("button", name="Save").click()
    expect(editor.locator(".messages")).to_contain_text("created")

    editor.goto("/admin/tourism/campaigns/")
    editor.get_by_role("link", name="Teahouses and hotpot").click()
    views = editor.locator('#campaign-totals [data-side="chongqing"][data-figure="views"]')
    clicks = editor.locator('#campaign-totals [data-side="chongqing"][data-figure="clicks"]')
    expect(views).to_have_text("0")
    expect(clicks).to_have_text("0")

    visitor = open_tab(locale="en-US")
    with visitor.expect_response(re.compile(r"/campaigns/\d+/seen/chongqing/$")):
        visitor.goto("/en/travel/chen-mapo-tofu/")
    visitor.locator("aside.promotion").get_by_role(
        "link", name=re.compile("Discover Jiefangbei")
    ).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(re.compile("^Jiefangbei"))

    editor.reload()
    expect(views).to_have_text("1")
    expect(clicks).to_have_text("1")
    expect(editor.locator("#campaign-totals")).to_contain_text("100.0 %")
    with editor.expect_download() as download:
        editor.get_by_role("link", name="Download CSV").click()
    rows = list(
        csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig")))
    )
    assert rows[0][2:] == ["Views", "Click-throughs", "Click-through rate (per cent)"]
    promoted = [row for row in rows[1:] if row[1].startswith("Jiefangbei")]
    assert [row[2:] for row in promoted] == [["1", "1", "100.0"]]
    assert "promoted at Chen Mapo Tofu" in promoted[0][1]


def test_a_place_name_reaches_the_map_as_text_never_as_html(page: Page):
    """A place's name with markup in it (an editor's slip, or worse) shows as those characters
    in the marker's tooltip; no element is made of it (tourism/static/tourism/map.js)."""
    markup = "<img src=x id=injected>"

    def name_the_first_place_with_markup(route):
        response = route.fetch()
        # json_script writes < and > as \u003C and \u003E; the browser's JSON.parse reads them back.
        escaped = markup.replace("<", "\\u003C").replace(">", "\\u003E")
        body = response.text().replace('"name": "', f'"name": "{escaped}', 1)
        route.fulfill(response=response, body=body)

    page.route(re.compile(r"/en/travel/$"), name_the_first_place_with_markup)
    page.goto("/en/travel/")
    marker = page.locator("#places-map .leaflet-marker-icon").first
    marker.dispatch_event("mouseover")
    expect(page.locator(".leaflet-tooltip")).to_contain_text(markup)
    expect(page.locator("#injected")).to_have_count(0)
