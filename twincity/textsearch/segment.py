"""Chinese word segmentation for search, the same at index time and at query time.

Neither SQLite FTS5 nor PostgreSQL splits Chinese into words: a run of Chinese characters
between punctuation is one token, so 宽窄巷子 inside a sentence is never found. We cut the
text into words with jieba (the rjieba binding, which loads in a fraction of jieba's time)
and join them with spaces, which both databases then tokenise as words.

English words are stemmed here too (Snowball's English stemmer), at both ends: PostgreSQL's
`english` configuration stems but SQLite's FTS5 does not, so without this "festivals" found
"festival" on one database only. Both now store and ask for "festiv". Autocomplete (the
admin's search as you type) matches prefixes, which stems would break ("chongqi" is no prefix
of the stem "chongq"): its field and its queries keep the words as written.

The region's place and organisation names live in dictionary.txt beside this file; after
changing it, run `manage.py update_index` so stored documents are cut the same way.
"""

import re
import threading
from functools import lru_cache
from pathlib import Path

import rjieba
import snowballstemmer

DICTIONARY_PATH = Path(__file__).with_name("dictionary.txt")
_dictionary_lock = threading.Lock()
_dictionary_loaded = False

# Letters, digits and CJK ideographs; everything else (punctuation, symbols) separates words.
WORD_CHARACTERS = re.compile(r"[\w\u3400-\u4dbf\u4e00-\u9fff]+")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# A stemmer object keeps state while it works: one per thread.
_stemmers = threading.local()


def load_dictionary() -> None:
    """Teach the segmenter the region's names once per process."""
    global _dictionary_loaded
    if _dictionary_loaded:
        return
    with _dictionary_lock:
        if _dictionary_loaded:
            return
        for line in DICTIONARY_PATH.read_text(encoding="utf-8").splitlines():
            fields = line.split()
            if fields and not line.startswith("#"):
                word = fields[0]
                freq = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
                rjieba.add_word(word, freq, fields[2] if len(fields) > 2 else None)
        _dictionary_loaded = True


def words(text: str, *, stemmed: bool = True) -> list[str]:
    """All the words of `text`, long names and their parts alike (for the index); English
    words as their stems unless `stemmed` is False."""
    load_dictionary()
    found: list[str] = []
    for run in WORD_CHARACTERS.findall(text):
        if CJK.search(run):
            found.extend(word for word in rjieba.cut_for_search(run) if word.strip())
        else:
            found.append(run)
    return [stem(word) for word in found] if stemmed else found


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The English stem of a word without Chinese characters (festivals -> festiv); a Chinese
    word as it is."""
    if CJK.search(word):
        return word
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word.lower())


def segment_for_index(text: str) -> str:
    """Text as space-separated words, ready for a full-text index."""
    return " ".join(words(text))


def segment_for_autocomplete(text: str) -> str:
    """Text as space-separated words as written, for an AutocompleteField (prefix matches)."""
    return " ".join(words(text, stemmed=False))


@lru_cache(maxsize=2048)
def query_terms(query: str, *, stemmed: bool = True) -> tuple[str, ...]:
    """The words a query asks for, finest first.

    The index holds every word of cut_for_search: a name and its parts (宽窄, 巷子, 宽窄巷子).
    A query cut alone may keep a compound the sentence context split (职业教育 in a query,
    职业 + 教育 in the article), so a compound is dropped when its parts are in the query too:
    asking for the parts finds the text however it was cut.
    """
    terms = list(dict.fromkeys(words(query, stemmed=stemmed)))
    kept = [term for term in terms if not _covered_by_parts(term, terms)]
    return tuple(kept)


def _covered_by_parts(term: str, terms: list[str]) -> bool:
    parts = [other for other in terms if other != term and other in term]
    # Only Chinese compounds: "hotpot" is a word of its own beside "hot" and "pot".
    if len(term) < 2 or not parts or not CJK.search(term):
        return False
    covered = [False] * len(term)
    for part in parts:
        start = term.find(part)
        while start != -1:
            covered[start : start + len(part)] = [True] * len(part)
            start = term.find(part, start + 1)
    return all(covered)
