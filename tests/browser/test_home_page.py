"""The home page in a real browser: every request goes to the site itself, every picture loads."""

from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.layout]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("width", [1366, 360])
def test_home_page_loads_every_picture_from_the_site_itself(open_tab, site, language, width):
    tab = open_tab(locale="en-US", viewport={"width": width, "height": 900})
    hosts = set()
    tab.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    tab.goto(f"/{language}/")
    # Lazy pictures load once scrolled to: bring each into view, then wait for it.
    for image in tab.locator("main img").all():
        image.scroll_into_view_if_needed()
    tab.wait_for_function("[...document.querySelectorAll('main img')].every(i => i.complete)")
    widths = tab.eval_on_selector_all("main img", "images => images.map(i => i.naturalWidth)")
    assert len(widths) >= 8 and all(w > 0 for w in widths), widths
    assert hosts == {urlparse(site.base_url).netloc}, hosts
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
