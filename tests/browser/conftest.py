import pytest
from playwright.sync_api import expect

from tests.conftest import require
from tests.support import CHROMIUM, CHROMIUM_ARGS, start_site, stop_site

# CI runs the site, Chromium and the tests on two cores: wait up to 15 s for what the page
# will show (Playwright's default is 5 s). These are waits, not time limits on the product.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    site, server = start_site(tmp_path_factory.mktemp("site") / "var")
    yield site
    stop_site(server)


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), "Debian's Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread for the whole session, and
    # Django then refuses the database calls of every later test in the thread as "async
    # unsafe", though nothing runs concurrently: say so, for as long as the loop lives.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_tab(browser, site):
    """Opens tabs on the site, each in a browser context of its own (no shared cookies);
    all of them are closed after the test. Whatever the Content-Security-Policy blocked on any
    page the test walked, the site's or the admin's, fails the test: the policy must never
    break a page (core/security.py)."""
    contexts = []
    blocked = []

    def note_policy_violation(message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            blocked.append(f"{message.location.get('url')}: {message.text}")

    def open_one(**context_options):
        context = browser.new_context(base_url=site.base_url, **context_options)
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        tab.on("console", note_policy_violation)
        return tab

    yield open_one
    for context in contexts:
        context.close()
    assert not blocked, "the Content-Security-Policy blocked:\n" + "\n".join(blocked)


@pytest.fixture
def page(open_tab):
    """An anonymous visitor whose browser asks for English first."""
    return open_tab(locale="en-US")
