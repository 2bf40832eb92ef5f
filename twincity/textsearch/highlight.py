"""The passage of a document that best matches a query, with the query's words marked."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .segment import words

PASSAGE_LENGTH = 160


def term_pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    if not terms:
        return None
    # Longest first, so 宽窄巷子 is marked whole rather than as 宽窄 + 巷子.
    alternatives = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(re.escape(term) for term in alternatives), re.IGNORECASE)


def best_passage_start(text: str, pattern: re.Pattern, length: int) -> int:
    """Start of the window of `length` characters that holds the most distinct matches."""
    matches = list(pattern.finditer(text))
    if not matches:
        return 0
    best_start, best_count = matches[0].start(), 0
    for index, match in enumerate(matches):
        window_end = match.start() + length
        distinct = {m.group(0).lower() for m in matches[index:] if m.end() <= window_end}
        if len(distinct) > best_count:
            best_start, best_count = match.start(), len(distinct)
    # Show a little context before the first match.
    return max(0, best_start - length // 4)


def highlighted_passage(text: str, query: str, length: int = PASSAGE_LENGTH) -> SafeString:
    """HTML: an escaped excerpt of `text` around the query's words, each in <mark>."""
    text = " ".join(text.split())
    # Every word of the query, compounds too: 宽窄巷子 is marked whole where it stands whole.
    pattern = term_pattern(tuple(set(words(query))))
    start = best_passage_start(text, pattern, length) if pattern else 0
    excerpt = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    if pattern is None:
        return mark_safe(escape(prefix + excerpt + suffix))  # noqa: S308 - escaped above
    pieces, last = [], 0
    for match in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(excerpt[last:]))
    return mark_safe(escape(prefix) + "".join(pieces) + escape(suffix))  # noqa: S308
