"""An editor at work in the Wagtail admin: scheduling, moderation, preview and translation.

Everything goes through the admin's own forms in a real browser, signed in as `editor`; what
visitors see is checked from a separate browser context without a session. Each test creates
articles of its own (dated before every demo article, so they never push demo items off the
first page of the news center) and leaves the demo content alone.
"""

import datetime
import re
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ADMIN_TIME_ZONE = ZoneInfo("Asia/Shanghai")  # settings.TIME_ZONE; the editor has none of their own
ARTICLE_DATE = "2019-03-01"
# Far enough ahead that no run of the test reaches it: the test then moves the go-live time
# into the past, as time would, instead of waiting for it.
SCHEDULE_AHEAD = datetime.timedelta(days=1)
AUTOSAVE_TIMEOUT = 30_000  # ms


def unique(words: str) -> str:
    """A title nobody else uses; its slug is the same words, lowercased and hyphenated."""
    return f"{words} {uuid.uuid4().hex[:8]}"


def slug_of(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


@pytest.fixture
def editor(open_tab, site) -> Page:
    """A browser tab signed in to the admin as `editor`, through the login form."""
    password = (Path(site.env["TWINCITY_VAR_DIR"]) / "editor-password.txt").read_text().strip()
    tab = open_tab(locale="en-US", viewport={"width": 1400, "height": 1000})
    # Wagtail's edit forms start watching for edits two seconds after they load (edits made
    # before then count as the starting point); note when they do.
    tab.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => { window.editsWatched = true; });"
    )
    tab.goto("/admin/")
    expect(tab.get_by_role("heading", name="Sign in to Wagtail")).to_be_visible()
    tab.get_by_role("textbox", name="Username").fill("editor")
    tab.get_by_role("textbox", name="Password").fill(password)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    expect(tab.get_by_role("heading", name="editor", level=2)).to_be_visible()
    return tab


@pytest.fixture
def visitor(page) -> Page:
    """An anonymous visitor, in a browser context of their own."""
    return page


@pytest.fixture
def chinese_visitor(open_tab) -> Page:
    """An anonymous visitor whose browser asks for Chinese first."""
    return open_tab(locale="zh-CN")


def admin_messages(editor: Page):
    return editor.get_by_role("main").get_by_role("status").first


def open_new_article_form(editor: Page) -> None:
    """Pages → Home → News center → Add child page (news articles are its only child type)."""
    editor.goto("/admin/pages/")
    editor.get_by_role("link", name="Explore child pages of 'Home [demo]'").click()
    editor.get_by_role("link", name="Explore child pages of 'News center [demo]'").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Exploring: News center [demo]")
    editor.get_by_role("link", name="Add child page").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("New: News article")
    if has_autosave(editor):
        # Type only once the form watches for edits, as a person would, so that autosave
        # (which follows the edits it sees) surely creates the page; see fill_article.
        editor.wait_for_function("() => window.editsWatched === true")


def has_autosave(editor: Page) -> bool:
    return editor.locator("form[data-controller~='w-autosave']").count() > 0


def fill_article(editor: Page, title: str, lead: str, paragraph: str) -> None:
    editor.get_by_role("textbox", name="Title*").fill(title)
    editor.get_by_role("textbox", name="Date*").fill(ARTICLE_DATE)
    editor.get_by_role("textbox", name="Lead*").fill(lead)
    body = editor.get_by_role("region", name="Body*")
    body.get_by_role("button", name="Insert a block").first.click()
    editor.get_by_role("option", name="Paragraph").click()
    # Draftail keeps its own state: type into it as a person would (fill() bypasses it).
    body.get_by_role("region", name="Paragraph *").get_by_role("textbox").click()
    editor.keyboard.type(paragraph)
    expect(editor.locator("input[name='body-0-value']")).to_have_value(
        re.compile(re.escape(paragraph))
    )
    wait_for_autosave_to_create_the_page(editor)


def wait_for_autosave_to_create_the_page(editor: Page) -> None:
    """Wagtail autosaves the form half a second after a change; for a new page, the first
    autosave creates it and turns the form into the page's edit form. A submit sent while
    that autosave is on its way would create the page a second time, so wait for it."""
    if has_autosave(editor):
        # A round trip to the server, slower when the machine is busy (CI runs the site,
        # the browser and the tests on two cores): allow it time rather than fail.
        expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=AUTOSAVE_TIMEOUT)
        expect(editor.locator("#w-autosave-indicator")).to_have_attribute(
            "data-w-autosave-state-value", "saved", timeout=AUTOSAVE_TIMEOUT
        )


def footer_action(editor: Page, name: str) -> None:
    """Run one of the actions in the footer's "More actions" menu."""
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name=name, exact=True).click()


def publish_new_article(editor: Page, title: str, lead: str, paragraph: str) -> str:
    """Create and publish an English article through the admin; returns its public path."""
    open_new_article_form(editor)
    fill_article(editor, title, lead, paragraph)
    footer_action(editor, "Publish")
    expect(admin_messages(editor)).to_contain_text(re.compile(f"Page '{title}' .*published"))
    path = f"/en/news/{slug_of(title)}/"
    expect(admin_messages(editor).get_by_role("link", name="View live")).to_have_attribute(
        "href", re.compile(re.escape(path) + "$")
    )
    return path


def edit_article(editor: Page, title: str) -> None:
    """Open an article's edit view from the News center listing."""
    editor.goto("/admin/pages/")
    editor.get_by_role("link", name="Explore child pages of 'Home [demo]'").click()
    editor.get_by_role("link", name="Explore child pages of 'News center [demo]'").click()
    editor.get_by_role("link", name=title, exact=True).click()
    expect(editor.get_by_role("heading", level=1)).to_have_text(f"Editing News article: {title}")


def open_side_panel(editor: Page, name: str):
    """Open the edit view's side panel `name` (the admin remembers whether it was open)."""
    # The side panels restore their last state from local storage, then drop this class.
    expect(editor.locator("[data-form-side]")).not_to_have_class(re.compile("form-side--initial"))
    toggle = editor.get_by_role("button", name=f"Toggle {name.lower()}")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    panel = editor.get_by_role("complementary", name=name)
    expect(panel).to_be_visible()
    return panel


def expect_public_title(visitor: Page, path: str, title: str) -> None:
    response = visitor.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)


def first_whole_minute_after(moment: datetime.datetime) -> datetime.datetime:
    return moment.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)


# Moves a scheduled page's go-live time a minute into the past, in the site's database: the
# time on the scheduled revision (which publish_scheduled looks at) and in its content (which
# Wagtail checks again when it publishes).
BACKDATE_GO_LIVE = """
import datetime
from django.utils import timezone
from wagtail.models import Page

page = Page.objects.get(title={title!r})
(revision,) = page.revisions.filter(approved_go_live_at__isnull=False)
past = timezone.now() - datetime.timedelta(minutes=1)
revision.approved_go_live_at = past
revision.content["go_live_at"] = past.isoformat()
revision.save(update_fields=["approved_go_live_at", "content"])
Page.objects.filter(pk=page.pk).update(go_live_at=past)
"""


def test_editor_schedules_a_new_article_and_it_goes_live_when_the_worker_runs(
    editor, visitor, site
):
    title = unique("Ferry service schedule")
    path = f"/en/news/{slug_of(title)}/"
    open_new_article_form(editor)
    fill_article(
        editor,
        title,
        "A new river ferry links the two cities from next week.",
        "The ferry stops at Chaotianmen and at the new Hejiang pier.",
    )

    go_live = first_whole_minute_after(datetime.datetime.now(ADMIN_TIME_ZONE) + SCHEDULE_AHEAD)
    status = open_side_panel(editor, "Status")
    expect(status).to_contain_text("No publishing schedule set")
    status.get_by_role("button", name="Set schedule").click()
    dialog = editor.get_by_role("dialog", name="Set publishing schedule")
    dialog.get_by_role("textbox", name="Go live date/time").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # The date picker opens (100 ms after focus) over the dialog's button; click it away.
    date_picker = editor.locator(".xdsoft_datetimepicker:visible")
    expect(date_picker).to_have_count(1)
    dialog.get_by_role("heading", name="Set publishing schedule").click()
    expect(date_picker).to_have_count(0)
    dialog.get_by_role("button", name="Save schedule").click()

    # Saving the schedule saves the new page as a draft and shows when it will go live.
    expect(editor.get_by_role("heading", level=1)).to_have_text(f"Editing News article: {title}")
    expect(editor.locator("#id_go_live_at")).to_have_value(go_live.strftime("%Y-%m-%d %H:%M"))
    expect(open_side_panel(editor, "Status")).to_contain_text("Go-live:")
    footer_action(editor, "Schedule to publish")
    expect(admin_messages(editor)).to_contain_text(f"Page '{title}' has been scheduled")

    assert visitor.goto(path).status == 404, f"a page scheduled for {go_live} is visible"

    # The worker publishes nothing before its time...
    site.manage("worker", "--once")
    assert visitor.goto(path).status == 404, "the worker published a page before its time"

    # ...and publishes it once the go-live time has passed.
    site.manage("shell", stdin=BACKDATE_GO_LIVE.format(title=title))
    site.manage("worker", "--once")

    expect_public_title(visitor, path, title)
    expect(visitor.get_by_role("main")).to_contain_text("The ferry stops at Chaotianmen")

    edit_article(editor, title)
    status = open_side_panel(editor, "Status")
    expect(status.get_by_role("region", name="Status: Live")).to_be_visible()


def test_change_submitted_for_moderation_goes_live_once_approved(editor, visitor):
    title = unique("Tea house festival")
    revised = f"{title} extended"
    path = publish_new_article(
        editor,
        title,
        "Tea houses in both cities open late for a week.",
        "Sichuan opera performers visit twelve tea houses.",
    )

    edit_article(editor, title)
    editor.get_by_role("textbox", name="Title*").fill(revised)
    footer_action(editor, "Submit to Moderators approval")
    expect(admin_messages(editor)).to_contain_text(
        f"Page '{revised}' has been submitted for moderation."
    )
    expect_public_title(visitor, path, title)

    # The editor is a superuser, so the change waits for their review on the dashboard.
    editor.goto("/admin/")
    review = editor.get_by_role("region", name="Awaiting your review")
    review.get_by_role("link", name=revised, exact=True).click()
    expect(editor.get_by_role("heading", level=1)).to_have_text(f"Editing News article: {revised}")
    status = open_side_panel(editor, "Status")
    expect(status.get_by_role("region", name="Status: In Moderation")).to_be_visible()
    footer_action(editor, "Approve and Publish")
    expect(admin_messages(editor)).to_contain_text(f"Page '{revised}' has been updated.")

    expect_public_title(visitor, path, revised)
    editor.goto("/admin/")
    expect(
        editor.get_by_role("region", name="Awaiting your review").get_by_role(
            "link", name=revised, exact=True
        )
    ).to_have_count(0)


def test_preview_shows_the_draft_while_visitors_see_the_published_page(editor, visitor):
    title = unique("Metro line opening")
    draft_title = f"{title} draft"
    path = publish_new_article(
        editor,
        title,
        "Line 27 opens to passengers on Saturday.",
        "Trains run every four minutes at peak hours.",
    )

    edit_article(editor, title)
    editor.get_by_role("textbox", name="Title*").fill(draft_title)
    editor.get_by_role("button", name="Save draft").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text(
        f"Editing News article: {draft_title}"
    )

    preview_panel = open_side_panel(editor, "Preview")
    with editor.expect_popup() as popup:
        preview_panel.get_by_role("link", name="Preview in new tab").click()
    preview = popup.value
    expect(preview.get_by_role("heading", level=1)).to_have_text(draft_title)
    expect(preview.get_by_role("main")).to_contain_text("Trains run every four minutes")
    preview.close()

    expect_public_title(visitor, path, title)


def test_editor_translates_a_new_article_into_simplified_chinese(editor, chinese_visitor):
    title = unique("Riverside cycling path")
    title_zh = f"滨江自行车道开通 {title.rsplit(' ', 1)[1]}"
    path = publish_new_article(
        editor,
        title,
        "A cycling path now runs along the Jialing River.",
        "The path is twelve kilometres long.",
    )
    path_zh = path.replace("/en/", "/zh-hans/", 1)

    edit_article(editor, title)
    actions = editor.get_by_role("navigation", name="Actions", exact=True)
    actions.get_by_role("button", name="Actions", exact=True).click()
    actions.get_by_role("link", name="Translate this page").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text(f"Translate page {title}")
    editor.get_by_role("checkbox", name="简体中文").check()
    editor.get_by_role("button", name="Submit").click()
    expect(admin_messages(editor)).to_contain_text("successfully submitted for translation")

    for field, text in [
        ("Title", title_zh),
        ("Lead", "嘉陵江边新开一条自行车道。"),
        ("Paragraph", "自行车道全长十二公里。"),
    ]:
        segment = editor.get_by_role("listitem").filter(
            has=editor.get_by_role("heading", name=field, exact=True)
        )
        segment.get_by_role("button", name="Translate").click()
        segment.get_by_role("textbox").fill(text)
        segment.get_by_role("button", name="Save").click()
        expect(segment).to_contain_text("Translated manually")
    editor.get_by_role("button", name="Publish in 简体中文").click()
    expect(admin_messages(editor)).to_contain_text(f"Published '{title_zh}' in 简体中文")

    reader = chinese_visitor
    expect_public_title(reader, path_zh, title_zh)
    expect(reader.get_by_role("main")).to_contain_text("自行车道全长十二公里。")
    expect(reader.locator("html")).to_have_attribute("lang", "zh-hans")
    reader.goto(path)
    expect(reader.get_by_role("heading", level=1)).to_have_text(title)
    reader.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()
    expect(reader).to_have_url(re.compile(re.escape(path_zh) + "$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text(title_zh)
