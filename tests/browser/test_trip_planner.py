"""A tourist plans a trip across Chengdu and Chongqing in a real browser on the demo places.

On a phone, in each language: chooses the days (the rows follow), ticks interests and weights
them, searches for a must-see place and adds it (a chip shows it, another chip removes a
second one), plans, opens the folded "change this plan" panel, plans again from it, and
downloads the calendar file, which a strict reader accepts. The Chinese walk sends its date
through the date input, which once showed the Chinese date format and so stayed empty.
On a desktop: drops a place, plans again, and downloads the PDF; the plan is on the map
without map tiles.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.tourism.ics import strictly_parsed

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
BROWSER_LOCALES = {"en": "en-US", "zh-hans": "zh-CN"}
# The demo places by slug, and their names in each language.
NAMES = {
    "giant-panda-base": {
        "en": "Chengdu Research Base of Giant Panda Breeding",
        "zh-hans": "成都大熊猫繁育研究基地",
    },
    "hongyadong": {"en": "Hongyadong", "zh-hans": "洪崖洞"},
    "jinli": {"en": "Jinli Ancient Street", "zh-hans": "锦里古街"},
    "kuanzhai-alleys": {"en": "Kuanzhai Alleys", "zh-hans": "宽窄巷子"},
}
SEARCHES = {
    "hongyadong": {"en": "hongya", "zh-hans": "洪崖"},
    "jinli": {"en": "jinli", "zh-hans": "锦里"},
}


def next_saturday() -> str:
    today = timezone.localdate()
    return (today + timedelta(days=(5 - today.weekday()) % 7 or 7)).isoformat()


def text(language: str, message: str, **values) -> str:
    """What the site says in `language` (its own translations)."""
    with translation.override(language):
        return gettext(message) % values if values else gettext(message)


def planned_places(tab) -> list[str]:
    """The names of the places in the plan, in order (the train left out)."""
    stops = tab.locator(".trip-stop:not(.trip-stop--rail) p:first-of-type a")
    return stops.all_inner_texts()


def assert_no_horizontal_scroll(tab) -> None:
    width = tab.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page is {width[0]} px wide on a {width[1]} px screen"


def choose_days(tab, language: str) -> None:
    """Three days: the rows follow the number as it changes."""

    def day_row(day: int):
        return tab.get_by_label(text(language, "Day %(day)s starts at", day=day))

    days = tab.get_by_label(text(language, "Days"), exact=True)
    expect(day_row(2)).to_be_visible()
    expect(day_row(3)).to_be_hidden()
    days.select_option("4")
    expect(day_row(4)).to_be_visible()
    days.select_option("3")
    expect(day_row(3)).to_be_visible()
    expect(day_row(4)).to_be_hidden()
    day_row(1).select_option("the-temple-house")
    day_row(2).select_option("the-temple-house")
    day_row(3).select_option("hilton-chongqing")
    tab.get_by_label(text(language, "The trip ends at")).select_option(
        "chongqing-north-railway-station"
    )


def weight_of(tab, language: str, interest: str):
    label = text(language, "How much you like it: %(interest)s", interest=text(language, interest))
    return tab.get_by_label(label)


def pick_interests(tab, language: str) -> None:
    """Pandas very much, food much: a weight shows once its interest is ticked."""
    for interest, weight in (("Pandas", "very much"), ("Hotpot, noodles and snacks", "much")):
        expect(weight_of(tab, language, interest)).to_be_hidden()
        tab.get_by_label(text(language, interest), exact=True).check()
        expect(weight_of(tab, language, interest)).to_be_visible()
        weight_of(tab, language, interest).select_option(label=text(language, weight))
    expect(weight_of(tab, language, "Shopping and markets")).to_be_hidden()


def add_must_see(tab, language: str) -> None:
    """Search, tick, see the chip; a second place is added and removed by its chip."""
    search = tab.get_by_label(text(language, "Find a place"))
    remove = text(language, "Remove from the must-see places:")
    for slug in ("jinli", "hongyadong"):
        search.fill(SEARCHES[slug][language])
        expect(tab.get_by_label(NAMES["kuanzhai-alleys"][language], exact=True)).to_be_hidden()
        tab.get_by_label(NAMES[slug][language], exact=True).check()
        expect(tab.get_by_role("button", name=f"{remove} {NAMES[slug][language]}")).to_be_visible()
    tab.get_by_role("button", name=f"{remove} {NAMES['jinli'][language]}").click()
    expect(tab.get_by_label(NAMES["jinli"][language], exact=True)).not_to_be_checked()
    expect(tab.locator(".trip-chip")).to_have_count(1)
    search.fill("")
    expect(tab.get_by_label(NAMES["kuanzhai-alleys"][language], exact=True)).to_be_visible()


def check_the_plan(tab, language: str) -> None:
    expect(tab.get_by_role("heading", name=text(language, "Your plan"))).to_be_visible()
    expect(tab.locator(".trip-day h3")).to_have_count(3)
    if language == "zh-hans":
        expect(tab.locator(".trip-day h3").first).to_contain_text("年")
    places = planned_places(tab)
    assert NAMES["giant-panda-base"][language] in places  # pandas, liked very much
    assert NAMES["hongyadong"][language] in places  # the must-see place
    expect(tab.locator(".trip-stop--rail")).to_have_count(1)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_three_day_trip_planned_on_a_phone(open_tab, language):
    tab = open_tab(locale=BROWSER_LOCALES[language], viewport=PHONE)
    tab.goto(f"/{language}/trip-planner/")
    first_day = tab.get_by_label(text(language, "First day"))
    # The default date is in the input, as ISO: a date input shows nothing else.
    expect(first_day).to_have_value((timezone.localdate() + timedelta(days=1)).isoformat())
    saturday = next_saturday()
    first_day.fill(saturday)
    choose_days(tab, language)
    pick_interests(tab, language)
    add_must_see(tab, language)
    assert_no_horizontal_scroll(tab)
    tab.get_by_role("button", name=text(language, "Plan my trip")).click()

    check_the_plan(tab, language)
    assert_no_horizontal_scroll(tab)
    change = tab.locator("details.trip-change")
    plan_again = tab.get_by_role("button", name=text(language, "Plan again"))
    expect(plan_again).to_be_hidden()  # folded under the plan
    expect(change.locator("summary")).to_contain_text(text(language, "very much"))
    change.locator("summary").click()
    expect(plan_again).to_be_visible()
    expect(tab.get_by_label(text(language, "First day"))).to_have_value(saturday)
    expect(tab.get_by_label(text(language, "Days"), exact=True)).to_have_value("3")
    expect(tab.get_by_label(text(language, "Pandas"), exact=True)).to_be_checked()
    expect(tab.locator(".trip-chip")).to_have_count(1)
    assert_no_horizontal_scroll(tab)
    plan_again.click()  # the date goes back through the date input
    check_the_plan(tab, language)

    with tab.expect_download() as download_info:
        tab.get_by_role("link", name=text(language, "Add to calendar (.ics)")).click()
    calendar = strictly_parsed(Path(download_info.value.path()).read_bytes())
    assert len(calendar.walk("VEVENT")) == tab.locator(".trip-stop").count()


def test_a_two_day_trip_dropping_a_place_on_a_desktop(page):
    page.goto("/en/trip-planner/")
    page.get_by_label("First day").fill(next_saturday())
    page.get_by_label("Days", exact=True).select_option("2")
    page.get_by_label("Day 1 starts at").select_option(label="The Temple House")
    page.get_by_label("Day 2 starts at").select_option(label="Hilton Chongqing")
    page.get_by_label("The trip ends at").select_option(label="Chongqing North Railway Station")
    page.get_by_label("Night views and nightlife", exact=True).check()
    page.get_by_label("How much you like it: Night views and nightlife").select_option(
        label="very much"
    )
    page.get_by_label("Hotpot, noodles and snacks", exact=True).check()
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
    page.locator("details.trip-change > summary").click()
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
    text_of_pdf = "".join(p.extract_text() for p in PdfReader(pdf.path()).pages)
    assert "Day 1" in text_of_pdf and "Day 2" in text_of_pdf and "High-speed train" in text_of_pdf
    assert dropped not in text_of_pdf
