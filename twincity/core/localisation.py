"""Choosing between the English and Chinese variants of a paired field."""

from django.utils.translation import get_language


def is_chinese(language: str | None = None) -> bool:
    """Whether `language` (by default the active one) is Chinese."""
    return (language or get_language() or "en").startswith("zh")


def localised(instance, field: str, language: str | None = None) -> str:
    """The Chinese or English variant of a paired field (`host_en` / `host_zh`), in the
    active language unless one is given; the English one when the Chinese is empty."""
    preferred = getattr(instance, f"{field}_zh" if is_chinese(language) else f"{field}_en")
    return preferred or getattr(instance, f"{field}_en")
