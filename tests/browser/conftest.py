import pytest

from tests.conftest import require
from tests.support import CHROMIUM, CHROMIUM_ARGS, start_site


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    site, server = start_site(tmp_path_factory.mktemp("site") / "var")
    yield site
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), "Debian's Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site):
    """A fresh browser tab (no cookies) that asks for English first."""
    context = browser.new_context(base_url=site.base_url, locale="en-US")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
