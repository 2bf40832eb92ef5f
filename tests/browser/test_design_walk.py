"""A walk over every section of the site at a desktop's and a phone's width, in both languages:
no page scrolls sideways, and a full-page screenshot of each is kept as a test artefact
(test-artefacts/screenshots/<lang>-<width>-<name>.png, or under $TWINCITY_ARTEFACTS_DIR).
Then the shell's own behaviour on a phone: the menu button, the elderly-friendly switch, the
folding filters."""

import os
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.admin_session import admin_account
from tests.browser.job_fair import open_fair
from tests.support import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.layout]

WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 360, "height": 740}}
LOCALES = {"en": "en-US", "zh-hans": "zh-CN"}

# Fixed addresses, by the name of their screenshot; pages whose address depends on the demo's
# ids (an organisation, a vacancy, a fair, an event) are found by following the first link.
PAGES = [
    ("home", "/{lang}/"),
    ("news", "/{lang}/news/"),
    ("article", "/{lang}/news/chengdu-chongqing-ramp-up-cooperation/"),
    ("search", "/{lang}/search/?q=Hongyadong"),
    ("directory", "/{lang}/directory/"),
    ("organisation", ("/{lang}/directory/", r"/directory/\d+/$")),
    ("jobs", "/{lang}/jobs/"),
    ("vacancy", ("/{lang}/jobs/", r"/jobs/\d+/$")),
    ("fairs", "/{lang}/jobs/fairs/"),
    ("fair", ("/{lang}/jobs/fairs/", r"/jobs/fairs/[^/]+/$")),
    ("events", "/{lang}/events/"),
    ("event", ("/{lang}/events/", r"/events/[a-z0-9-]+/$")),
    ("registration", ("event", r"/events/\d+/register/$")),
    ("travel", "/{lang}/travel/"),
    ("place", "/{lang}/travel/hongyadong/"),
    ("guidebook", "/{lang}/travel/guide-tale-of-two-cities/"),
    ("trip-planner", "/{lang}/trip-planner/"),
    ("invest", "/{lang}/invest/"),
    ("opportunities", "/{lang}/invest/opportunities/"),
    ("opportunity", "/{lang}/invest/opportunities/liangjiang-ev-drive-units/"),
    ("park", "/{lang}/invest/parks/liangjiang-new-area/"),
    ("policies", "/{lang}/invest/policies/"),
    ("guide", "/{lang}/invest/registering-a-foreign-invested-enterprise/"),
    ("sign-in", "/{lang}/accounts/login/"),
]

# Elements whose right edge passes the viewport's, except inside a box that scrolls or clips
# them (a table in .table-wrap, a map's tiles) and text hidden for screen readers only.
OVERFLOWING = """() => {
  const width = window.innerWidth;
  const contained = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)
          && box.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  const found = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1 || contained(element)) continue;
    if (getComputedStyle(element).clip === "rect(0px, 0px, 0px, 0px)") continue;
    found.push(`${element.tagName.toLowerCase()}.${[...element.classList].join(".")} right=${Math.round(box.right)}`);
    if (found.length === 5) break;
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, found};
}"""


def artefacts_dir() -> Path:
    base = Path(os.environ.get("TWINCITY_ARTEFACTS_DIR", ROOT / "test-artefacts"))
    folder = base / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def first_link(tab: Page, pattern: str) -> str | None:
    hrefs = tab.eval_on_selector_all("main a[href]", "links => links.map(a => a.pathname)")
    return next((href for href in hrefs if re.search(pattern, href)), None)


def overflow_of(tab: Page) -> str | None:
    """What sticks out of the viewport on the page shown, or None."""
    measured = tab.evaluate(OVERFLOWING)
    if measured["scrollWidth"] <= measured["width"] and not measured["found"]:
        return None
    return f"scrollWidth {measured['scrollWidth']} > {measured['width']}: {measured['found']}"


def sign_in_to_the_admin(tab: Page, username: str, password: str) -> None:
    """Through the admin's form, whatever language the browser asks it in."""
    tab.goto("/admin/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(password)
    tab.locator("form button[type=submit]").first.click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))


@pytest.fixture
def walker(browser, site):
    contexts = []

    def open_walk(language: str, size: str) -> Page:
        context = browser.new_context(
            base_url=site.base_url, locale=LOCALES[language], viewport=WIDTHS[size]
        )
        contexts.append(context)
        return context.new_page()

    yield open_walk
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def job_fair(site) -> int:
    """The browser tests' demo has no job fair (load_demo --skip talent): open one, with a
    vacancy, so that the walk sees the fair and vacancy pages too."""
    return open_fair(
        site, f"design-{uuid.uuid4().hex[:8]}", "walk-password-5521", "Walk dispatcher"
    )


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("language", LOCALES)
def test_every_section_fits_the_screen(walker, site, job_fair, language, size):
    tab = walker(language, size)
    folder = artefacts_dir()
    visited: dict[str, str] = {}
    problems = []

    def look_at(name: str, path: str) -> None:
        response = tab.goto(path)
        assert response.status == 200, f"{name}: {path} answered {response.status}"
        visited[name] = path
        tab.screenshot(
            path=folder / f"{language}-{WIDTHS[size]['width']}-{name}.png", full_page=True
        )
        if problem := overflow_of(tab):
            problems.append(f"{name} ({path}): {problem}")

    for name, where in PAGES:
        if isinstance(where, str):
            look_at(name, where.format(lang=language))
            continue
        start, pattern = where
        start = visited.get(start) or start.format(lang=language)
        if tab.url.removeprefix(site.base_url) != start:
            tab.goto(start)
        if target := first_link(tab, pattern):
            look_at(name, target)

    assert {"organisation", "vacancy", "fair", "event", "registration"} <= visited.keys(), visited
    # The style guide, signed in as staff (the page cache serves nothing to a session).
    sign_in_to_the_admin(
        tab, f"walker-{language}-{size}", admin_account(site, f"walker-{language}-{size}")
    )
    look_at("styleguide", f"/{language}/styleguide/")
    assert not problems, "\n".join(problems)


@pytest.fixture
def phone(open_tab) -> Page:
    return open_tab(locale="zh-CN", viewport=WIDTHS["phone"])


def test_the_menu_button_opens_and_closes_the_navigation_on_a_phone(phone):
    phone.goto("/zh-hans/")
    menu = phone.get_by_role("button", name="菜单")
    nav = phone.get_by_role("navigation", name="主导航")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="招聘会")).to_be_hidden()
    # The language switch stays one tap away with the menu closed.
    expect(
        phone.get_by_role("navigation", name="语言").get_by_role("link", name="English")
    ).to_be_visible()

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="招聘会")).to_be_visible()
    expect(nav.get_by_role("searchbox")).to_be_visible()
    menu.click()
    expect(nav.get_by_role("link", name="招聘会")).to_be_hidden()

    menu.click()
    phone.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()


def root_font_size(tab: Page) -> float:
    return tab.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_the_care_mode_switch_enlarges_the_type_and_is_remembered(phone, site):
    phone.goto("/zh-hans/news/")
    switch = phone.get_by_role("button", name="长者模式")
    expect(switch).to_have_attribute("aria-pressed", "false")
    standard = root_font_size(phone)
    body_text = phone.evaluate("getComputedStyle(document.body).color")

    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "true")
    assert root_font_size(phone) >= standard * 1.2
    phone.reload()
    expect(phone.locator("html")).to_have_class(re.compile(r"\bcare-mode\b"))
    expect(phone.get_by_role("button", name="长者模式")).to_have_attribute("aria-pressed", "true")
    assert root_font_size(phone) >= standard * 1.2
    assert phone.evaluate("getComputedStyle(document.body).color") != body_text  # pure black
    # Another page of the site remembers it too.
    phone.goto("/en/travel/")
    expect(phone.locator("html")).to_have_class(re.compile(r"\bcare-mode\b"))
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    phone.get_by_role("button", name="Large text").click()
    phone.reload()
    expect(phone.locator("html")).not_to_have_class(re.compile(r"\bcare-mode\b"))
    assert root_font_size(phone) == standard


def test_the_html_is_the_same_in_either_mode(site):
    """The mode lives in the browser only: the page cache can serve one page to everyone."""
    import urllib.request

    def fetch(cookie: str) -> bytes:
        request = urllib.request.Request(
            site.base_url + "/en/jobs/fairs/", headers={"Cookie": cookie}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read()

    fetch("")  # the first rendering makes the images' renditions, whose addresses then stay
    assert fetch("") == fetch("twincity-care-mode=on")
    assert b"care-mode" not in fetch("").split(b"</head>")[1]


def test_the_filters_fold_away_on_a_phone_and_count_what_is_applied(phone):
    phone.goto("/en/events/")
    panel = phone.locator("details.filter-panel")
    expect(panel).not_to_have_attribute("open", "")
    expect(panel.locator(".filter-panel__count")).to_have_count(0)
    expect(phone.get_by_label("City", exact=True)).to_be_hidden()
    # The first result is on the first screen.
    first = phone.locator("main .article-card, main .card").first
    assert first.bounding_box()["y"] < WIDTHS["phone"]["height"]

    panel.locator("summary").click()
    phone.get_by_label("City", exact=True).select_option("chengdu")
    phone.get_by_label("When", exact=True).select_option("upcoming")
    phone.get_by_role("button", name="Show events").click()
    expect(phone).to_have_url(re.compile(r"city=chengdu"))
    expect(panel.locator(".filter-panel__count")).to_have_text(re.compile(r"^2\b"))
    expect(panel.get_by_role("link", name="Clear the filters")).to_be_visible()


def test_the_filters_are_open_on_a_wide_screen(open_tab):
    tab = open_tab(locale="en-US", viewport=WIDTHS["desktop"])
    tab.goto("/en/directory/")
    expect(tab.locator("details.filter-panel")).to_have_attribute("open", "")
    expect(tab.get_by_label("City", exact=True)).to_be_visible()
