"""Cursor pagination for the API's lists.

The cursor is opaque to partners (signed, so a hand-made one is refused with a 422): it says
where the next page starts in the list's order, which always ends with the id, so that the
order is total and stable. Walking `next` links from the first page gives every item of the
list exactly once while the content stays as it is. Each page costs one query for its items
(one more than asked for, to know whether a next page exists), never a count.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core import signing
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from .errors import ApiError

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
CURSOR_SALT = "twincity.api.cursor"


@dataclass
class Listing:
    """What a list operation returns: the ordered rows, and how one page of them becomes the
    answer's items (one or two queries for the whole page: URLs, seats, translations)."""

    rows: QuerySet | list
    present: Callable[[list, HttpRequest], list[dict]]


def encode_cursor(offset: int) -> str:
    return signing.dumps(offset, salt=CURSOR_SALT, compress=True)


def decode_cursor(cursor: str) -> int:
    try:
        offset = signing.loads(cursor, salt=CURSOR_SALT)
    except signing.BadSignature:
        offset = None
    if not isinstance(offset, int) or offset < 0:
        raise ApiError(
            422, _("This cursor is not valid: follow the `next` link of a page."), "cursor"
        )
    return offset


def next_url(request: HttpRequest, cursor: str) -> str:
    pairs = [
        (name, value)
        for name, values in request.GET.lists()
        if name != "cursor"
        for value in values
    ]
    pairs.append(("cursor", cursor))
    return request.build_absolute_uri(f"{request.path}?{urlencode(pairs)}")


class CursorPagination(PaginationBase):
    class Input(Schema):
        cursor: str | None = Field(
            None, description="Where the page starts: the `next` link of the page before."
        )
        limit: int = Field(
            DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (at most 100)."
        )

    class Output(Schema):
        items: list[Any]
        next: str | None = Field(description="The next page's address; null on the last page.")

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, request: HttpRequest, **params):
        listing = queryset if isinstance(queryset, Listing) else Listing(queryset, default_present)
        offset = decode_cursor(pagination.cursor) if pagination.cursor else 0
        rows = list(listing.rows[offset : offset + pagination.limit + 1])
        more = len(rows) > pagination.limit
        rows = rows[: pagination.limit]
        following = next_url(request, encode_cursor(offset + len(rows))) if more else None
        if following:
            # Also as an HTTP Link header (the API middleware adds it to the answer).
            request.api_link = f'<{following}>; rel="next"'
        return {"items": listing.present(rows, request), "next": following}


def default_present(rows: list, request: HttpRequest) -> list:
    return rows
