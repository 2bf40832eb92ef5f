"""Choosing between the English and Chinese variants of a paired field."""

from django.utils.translation import get_language

from .generation import GenerationMemo, current_generation


def is_chinese(language: str | None = None) -> bool:
    """Whether `language` (by default the active one) is Chinese."""
    return (language or get_language() or "en").startswith("zh")


def localised(instance, field: str, language: str | None = None) -> str:
    """The Chinese or English variant of a paired field (`host_en` / `host_zh`), in the
    active language unless one is given; the English one when the Chinese is empty."""
    preferred = getattr(instance, f"{field}_zh" if is_chinese(language) else f"{field}_en")
    return preferred or getattr(instance, f"{field}_en")


# Wagtail's Locale.get_default() and get_active() ask the database each time, and a page view
# asks several times. Kept per content generation: a locale is added before any page of its
# language is published (which starts a new generation), and deleting one deletes its pages.
_locale_ids = GenerationMemo(max_values=16)


def locale_id(language_code: str) -> int | None:
    """The id of the Wagtail locale of `language_code` (None if there is none)."""
    from wagtail.models import Locale

    def read() -> int | None:
        return (
            Locale.objects.filter(language_code=language_code).values_list("pk", flat=True).first()
        )

    return _locale_ids.get(language_code, current_generation(), read)
