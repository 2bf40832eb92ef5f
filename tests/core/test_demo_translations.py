"""The demo's Chinese pages are wagtail-localize translations of their English pages
(core/demo_translations.py): registered by load_demo, complete, and given back unchanged when
wagtail-localize makes the Chinese page again from its segments."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from twincity.core.demo import rich_text, translate_page
from twincity.core.demo_translations import BLOCK_ID, register_demo_translations
from twincity.news.models import NewsArticlePage, NewsIndexPage
from twincity.tourism.demo import update_page
from twincity.tourism.models import PlacePage

pytestmark = pytest.mark.django_db

SEED_SLUG = "chengdu-chongqing-ramp-up-cooperation"
# What a revision or the tree changes when a page is published again; the content is the rest.
NOT_CONTENT = {
    "latest_revision",
    "live_revision",
    "latest_revision_created_at",
    "last_published_at",
    "first_published_at",
    "has_unpublished_changes",
    "draft_title",
    "path",
    "url_path",
}


def content(page: Page) -> dict:
    """The page's content as a revision stores it, StreamField block ids left out: they
    differ between a page the demo wrote and the same page made by wagtail-localize."""
    data = {
        name: parsed_stream(value)
        for name, value in page.serializable_data().items()
        if name not in NOT_CONTENT
    }
    return json.loads(BLOCK_ID.sub("*", json.dumps(data, sort_keys=True, default=str)))


def parsed_stream(value):
    """A StreamField comes as JSON text, whose keys PostgreSQL's jsonb reorders ("id" first):
    compare the blocks, not the text."""
    if isinstance(value, str) and value.startswith("[{"):
        return json.loads(value)
    return value


def chinese() -> Locale:
    return Locale.objects.get(language_code="zh-hans")


def seed_article(language: str = "en") -> NewsArticlePage:
    return NewsArticlePage.objects.get(slug=SEED_SLUG, locale__language_code=language)


def translation_of(page: Page) -> Translation:
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=chinese())


def demo_translations():
    return Translation.objects.select_related("source", "target_locale")


def test_every_chinese_page_of_the_demo_is_a_complete_translation_of_its_english_page():
    chinese_pages = Page.objects.filter(locale=chinese(), depth__gt=1)
    translated_keys = set(
        demo_translations()
        .filter(enabled=True, target_locale=chinese())
        .values_list("source__object_id", flat=True)
    )

    assert chinese_pages.count() > 100  # the home page, sections, news, events, places, guides
    assert set(chinese_pages.values_list("translation_key", flat=True)) == translated_keys
    assert seed_article().translation_key in translated_keys
    for translation in demo_translations():
        total, translated = translation.get_progress()
        assert total == translated > 0, translation.source.object_repr


def test_wagtail_localize_would_make_each_chinese_page_exactly_as_the_demo_wrote_it():
    """What "Sync translated pages" or publishing in the translation editor would write."""
    for translation in demo_translations():
        written = translation.get_target_instance().specific
        remade = translation.source.get_ephemeral_translated_instance(translation.target_locale)
        assert content(remade) == content(written), written.url_path


def test_publishing_from_wagtail_localize_keeps_the_chinese_text_and_tags(
    django_capture_on_commit_callbacks,
):
    one_per_page_type = {
        translation.source.specific_content_type_id: translation
        for translation in demo_translations()
    }
    for translation in [translation_of(seed_article()), *one_per_page_type.values()]:
        before = translation.get_target_instance().specific
        tags_before = sorted(before.tags.names()) if isinstance(before, NewsArticlePage) else None
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(publish=True)
        after = translation.get_target_instance().specific
        assert content(after) == content(before), after.url_path
        assert after.live and not after.has_unpublished_changes
        if tags_before is not None:
            assert sorted(after.tags.names()) == tags_before  # Chinese tags, not English


def test_a_changed_translation_reaches_the_live_chinese_page(django_capture_on_commit_callbacks):
    english, translation = seed_article(), translation_of(seed_article())
    title = StringTranslation.objects.get(
        context__object_id=english.translation_key, context__path="title", locale=chinese()
    )
    title.data = "成渝两地加力推进合作（修订）"
    title.save()

    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    assert seed_article("zh-hans").title == "成渝两地加力推进合作（修订）"
    assert seed_article("en").title == english.title


def test_loading_again_changes_nothing():
    counts = (Translation.objects.count(), StringTranslation.objects.count())
    segments = StringSegment.objects.count()

    result = register_demo_translations()

    assert result.mismatched == []
    assert (Translation.objects.count(), StringTranslation.objects.count()) == counts
    assert StringSegment.objects.count() == segments


def test_a_place_the_loader_updated_in_both_languages_is_brought_in_step():
    english = PlacePage.objects.get(slug="hongyadong", locale__language_code="en")
    update_page(english, {"summary": "Stilt houses on the cliff, lit up at night."})
    update_page(
        english.get_translation(chinese()).specific, {"summary": "悬崖上的吊脚楼，夜里灯火通明。"}
    )

    register_demo_translations()

    translation = translation_of(english)
    remade = translation.source.get_ephemeral_translated_instance(chinese())
    assert remade.summary == "悬崖上的吊脚楼，夜里灯火通明。"
    assert translation.get_progress()[0] == translation.get_progress()[1]


def test_a_translation_an_editor_stopped_syncing_is_left_alone():
    translation = translation_of(
        PlacePage.objects.get(slug="hongyadong", locale__language_code="en")
    )
    Translation.objects.filter(pk=translation.pk).update(enabled=False)

    register_demo_translations()

    assert not Translation.objects.get(pk=translation.pk).enabled


def new_article_pair(slug: str, chinese_paragraphs: list[str], *, is_demo: bool):
    """An English article and its Chinese copy, written as the demo loaders write them."""
    index = NewsIndexPage.objects.get(locale__language_code="en")
    english = index.add_child(
        instance=NewsArticlePage(
            slug=slug,
            title="Ferry timetable",
            date="2020-01-02",
            lead="The river ferry runs hourly.",
            body=[rich_text(["First sailing at seven.", "Last sailing at ten."])],
            is_demo=is_demo,
        )
    )
    english.save_revision().publish()
    return english, translate_page(
        english,
        chinese(),
        {
            "title": "轮渡时刻表",
            "lead": "江上轮渡每小时一班。",
            "body": [rich_text(chinese_paragraphs)],
        },
    )


def test_a_page_written_in_both_languages_is_registered_demo_mark_or_not():
    english, _chinese = new_article_pair(
        "ferry-timetable", ["七点首班。", "十点末班。"], is_demo=False
    )

    result = register_demo_translations()

    assert result.mismatched == []
    translation = translation_of(english)
    remade = translation.source.get_ephemeral_translated_instance(chinese())
    assert [block.value.source for block in remade.body] == ["<p>七点首班。</p><p>十点末班。</p>"]


def test_a_translation_shaped_unlike_its_source_is_named_and_not_registered():
    english, chinese_page = new_article_pair(
        "ferry-changes", ["七点首班。", "十点末班。", "节假日加开班次。"], is_demo=True
    )

    result = register_demo_translations()

    (mismatch,) = [line for line in result.mismatched if chinese_page.url_path in line]
    assert "segments" in mismatch
    assert not Translation.objects.filter(source__object_id=english.translation_key).exists()


def test_load_demo_names_on_stderr_the_pages_it_could_not_register(capsys):
    _english, chinese_page = new_article_pair(
        "ferry-notice", ["七点首班。", "十点末班。", "节假日加开班次。"], is_demo=True
    )
    every_app = ["news", "directory", "talent", "events", "tourism"]

    call_command("load_demo", skip=every_app, verbosity=0)

    assert f"Not registered as a translation: {chinese_page.url_path}" in capsys.readouterr().err


# --- What the editors see in the admin -----------------------------------------------------------


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser(
        "localize-editor", "l@example.com", "pw-1234567!"
    )
    client.force_login(user)
    return client


def test_the_chinese_seed_article_opens_in_the_translation_editor(editor):
    html = editor.get(
        reverse("wagtailadmin_pages:edit", args=[seed_article("zh-hans").pk])
    ).content.decode()

    assert 'class="js-translation-editor"' in html
    assert "简体中文" in html


def test_the_english_seed_article_offers_to_sync_its_translation(editor):
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[seed_article().pk])).content.decode()

    source = translation_of(seed_article()).source
    assert reverse("wagtail_localize:update_translations", args=[source.pk]) in html
    assert "Sync translated pages" in html


def test_the_translations_report_lists_the_demo_translations_all_up_to_date(editor):
    report = reverse("wagtail_localize:translations_report")
    seed = seed_article()

    listed = editor.get(report, {"source_title": seed.title[:30]}).content.decode()
    waiting = editor.get(report, {"waiting_for_translation": "true"}).content.decode()

    assert seed_article("zh-hans").title in listed
    assert "Up to date" in listed
    assert "No translations found." in waiting
