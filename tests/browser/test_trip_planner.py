"""A tourist plans two days, Chengdu then Chongqing, in a real browser on the demo places: drops
a place, plans again, and downloads the PDF; the plan is on the map without map tiles."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def next_saturday() -> str:
    today = timezone.localdate()
    return (today + timedelta(days=(5 - today.weekday()) % 7 or 7)).isoformat()


def planned_places(tab) -> list[str]:
    """The names of the places in the plan, in order (the train left out)."""
    stops = tab.locator(".trip-stop:not(.trip-stop--rail) p:first-of-type a")
    return stops.all_inner_texts()


def test_a_two_day_trip_from_chengdu_to_chongqing(page):
    page.goto("/en/trip-planner/")
    page.get_by_label("First day").fill(next_saturday())
    page.get_by_label("Days", exact=True).select_option("2")
    page.get_by_label("Day 1 starts at").select_option(label="The Temple House")
    page.get_by_label("Day 2 starts at").select_option(label="Hilton Chongqing")
    page.get_by_label("The trip ends at").select_option(label="Chongqing North Railway Station")
    page.get_by_label("Night view", exact=True).select_option(label="very much")
    page.get_by_label("Hotpot", exact=True).select_option(label="much")
    page.get_by_role("button", name="Plan my trip").click()

    expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
    expect(page.get_by_role("heading", name="Day 1:")).to_be_visible()
    expect(page.get_by_role("heading", name="Day 2:")).to_be_visible()
    expect(page.locator(".trip-stop--rail")).to_have_count(1)
    expect(page.locator(".trip-stop--rail")).to_contain_text("High-speed train")
    expect(page.locator(".trip-stop--lunch").first).to_be_visible()
    before = planned_places(page)
    assert len(before) >= 6

    # Drop the first place visited (not a meal), then plan again with the form.
    first_visit = page.locator(".trip-stop--visit").first
    dropped = first_visit.locator("p:first-of-type a").inner_text()
    first_visit.get_by_role("link", name=f"Drop {dropped}").click()
    expect(page.locator(".trip-dropped")).to_contain_text(dropped)
    assert dropped not in planned_places(page)
    page.get_by_role("button", name="Plan again").click()
    expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
    assert dropped not in planned_places(page)
    expect(page.locator(".trip-dropped")).to_contain_text(dropped)

    # The map draws the numbered stops and the route with no tile server.
    expect(page.locator("#trip-map .leaflet-marker-icon").first).to_be_visible()
    assert (
        page.locator("#trip-map .leaflet-marker-icon").count() == page.locator(".trip-stop").count()
    )
    expect(page.locator("#trip-map path.leaflet-interactive").first).to_be_attached()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the plan (PDF)").click()
    pdf = download_info.value
    assert pdf.suggested_filename.endswith(".pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf.path()).pages)
    assert "Day 1" in text and "Day 2" in text and "High-speed train" in text
    assert dropped not in text
