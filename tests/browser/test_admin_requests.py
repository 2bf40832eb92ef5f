"""The admin asks no other host for anything: walked page by page in a real browser, every
request goes to the site itself. No avatar from Gravatar (WAGTAIL_GRAVATAR_PROVIDER_URL is
None: a foreign host, blocked in mainland China, that would learn who uses the admin), no
script, style, font or image from elsewhere."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.admin_session import admin_account, page_ids, sign_in
from twincity.news.demo import read_articles

pytestmark = pytest.mark.browser

SEED_SLUG = read_articles()[0]["slug"]
# Menu entries that are actions, not pages to look at.
NOT_PAGES = re.compile(r"/admin/logout/")
# Whatever the page refers to that a browser fetches by itself.
RESOURCES = "img[src], script[src], link[href], iframe[src], source[src], video[src], audio[src]"


def menu_pages(tab: Page) -> list[str]:
    """Every admin page the sidebar links to (its menus are data for its script)."""
    props = tab.locator("#wagtail-sidebar-props").text_content()
    links = set(re.findall(r'"(/admin/[^"]*)"', props))
    return sorted(link for link in links if not NOT_PAGES.search(link))


def resources_of(tab: Page) -> list[str]:
    return tab.eval_on_selector_all(RESOURCES, "nodes => nodes.map(node => node.src || node.href)")


def foreign(urls, site_origin: str) -> list[str]:
    def origin(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    return [
        url
        for url in urls
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and origin(url) != site_origin
    ]


def test_no_admin_page_asks_another_host_for_anything(open_tab, site):
    tab = open_tab(locale="en-US", viewport={"width": 1400, "height": 1000})
    requested = []
    tab.context.on("request", lambda request: requested.append(request.url))
    sign_in(tab, "walker", admin_account(site, "walker"))
    ids = page_ids(site, SEED_SLUG)
    pages = [
        "/admin/",
        "/admin/account/",
        f"/admin/pages/{ids['en']}/edit/",  # the page editor
        f"/admin/pages/{ids['zh-hans']}/edit/",  # the translation editor
        *menu_pages(tab),  # reports, settings, and every app's pages
    ]
    referred = {}
    for path in pages:
        response = tab.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        tab.wait_for_load_state("networkidle")
        referred[path] = foreign(
            [urljoin(tab.url, url) for url in resources_of(tab)], site.base_url
        )

    assert len(pages) > 20  # the walk reached the menus' pages
    assert not foreign(requested, site.base_url)
    assert not {path: urls for path, urls in referred.items() if urls}


def test_the_editors_avatar_is_wagtails_own_default_image(open_tab, site):
    tab = open_tab(locale="en-US", viewport={"width": 1400, "height": 1000})
    sign_in(tab, "walker", admin_account(site, "walker"))
    tab.goto("/admin/account/")
    avatars = tab.locator("img.avatar, .avatar img")
    expect(avatars.first).to_be_attached()
    for source in avatars.evaluate_all("images => images.map(image => image.src)"):
        assert re.search(r"/static/wagtailadmin/images/default-user-avatar\.[\w.]*png", source)
