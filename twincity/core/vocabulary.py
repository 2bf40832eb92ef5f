"""The words visitors read in lists — districts, industries, majors, skills, certificates, the
tags of places — in both languages, with the other ways people write them.

Stored data stays as people typed it (a key, an English or a Chinese name, pinyin, lower case):
pages show a value through `name()` in the page's language, filters widen a typed value to every
`spellings()` of its term, and the matching compares `canonical()` forms. So no data changes
when a term is added or renamed; the terms live in core/data/*.json (see data/README.md).
"""

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.db.models import Q
from django.utils.functional import lazy

from twincity.core.localisation import is_chinese

DATA = Path(__file__).resolve().parent / "data"

# Spaces, hyphens and the like separate words however they are typed; apostrophes in pinyin
# (Nan'an) are often left out; a space between Latin and Chinese (WMS 系统) is optional.
SEPARATORS = re.compile(r"[\s\-_·・/]+")
APOSTROPHES = re.compile(r"['’‘]")
SPACE_BY_HAN = re.compile(r"(?<=[\u3400-\u9fff]) | (?=[\u3400-\u9fff])")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The form two spellings share when they are the same word: full-width and half-width,
    upper and lower case, "e-commerce" and "e commerce" all fold together."""
    text = unicodedata.normalize("NFKC", text)
    text = SEPARATORS.sub(" ", APOSTROPHES.sub("", text)).strip()
    return SPACE_BY_HAN.sub("", text).casefold()


class VocabularyError(ValueError):
    """A vocabulary's data contradicts itself (a spelling of two terms, a missing name)."""


@dataclass(frozen=True)
class Term:
    key: str
    en: str
    zh: str
    aliases: tuple[str, ...] = ()
    city: str = ""  # a district's city

    def name(self, language: str | None = None) -> str:
        """The name in `language`, by default the active one."""
        return self.zh if is_chinese(language) else self.en

    @property
    def label(self) -> str:
        """The name in whatever language is active when it is shown (for choices and forms
        built once, at import)."""
        return lazy(self.name, str)()

    def spellings(self) -> tuple[str, ...]:
        return (self.key, self.en, self.zh, *self.aliases)


@dataclass(eq=False)
class Vocabulary:
    """One named list of terms, found by any of their spellings."""

    slug: str
    terms: tuple[Term, ...]
    _by_spelling: dict[str, Term] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for term in self.terms:
            if not (term.key and term.en and term.zh):
                raise VocabularyError(f"{self.slug}: {term.key or '?'} needs both names")
            for spelling in term.spellings():
                known = self._by_spelling.setdefault(fold(spelling), term)
                if known.key != term.key:
                    raise VocabularyError(
                        f"{self.slug}: {spelling!r} spells both {known.key} and {term.key}"
                    )

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def term(self, value) -> Term | None:
        return self._by_spelling.get(fold(str(value))) if value else None

    def key(self, value) -> str | None:
        """The term's key for any of its spellings; None for a value the list does not know."""
        term = self.term(value)
        return term.key if term else None

    def name(self, value, language: str | None = None) -> str:
        """`value` (a key, a name, an alias) shown in `language`; an unknown value as it is."""
        term = self.term(value)
        return term.name(language) if term else str(value or "")

    def names(self, values: Iterable, language: str | None = None) -> list[str]:
        """Each value's name, in order, without showing one term twice."""
        shown: list[str] = []
        for value in values or ():
            name = self.name(value, language)
            if name and name not in shown:
                shown.append(name)
        return shown

    def canonical(self, value: str) -> str:
        """What two values share when they mean the same: the key of a known term, else the
        folded text (so that free text still matches itself however it is cased)."""
        term = self.term(value)
        return term.key if term else fold(str(value or ""))

    def spellings(self, value: str) -> list[str]:
        """Every form a stored value of the same term may take, to look it up in the database;
        an unknown value is only itself."""
        term = self.term(value)
        return list(term.spellings()) if term else [str(value or "").strip()]

    def stored_in(self, field: str, value: str, lookup: str = "iexact") -> Q:
        """Rows whose `field` holds `value` in any of its term's spellings (a filter for
        free-text columns: Liangjiang, 两江新区 and liangjiang find the same rows)."""
        match = Q()
        for spelling in self.spellings(value):
            match |= Q(**{f"{field}__{lookup}": spelling})
        return match

    def choices(self, language: str | None = None, city: str = "") -> list[tuple[str, str]]:
        """(key, name) of the terms, of one city's districts if `city` is given, in the data's
        order (Chinese has no alphabetical order a visitor would expect)."""
        return [(term.key, term.name(language)) for term in self.terms if city in ("", term.city)]


def load(slug: str) -> Vocabulary:
    records = json.loads((DATA / f"{slug}.json").read_text(encoding="utf-8"))
    terms = tuple(
        Term(
            key=record["key"],
            en=record["en"],
            zh=record["zh"],
            aliases=tuple(record.get("aliases", ())),
            city=record.get("city", ""),
        )
        for record in records
    )
    return Vocabulary(slug, terms)


DISTRICTS = load("districts")
INDUSTRIES = load("industries")
MAJORS = load("majors")
SKILLS = load("skills")
CERTIFICATES = load("certificates")
PLACE_TAGS = load("place_tags")
# Investment sectors: Chongqing's "33618" clusters and Sichuan's "5+1" industries, merged.
SECTORS = load("sectors")

# By the name templates use: {{ value|term:"districts" }}.
VOCABULARIES = {
    vocabulary.slug: vocabulary
    for vocabulary in (DISTRICTS, INDUSTRIES, MAJORS, SKILLS, CERTIFICATES, PLACE_TAGS, SECTORS)
}
