"""The language of an API answer: `?lang=en|zh-hans`, else the Accept-Language header.

Chinese is asked for in many spellings (zh, zh-CN, zh-Hans, zh-Hans-CN, zh-SG): all of them are
the simplified-Chinese content of the site. Anything else falls back to English, the default
language; only an explicit `?lang=` that is neither is refused (422), since a partner who asked
for a language by name must not silently get another one.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

ENGLISH = "en"
CHINESE = "zh-hans"
LANGUAGES = (ENGLISH, CHINESE)
# Traditional-script tags are not simplified Chinese: they get the default language.
TRADITIONAL = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")


class UnknownLanguage(ValueError):
    def message(self) -> str:
        return _("Unknown language “%(lang)s”: use en or zh-hans.") % {"lang": self.args[0]}


def language_of_tag(tag: str) -> str | None:
    """en or zh-hans for a language tag that means one of them, else None."""
    tag = tag.strip().lower().replace("_", "-")
    if tag == "*":
        return settings.LANGUAGE_CODE
    if tag.startswith("zh"):
        return None if tag.startswith(TRADITIONAL) else CHINESE
    if tag == "en" or tag.startswith("en-"):
        return ENGLISH
    return None


def accepted_language(header: str) -> str:
    """The first language of the Accept-Language header, by preference, that we have."""
    for tag, _quality in parse_accept_lang_header(header[:500]):
        language = language_of_tag(tag)
        if language:
            return language
    return settings.LANGUAGE_CODE


def request_language(meta: dict, query_lang: str | None) -> str:
    """The answer's language; UnknownLanguage for a `?lang=` we do not have."""
    if query_lang:
        language = query_lang.strip().lower()
        if language not in LANGUAGES:
            # zh, zh-CN and friends are fine in the query too.
            language = language_of_tag(language) or ""
        if language not in LANGUAGES:
            raise UnknownLanguage(query_lang[:20])
        return language
    return accepted_language(meta.get("HTTP_ACCEPT_LANGUAGE", ""))
