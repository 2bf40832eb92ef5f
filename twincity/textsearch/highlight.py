"""The passage of a document that best matches a query, with the query's words marked.

Chinese words are marked where they stand in the text (宽窄巷子 whole, longest first); an
English word is marked wherever a word of the text has the same stem, so "festivals" marks
both "festival" and "Festivals", as the index found them.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .segment import CJK, stem, words

PASSAGE_LENGTH = 160
# A run of letters and digits without Chinese characters: an English word of the text.
LATIN_WORD = r"[^\W\u3400-\u4dbf\u4e00-\u9fff]+"


class QueryWords:
    """Finds the query's words in a text: Chinese terms as written, English ones by stem."""

    def __init__(self, query: str):
        query_words = set(words(query, stemmed=False))
        chinese = sorted((w for w in query_words if CJK.search(w)), key=len, reverse=True)
        self.stems = {stem(w) for w in query_words if not CJK.search(w)}
        alternatives = [re.escape(term) for term in chinese]
        if self.stems:
            alternatives.append(LATIN_WORD)
        self.pattern = re.compile("|".join(alternatives)) if alternatives else None

    def __bool__(self) -> bool:
        return self.pattern is not None

    def finditer(self, text: str):
        """The matches of the query's words in `text`, in order."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            found = match.group(0)
            if CJK.search(found) or stem(found) in self.stems:
                yield match


def best_passage_start(text: str, query_words: QueryWords, length: int) -> int:
    """Start of the window of `length` characters that holds the most distinct matches."""
    matches = list(query_words.finditer(text))
    if not matches:
        return 0
    best_start, best_count = matches[0].start(), 0
    for index, match in enumerate(matches):
        window_end = match.start() + length
        distinct = {stem(m.group(0)) for m in matches[index:] if m.end() <= window_end}
        if len(distinct) > best_count:
            best_start, best_count = match.start(), len(distinct)
    # Show a little context before the first match.
    return max(0, best_start - length // 4)


def highlighted_passage(text: str, query: str, length: int = PASSAGE_LENGTH) -> SafeString:
    """HTML: an escaped excerpt of plain `text` around the query's words, each in <mark>.

    `text` is plain text, not HTML: it is escaped here, once (an entity such as &quot; in it
    would show as typed)."""
    text = " ".join(text.split())
    # Every word of the query, compounds too: 宽窄巷子 is marked whole where it stands whole.
    query_words = QueryWords(query)
    start = best_passage_start(text, query_words, length) if query_words else 0
    excerpt = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    pieces, last = [], 0
    for match in query_words.finditer(excerpt):
        pieces.append(escape(excerpt[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(excerpt[last:]))
    return mark_safe(escape(prefix) + "".join(pieces) + escape(suffix))  # noqa: S308 - escaped
