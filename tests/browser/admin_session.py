"""Admin accounts of a browser test's own, signed in through the login form.

Each test that changes an account's preferences (its admin language) gets an account of its
own, so that the `editor` of the other tests keeps the English admin they expect.
"""

import json
import re
import secrets

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

MAKE_ACCOUNT = """
from django.contrib.auth import get_user_model
user, _created = get_user_model().objects.get_or_create(
    username={username!r},
    defaults={{"email": "{username}@example.org", "first_name": "Li", "last_name": "Hua"}},
)
user.is_staff = user.is_superuser = True
user.set_password({password!r})
user.save()
"""
PAGE_IDS = """
import json
from wagtail.models import Page
pages = Page.objects.filter(slug={slug!r}).select_related("locale")
print(json.dumps({{page.locale.language_code: page.pk for page in pages}}))
"""


def admin_account(site, username: str) -> str:
    """A superuser `username` (made once, with a new password each time); its password."""
    password = secrets.token_urlsafe(12)
    site.manage("shell", "-c", MAKE_ACCOUNT.format(username=username, password=password))
    return password


def sign_in(tab: Page, username: str, password: str) -> None:
    tab.goto("/admin/")
    tab.get_by_role("textbox", name="Username").fill(username)
    tab.get_by_role("textbox", name="Password").fill(password)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))


def page_ids(site, slug: str) -> dict[str, int]:
    """The id of the page with this slug in each language, by language code."""
    return json.loads(site.manage("shell", "-c", PAGE_IDS.format(slug=slug)).splitlines()[-1])


def open_sidebar_item(tab: Page, menu: str, item: str) -> None:
    """The admin sidebar's `menu` → `item`, as an editor clicks them.

    The sidebar is drawn by script after the page loads; on a busy machine a click can land
    before it settles and the submenu closes again, so the menu is opened until the item shows.
    The menu button toggles: it is clicked only while it says it is closed (aria-expanded), so
    a slow submenu that is still opening is never closed again by the next attempt. If the
    submenu still does not open (it happened twice in full runs, never alone), the item must
    at least be in the menu: its link is followed as it stands.
    """
    tab.wait_for_load_state("load")
    button = tab.get_by_role("button", name=menu, exact=True)
    link = tab.get_by_role("link", name=item, exact=True)
    for _attempt in range(3):
        if not link.is_visible() and button.get_attribute("aria-expanded") != "true":
            button.click()
        try:
            link.wait_for(state="visible", timeout=10_000)
        except PlaywrightTimeout:
            continue
        link.click()
        return
    props = json.loads(tab.locator("#wagtail-sidebar-props").text_content())
    url = menu_item_url(props, menu, item)
    assert url, f"{menu} → {item} is not in the admin sidebar"
    tab.goto(url)


def menu_item_url(props, menu: str, item: str, inside: bool = False) -> str | None:
    """The url of the sidebar's `menu` → `item`, from the props the sidebar is drawn from
    (telepath JSON: {"_type": "wagtail.sidebar.SubMenuItem", "_args": [{"label": ...}, [...]]})."""
    if isinstance(props, list):
        found = (menu_item_url(value, menu, item, inside) for value in props)
        return next((url for url in found if url), None)
    if not isinstance(props, dict):
        return None
    args = props.get("_args") or []
    own = args[0] if args and isinstance(args[0], dict) else {}
    if inside and own.get("label") == item and own.get("url"):
        return own["url"]
    entering = props.get("_type") == "wagtail.sidebar.SubMenuItem" and own.get("label") == menu
    return menu_item_url(list(props.values()), menu, item, inside or entering)
