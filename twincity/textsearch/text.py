"""Plain text out of what editors write (rich text, stream fields), for the index and passages.

Rich text is HTML: its tags go, and its entities become the characters they stand for, so a
passage shows "Twin City" in quotes rather than &quot; (highlighted_passage escapes once).
"""

import html

from django.utils.html import strip_tags

# The parts of a stream block's value that carry text readers see (ArticleBodyBlock's
# paragraph, quote and image caption; a programme item's title and text).
TEXT_KEYS = ("text", "quote", "caption", "title", "attribution")


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment, tags removed, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(strip_tags(markup or "")).split())


def stream_text(stream) -> str:
    """The text of a StreamField's blocks, in order: rich text, plain strings and the text
    parts of structured blocks; images and embeds without a caption give nothing."""
    return " ".join(part for part in (_block_text(block.value) for block in stream) if part)


def _block_text(value) -> str:
    source = getattr(value, "source", None)  # RichText
    if source is not None:
        return html_to_text(source)
    if isinstance(value, str):
        return html_to_text(value)
    if hasattr(value, "get"):  # StructValue
        return " ".join(
            _block_text(value.get(key)) for key in TEXT_KEYS if value.get(key) is not None
        ).strip()
    return ""
