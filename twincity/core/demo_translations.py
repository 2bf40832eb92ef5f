"""The demo's translated pages made known to wagtail-localize as translations of their source.

The demo loaders write every page in both languages from the apps' data files, the translated
page a copy of the source (Page.copy_for_translation) with its own texts. `load_demo` then
registers each pair as "Translate this page" in the admin would have left it: a
TranslationSource frozen from the English page, a Translation into the other language and, for
each segment of the source, the translated page's text as its StringTranslation. The admin then
opens the Chinese page in the translation editor, offers "Sync translated pages" on the English
page and lists the pair in Reports → Translations; publishing from the translation editor gives
back the Chinese text the demo wrote (tests/core/test_demo_translations.py checks this for
every page of the demo).

A new source's segments are written in bulk: wagtail-localize's own TranslationSource
.get_or_create_from_instance saves them row by row, which made `load_demo` half as slow again.
The rows are the same, except that each TranslationContext's field_path is left for
wagtail-localize to fill in when the translation editor first shows it (as it does for contexts
made before its version 1.0).
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    StringTranslation,
    Template,
    TemplateSegment,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationLog,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments

# StreamField blocks have ids of their own in each language's page; segment paths contain them.
BLOCK_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class TranslationMismatch(ValueError):
    """The translated page is not shaped like its source (a paragraph more or fewer, a text
    in one language only): its text cannot be given segment by segment."""


@dataclass
class RegisteredTranslations:
    registered: int = 0
    mismatched: list[str] = field(default_factory=list)  # "page (locale): what differs"


@dataclass
class Pair:
    source: Page
    target: Page
    source_segments: list  # every segment of the source page, as wagtail-localize extracts it
    texts: dict[tuple[str, str], str]  # the target's text for each (path, source text)


@transaction.atomic
def register_demo_translations() -> RegisteredTranslations:
    """Register every translated page that wagtail-localize does not know yet (the loaders
    made it; in the admin, translations are made through wagtail-localize), and bring in step
    those it knows whose pages are both still demo content (the loaders update them from the
    data files; an editor who removed the mark has taken the page over). A pair whose shapes
    differ is left out and named in the result, so that one page an editor reshaped does not
    stop a re-run."""
    result = RegisteredTranslations()
    pairs = matched_pairs(result.mismatched)
    sources = frozen_sources({pair.source: pair.source_segments for pair in pairs})
    segments = string_segments_of(sources.values())
    translated = with_stable_places(pairs, sources, segments, result.mismatched)
    translations = enabled_translations(translated)
    record_string_translations(
        [
            (pair.target.locale_id, segments[source.pk], pair.texts)
            for source, pair in translated
            if (source.pk, pair.target.locale_id) in translations
        ]
    )
    result.registered = len(translations)
    return result


def matched_pairs(mismatched: list[str]) -> list[Pair]:
    """The pairs to register whose segments correspond; the others described in `mismatched`."""
    pairs = []
    for source, target in pairs_to_register():
        source_segments = extract_segments(source)
        try:
            texts = target_texts(source_segments, extract_segments(target))
        except TranslationMismatch as mismatch:
            mismatched.append(f"{target.url_path} ({target.locale}): {mismatch}")
        else:
            pairs.append(Pair(source, target, source_segments, texts))
    return pairs


def with_stable_places(pairs: list[Pair], sources: dict, segments: dict, mismatched: list[str]):
    """(source, pair) for the pairs whose every source segment has its translated text: a
    path that changes from one reading to the next (a ListBlock saved without item ids) has
    none, and wagtail-localize could never find that text again."""
    translated = []
    for pair in pairs:
        source = sources[pair.source.translation_key]
        if unknown := {place for *_ids, place in segments[source.pk]} - set(pair.texts):
            mismatched.append(f"{pair.target.url_path}: no stable place for {sorted(unknown)}")
        else:
            translated.append((source, pair))
    return translated


def pairs_to_register() -> list[tuple[Page, Page]]:
    """(source page, translated page) pairs, the source in the default locale: those not
    registered yet, and those registered whose pages are both demo content."""
    default = Locale.get_default()
    sources, targets = {}, defaultdict(list)
    for page in Page.objects.filter(depth__gt=1, alias_of=None).order_by("path").specific():
        if page.locale_id == default.pk:
            sources[page.translation_key] = page
        else:
            targets[page.translation_key].append(page)
    known = set(
        Translation.objects.filter(source__object_id__in=list(sources)).values_list(
            "source__object_id", "target_locale_id"
        )
    )

    def wanted(source: Page, target: Page) -> bool:
        is_demo = getattr(source, "is_demo", False) and getattr(target, "is_demo", False)
        return (source.translation_key, target.locale_id) not in known or is_demo

    return [
        (source, target)
        for key, source in sources.items()
        for target in targets[key]
        if wanted(source, target)
    ]


def target_texts(source_segments: list, target_segments: list) -> dict[tuple[str, str], str]:
    """The translated text of each of the source's string segments, by (path, source text):
    wagtail-localize translates a text once per place, and the paragraphs of one rich-text
    block share their place. TranslationMismatch when the two pages' segments do not
    correspond one to one, or when one text of a place is translated two ways."""
    mine_all, theirs_all = paired(source_segments), paired(target_segments)
    differences = [
        f"{shape_of(mine)} ≠ {shape_of(theirs)}"
        for mine, theirs in zip(mine_all, theirs_all, strict=False)
        if shape_of(mine) != shape_of(theirs)
    ]
    if len(mine_all) != len(theirs_all):
        differences.append(f"{len(mine_all)} ≠ {len(theirs_all)} segments")
    if differences:
        raise TranslationMismatch("; ".join(differences[:3]))
    texts = {}
    for mine, theirs in zip(mine_all, theirs_all, strict=True):
        if isinstance(mine, StringSegmentValue):
            place = (mine.path, mine.string.data)
            if texts.setdefault(place, theirs.string.data) != theirs.string.data:
                raise TranslationMismatch(f"{mine.path}: one text translated two ways")
    return texts


def paired(segments: list) -> list:
    """The texts and the templates that hold them (the paragraphs of rich text), in the
    page's order: what must correspond one to one between the languages."""
    return [
        segment
        for segment in segments
        if isinstance(segment, StringSegmentValue | TemplateSegmentValue)
    ]


def shape_of(segment) -> tuple:
    """Where the segment is (its path without block ids) and, for a template, its markup."""
    path = BLOCK_ID.sub("*", segment.path)
    if isinstance(segment, TemplateSegmentValue):
        return ("template", path, segment.template)
    return ("string", path)


# --- Sources ------------------------------------------------------------------------------------


def frozen_sources(segments_by_page: dict[Page, list]) -> dict:
    """The TranslationSource of each page, by translation key, holding the page's content:
    made for pages that have none, brought up to date (by wagtail-localize) for the others."""
    pages = list(segments_by_page)
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            object_id__in=[page.translation_key for page in pages],
            locale_id__in={page.locale_id for page in pages},
        )
    }
    for page in pages:
        if page.translation_key in sources:
            sources[page.translation_key] = TranslationSource.update_or_create_from_instance(page)[
                0
            ]
    new_pages = {
        page: segments
        for page, segments in segments_by_page.items()
        if page.translation_key not in sources
    }
    sources.update(create_sources(new_pages))
    return sources


def create_sources(segments_by_page: dict[Page, list]) -> dict:
    """New TranslationSources for the pages, with their segments, in a few queries."""
    if not segments_by_page:
        return {}
    pages = list(segments_by_page)
    now = timezone.now()
    page_type = ContentType.objects.get_for_model(Page)
    TranslatableObject.objects.bulk_create(
        [
            TranslatableObject(translation_key=page.translation_key, content_type=page_type)
            for page in pages
        ],
        ignore_conflicts=True,
    )
    schema_versions = {}
    sources = TranslationSource.objects.bulk_create(
        [
            TranslationSource(
                object_id=page.translation_key,
                specific_content_type=ContentType.objects.get_for_model(page.specific_class),
                locale_id=page.locale_id,
                object_repr=str(page)[:200],
                content_json=page.to_json(),
                schema_version=schema_versions.setdefault(
                    page._meta.app_label, get_schema_version(page._meta.app_label)
                ),
                last_updated_at=now,
            )
            for page in pages
        ]
    )
    create_segments(
        {source: segments_by_page[page] for source, page in zip(sources, pages, strict=True)}
    )
    return {source.object_id: source for source in sources}


def create_segments(segments_by_source: dict) -> None:
    """The rows TranslationSource.refresh_segments would make for these new sources."""
    strings = string_ids(
        {
            (source.locale_id, value.string.data)
            for source, values in segments_by_source.items()
            for value in values
            if isinstance(value, StringSegmentValue)
        }
    )
    contexts = context_ids(
        {
            (source.object_id, value.path)
            for source, values in segments_by_source.items()
            for value in values
        }
    )
    rows = defaultdict(list)
    for source, values in segments_by_source.items():
        for value in values:
            common = {
                "source": source,
                "context_id": contexts[(source.object_id, value.path)],
                "order": value.order,
            }
            if isinstance(value, StringSegmentValue):
                rows[StringSegment].append(
                    StringSegment(
                        string_id=strings[(source.locale_id, value.string.data)],
                        attrs=json.dumps(value.attrs, cls=DjangoJSONEncoder),
                        **common,
                    )
                )
            elif isinstance(value, TemplateSegmentValue):
                rows[TemplateSegment].append(
                    TemplateSegment(template=Template.from_value(value), **common)
                )
            elif isinstance(value, RelatedObjectSegmentValue):
                related, _created = TranslatableObject.objects.get_or_create(
                    content_type=value.content_type, translation_key=value.translation_key
                )
                rows[RelatedObjectSegment].append(RelatedObjectSegment(object=related, **common))
            elif isinstance(value, OverridableSegmentValue):
                rows[OverridableSegment].append(
                    OverridableSegment(
                        data_json=json.dumps(value.data, cls=DjangoJSONEncoder), **common
                    )
                )
    for model, objects in rows.items():
        model.objects.bulk_create(objects)


def string_ids(texts: set[tuple[int, str]]) -> dict[tuple[int, str], int]:
    """The id of the String of each (locale id, text), made where missing."""
    hashes = {(locale_id, String._get_data_hash(data)): data for locale_id, data in texts}
    String.objects.bulk_create(
        [
            String(locale_id=locale_id, data_hash=data_hash, data=data)
            for (locale_id, data_hash), data in hashes.items()
        ],
        ignore_conflicts=True,
    )
    found = String.objects.filter(
        locale_id__in={locale_id for locale_id, _hash in hashes},
        data_hash__in={data_hash for _locale, data_hash in hashes},
    ).values_list("locale_id", "data_hash", "id")
    return {
        (locale_id, hashes[(locale_id, data_hash)]): string_id
        for locale_id, data_hash, string_id in found
        if (locale_id, data_hash) in hashes
    }


def context_ids(places: set[tuple]) -> dict[tuple, int]:
    """The id of the TranslationContext of each (translation key, path), made where missing."""
    path_ids = {(key, TranslationContext._get_path_id(path)): path for key, path in places}
    TranslationContext.objects.bulk_create(
        [
            TranslationContext(object_id=key, path=path, path_id=path_id)
            for (key, path_id), path in path_ids.items()
        ],
        ignore_conflicts=True,
    )
    found = TranslationContext.objects.filter(
        object_id__in={key for key, _path_id in path_ids}
    ).values_list("object_id", "path_id", "id")
    return {
        (key, path_ids[(key, path_id)]): context_id
        for key, path_id, context_id in found
        if (key, path_id) in path_ids
    }


# --- Translations -------------------------------------------------------------------------------


def string_segments_of(sources) -> dict[int, list[tuple[int, int, tuple[str, str]]]]:
    """(string id, context id, (path, text)) of each source's string segments, by source id."""
    segments = defaultdict(list)
    rows = StringSegment.objects.filter(source__in=sources).values_list(
        "source_id", "string_id", "context_id", "context__path", "string__data"
    )
    for source_id, string_id, context_id, path, text in rows:
        segments[source_id].append((string_id, context_id, (path, text)))
    return segments


def enabled_translations(translated: list[tuple[TranslationSource, Pair]]) -> set:
    """(source id, locale id) of the pairs' translations that wagtail-localize keeps in step:
    made (and logged, as wagtail-localize logs the revision it publishes) where missing. One
    an editor stopped syncing ("Convert to alias", "Stop synced translation") is theirs now."""
    wanted = {(source.pk, pair.target.locale_id): pair.target for source, pair in translated}
    existing = {
        (translation.source_id, translation.target_locale_id): translation.enabled
        for translation in Translation.objects.filter(source_id__in={key for key, _ in wanted})
    }
    now = timezone.now()
    new = {key: target for key, target in wanted.items() if key not in existing}
    Translation.objects.bulk_create(
        Translation(
            source_id=source_id,
            target_locale_id=locale_id,
            translations_last_updated_at=now,
            destination_last_updated_at=now,
        )
        for source_id, locale_id in new
    )
    TranslationLog.objects.bulk_create(
        TranslationLog(
            source_id=source_id, locale_id=locale_id, revision_id=target.live_revision_id
        )
        for (source_id, locale_id), target in new.items()
    )
    return {key for key in wanted if existing.get(key, True)}


def record_string_translations(work: list[tuple[int, list, dict]]) -> None:
    """For each (locale id, source's string segments, texts by path): each segment's
    translation set to its text. In bulk (the texts come from saved pages, so the check of
    their HTML in StringTranslation.save has nothing to find)."""
    wanted = {
        (string_id, context_id, locale_id): texts[place]
        for locale_id, segments, texts in work
        for string_id, context_id, place in segments
    }
    existing = {
        (row.translation_of_id, row.context_id, row.locale_id): row
        for row in StringTranslation.objects.filter(
            context_id__in={context_id for _string, context_id, _locale in wanted},
            locale_id__in={locale_id for _string, _context, locale_id in wanted},
        )
    }
    StringTranslation.objects.bulk_create(
        StringTranslation(
            translation_of_id=string_id,
            context_id=context_id,
            locale_id=locale_id,
            data=text,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
        for (string_id, context_id, locale_id), text in wanted.items()
        if (string_id, context_id, locale_id) not in existing
    )
    outdated = [
        row
        for key, row in existing.items()
        if key in wanted and (row.data != wanted[key] or row.has_error)
    ]
    for row in outdated:
        row.data = wanted[(row.translation_of_id, row.context_id, row.locale_id)]
        row.has_error, row.field_error = False, ""
    StringTranslation.objects.bulk_update(outdated, ["data", "has_error", "field_error"])
