"""WCAG 2.1 A and AA checks (axe-core, run in Chromium) on the pages visitors see most."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.layout]

PAGES = [
    "/en/",
    "/zh-hans/",
    "/en/news/",
    "/zh-hans/news/?category=latest-news",
    "/en/news/chengdu-chongqing-ramp-up-cooperation/",
    "/zh-hans/news/chengdu-chongqing-ramp-up-cooperation/",
    "/zh-hans/search/?q=宽窄巷子",
    "/en/search/?q=",
    "/en/no-such-page/",
    "/zh-hans/directory/?kind=planet",
    "/zh-hans/jobs/?q=物流&city=chengdu",
    "/en/jobs/fairs/",
    "/en/accounts/login/",
    "/zh-hans/accounts/password-reset/",
    "/en/accounts/check-your-email/",
    "/zh-hans/accounts/register/recruiter/",
    "/en/travel/",
    "/zh-hans/travel/?city=chengdu&kind=dining",
    "/en/travel/hongyadong/",
    "/zh-hans/travel/kuanzhai-alleys/",
    "/en/travel/guide-tale-of-two-cities/",
    "/zh-hans/travel/guide-chongqing/",
]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_no_violations(page) -> None:
    results = Axe().run(page, options=WCAG_21_AA)
    violations = [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}× e.g. {violation['nodes'][0]['html'][:120]})"
        for violation in results.response["violations"]
    ]
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(
    "viewport", [{"width": 375, "height": 740}, {"width": 1280, "height": 800}]
)
def test_page_has_no_wcag_21_aa_violations(open_tab, path, viewport):
    page = open_tab(viewport=viewport)
    page.goto(path)
    assert_no_violations(page)


# The elderly-friendly mode (care-mode) changes colours and sizes: a representative subset of
# the pages above, each kind of layout once, must pass in it too.
CARE_MODE_PAGES = [
    "/zh-hans/",
    "/en/news/chengdu-chongqing-ramp-up-cooperation/",
    "/zh-hans/search/?q=宽窄巷子",
    "/zh-hans/directory/?kind=planet",
    "/en/jobs/fairs/",
    "/zh-hans/accounts/register/recruiter/",
    "/zh-hans/travel/?city=chengdu&kind=dining",
    "/en/travel/hongyadong/",
]


@pytest.mark.parametrize("path", CARE_MODE_PAGES)
@pytest.mark.parametrize(
    "viewport", [{"width": 375, "height": 740}, {"width": 1280, "height": 800}]
)
def test_page_in_care_mode_has_no_wcag_21_aa_violations(open_tab, path, viewport):
    page = open_tab(viewport=viewport)
    page.goto(path)
    # As the header's switch leaves it: remembered in the browser, applied before the paint.
    page.evaluate("localStorage.setItem('twincity-care-mode', 'on')")
    page.reload()
    assert page.evaluate("document.documentElement.classList.contains('care-mode')")
    assert_no_violations(page)


def test_the_checker_finds_a_planted_violation(browser):
    """Proof the checks above can fail: low contrast and an image without alt text."""
    page = browser.new_page()
    page.set_content(
        '<html lang="en"><body><main><p style="color:#bbb;background:#fff">faint</p>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>'
    )
    found = {
        violation["id"] for violation in Axe().run(page, options=WCAG_21_AA).response["violations"]
    }
    page.close()
    assert {"color-contrast", "image-alt"} <= found
