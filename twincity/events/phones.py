"""Mobile phone numbers on the registration form: a mainland number (11 digits starting with 1)
or an international one (+ and the country code, at most 15 digits as E.164 allows).

Numbers are stored compact: "138 0013-8000" is kept as 13800138000; full-width digits and plus
signs, which Chinese keyboards type, count as their ASCII forms.
"""

import re
import unicodedata

MAINLAND_MOBILE = re.compile(r"1[0-9]{10}")
INTERNATIONAL = re.compile(r"\+[1-9][0-9]{6,14}")
# What people put between digits; removed before the number is checked.
SEPARATORS = re.compile(r"[\s\-‐‑–—().·]")
MAX_TYPED_LENGTH = 30


def normalised_phone(text: str) -> str | None:
    """The number as stored, or None if it is neither a mainland mobile number nor an
    international one. An empty text is the empty number."""
    compact = SEPARATORS.sub("", unicodedata.normalize("NFKC", text or ""))
    if not compact:
        return ""
    if len(compact) > MAX_TYPED_LENGTH:
        return None
    if MAINLAND_MOBILE.fullmatch(compact) or INTERNATIONAL.fullmatch(compact):
        return compact
    return None
