"""An editor keeps the demo's Chinese pages with wagtail-localize, in an English or a Chinese
admin: the seed article's Chinese version is its translation (core/demo_translations.py), so
the English page offers to sync it, the Chinese page opens in the translation editor, a
changed segment reaches the public Chinese page, and Reports → Translations lists the demo's
translations, all up to date."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.admin_session import admin_account, open_sidebar_item, page_ids, sign_in
from twincity.news.demo import read_articles

pytestmark = pytest.mark.browser

SEED = read_articles()[0]
SEED_PATH_ZH = f"/zh-hans/news/{SEED['slug']}/"
# The admin's own words for what the test clicks, in each language it is walked in. Some of
# Wagtail's and wagtail-localize's stay English in the Chinese admin ("Translations" in the
# Reports menu, the "Actions" menu's landmark).
ADMIN_WORDS = {
    "en": {
        "actions menu": "Actions",
        "actions": "Actions",
        "sync": "Sync translated pages",
        "status": "Status",
        "toggle status": "Toggle status",
        "switch locales": "Switch locales",
        "lead": "Lead",
        "edit": "Edit",
        "save": "Save",
        "translated": "Translated manually",
        "publish": "Publish in 简体中文",
        "published": "Published '{title}' in 简体中文.",
        "reports": "Reports",
        "translations": "Translations",
        "up to date": "Up to date",
        "waiting": "Waiting for translations",
    },
    "zh-hans": {
        "actions menu": "Actions",
        "actions": "操作",
        "sync": "同步翻译的页面",
        "status": "状态",
        "toggle status": "状态开关",
        "switch locales": "切换语言",
        "lead": "摘要",
        "edit": "编辑",
        "save": "保存",
        "translated": "手工翻译于",
        "publish": "发布在简体中文",
        "published": "已在 简体中文 中发布 '{title}' .",
        "reports": "报告",
        "translations": "Translations",
        "up to date": "保持最新",
        "waiting": "待翻译",
    },
}
# Puts the seed article's Chinese lead back as the demo wrote it, through wagtail-localize.
RESTORE_LEAD = """
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation
english = Page.objects.get(slug={slug!r}, locale__language_code="en")
lead = StringTranslation.objects.get(
    context__object_id=english.translation_key, context__path="lead",
    locale__language_code="zh-hans",
)
lead.data = {lead!r}
lead.save()
Translation.objects.get(
    source__object_id=english.translation_key, target_locale=lead.locale
).save_target(publish=True)
"""


@pytest.fixture
def seed_lead_restored(site):
    """Other tests read the seed article's Chinese page: give it back its lead afterwards."""
    yield
    site.manage("shell", "-c", RESTORE_LEAD.format(slug=SEED["slug"], lead=SEED["lead_zh"]))


def use_admin_language(tab: Page, language: str) -> None:
    """Account → Preferred language, as an editor sets it (the login page was in English)."""
    if language == "en":
        return
    tab.goto("/admin/account/")
    tab.get_by_role("combobox", name="Preferred language").select_option(language)
    tab.get_by_role("button", name="Save").click()
    expect(tab.locator("html")).to_have_attribute("lang", language)


def open_chinese_translation(tab: Page, words: dict, english_id: int) -> None:
    """From the English page's edit view: its status panel's locale switch, to 简体中文."""
    tab.goto(f"/admin/pages/{english_id}/edit/")
    actions = tab.get_by_role("navigation", name=words["actions menu"], exact=True)
    actions.get_by_role("button", name=words["actions"], exact=True).click()
    expect(actions.get_by_role("link", name=words["sync"])).to_be_visible()
    tab.keyboard.press("Escape")
    side_panels = tab.locator("[data-form-side]:not([data-form-side-explorer])")
    expect(side_panels).not_to_have_class(re.compile("form-side--initial"))
    toggle = tab.get_by_role("button", name=words["toggle status"])
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    status = tab.get_by_role("complementary", name=words["status"])
    status.get_by_role("button", name=words["switch locales"]).click()
    status.get_by_role("link", name="简体中文").click()


def close_status_panel(tab: Page, words: dict) -> None:
    """The admin remembers the open status panel; in the translation editor it would cover
    the segments."""
    status = tab.get_by_role("complementary", name=words["status"])
    if status.is_visible():
        tab.get_by_role("button", name=words["toggle status"]).click()
    expect(status).to_be_hidden()


def translate_segment(tab: Page, words: dict, field: str, text: str) -> None:
    segment = tab.get_by_role("listitem").filter(
        has=tab.get_by_role("heading", name=words[field], exact=True)
    )
    segment.get_by_role("button", name=words["edit"], exact=True).click()
    segment.get_by_role("textbox").fill(text)
    segment.get_by_role("button", name=words["save"], exact=True).click()
    expect(segment).to_contain_text(text)
    expect(segment).to_contain_text(words["translated"])


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_editor_changes_the_seed_articles_translation_and_it_goes_live(
    open_tab, site, language, seed_lead_restored
):
    words = ADMIN_WORDS[language]
    tab = open_tab(locale="en-US", viewport={"width": 1400, "height": 1000})
    username = f"translator-{language}"
    sign_in(tab, username, admin_account(site, username))
    use_admin_language(tab, language)
    ids = page_ids(site, SEED["slug"])
    new_lead = f"{SEED['lead_zh']}（{language}编辑修订）"

    open_chinese_translation(tab, words, ids["en"])
    expect(tab).to_have_url(re.compile(rf"/admin/pages/{ids['zh-hans']}/edit/$"))
    expect(tab).to_have_title(re.compile(re.escape(SEED["title_en"])))
    expect(tab.get_by_role("heading", name=words["lead"], exact=True)).to_be_visible()
    close_status_panel(tab, words)
    translate_segment(tab, words, "lead", new_lead)
    tab.get_by_role("button", name=words["publish"]).click()
    expect(tab.get_by_role("main").get_by_role("status").first).to_contain_text(
        words["published"].format(title=SEED["title_zh"])
    )

    reader = open_tab(locale="zh-CN")
    reader.goto(SEED_PATH_ZH)
    expect(reader.get_by_role("heading", level=1)).to_have_text(SEED["title_zh"])
    expect(reader.get_by_role("main")).to_contain_text(new_lead)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_translations_report_lists_the_demos_translations(open_tab, site, language):
    words = ADMIN_WORDS[language]
    tab = open_tab(locale="en-US", viewport={"width": 1400, "height": 1000})
    username = f"reporter-{language}"
    sign_in(tab, username, admin_account(site, username))
    use_admin_language(tab, language)

    open_sidebar_item(tab, words["reports"], words["translations"])

    rows = tab.get_by_role("main").get_by_role("row")
    seed = rows.filter(has_text=f"{SEED['title_zh']} (简体中文)")
    expect(seed).to_contain_text(f"{SEED['title_en']} (English)")
    expect(seed).to_contain_text(words["up to date"])
    expect(rows.filter(has_text="首页 [")).to_have_count(1)  # the home page ("[演示]": demo)
    expect(rows.filter(has_text=words["up to date"])).to_have_count(50)  # a full first page
    expect(rows.filter(has_text=words["waiting"])).to_have_count(0)
