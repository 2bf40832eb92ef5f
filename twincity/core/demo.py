"""Helpers that every app's demo loader uses: locales, translated pages, section indexes."""

from html import escape

from django.conf import settings
from wagtail.models import Locale, Page, Site


def ensure_locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


def site_homes() -> dict[str, Page]:
    """The default site's home page in each language, as the site shell's demo made them;
    LookupError when there is none yet."""
    root = Site.objects.get(is_default_site=True).root_page
    homes = {
        code: root.get_translation_or_none(locale) for code, locale in ensure_locales().items()
    }
    if any(home is None or home.depth != 2 for home in homes.values()):
        raise LookupError("The site has no home page in every language yet: run load_demo.")
    return homes


def translate_page(page: Page, locale: Locale, fields: dict, tags: list[str] | None = None) -> Page:
    """A published copy of `page` in `locale`, with the given fields (and tags) in that language."""
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    if tags is not None:
        translation.tags.set(tags)
    translation.save_revision().publish()
    return translation


def ensure_index_page(
    homes: dict, locales: dict[str, Locale], page_class: type[Page], slug: str, texts: dict
) -> Page:
    """The section's index page under the English home, published, with its Chinese
    translation; created once, found on later runs. `texts` holds its fields per language."""
    index = page_class.objects.filter(locale=locales["en"]).first()
    if index is None:
        index = homes["en"].add_child(instance=page_class(slug=slug, is_demo=True, **texts["en"]))
        index.save_revision().publish()
    if index.get_translation_or_none(locales["zh-hans"]) is None:
        translate_page(index, locales["zh-hans"], texts["zh-hans"])
    return index


def rich_text(paragraphs: list[str]) -> dict:
    """A rich-text block of a StreamField, one paragraph per string (escaped)."""
    return {"type": "paragraph", "value": "".join(f"<p>{escape(text)}</p>" for text in paragraphs)}
