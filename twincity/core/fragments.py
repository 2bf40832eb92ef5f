"""Shared fragments: the parts of a page that are the same for every visitor, rendered once per
content generation and kept in this process.

The page cache (core.pagecache) sends a whole page to anonymous visitors, but it cannot serve a
signed-in visitor (the header names them and holds their sign-out form), and it misses after
every publish. The content under the header — a listing's cards and filters, an article, the
home page's sections — is the same for everyone, so it is kept here on its own: a signed-in
visitor's page is the header rendered for them around content rendered once for all.

    {% shared_content listing %} … {% endshared_content %}        (core_tags)

keeps what it encloses under the request's address (its path and the query parameters the
rendering read, learnt as the page cache learns them), the language and the fragment's name,
for settings.PAGE_CACHE_SECONDS, and stale at once when the content generation moves on
(core.generation), as the page cache is. `listing`, if given, is a callable
(or a dict) of the variables only the fragment uses: the tag calls it on a miss alone, so that
a hit skips the queries as well as the rendering.

What is never kept: a fragment that used the CSRF token (a form that posts belongs to one
visitor), previews (a draft is not the published content), anything but GET and HEAD.
Enclose only what does not depend on who is asking.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from .generation import generation_of
from .pagecache import LocalPages, ParametersRead, ReadNotingQuery, cache_key

SHARED_METHODS = {"GET", "HEAD"}


@dataclass(frozen=True)
class StoredFragment:
    generation: str
    expires_at: float
    body: str  # LocalPages bounds the store by the length of the bodies


fragments = LocalPages(settings.SHARED_FRAGMENTS_MAX, settings.SHARED_FRAGMENTS_MAX_CHARS)


def may_share(request) -> bool:
    return (
        settings.SHARED_FRAGMENTS_ENABLED
        and request is not None
        and request.method in SHARED_METHODS
        and not getattr(request, "is_preview", False)
        and not getattr(request, "shared_content_off", False)  # an error page (portal.views)
    )


# Which query parameters each fragment's rendering read, by fragment and path, as the page
# cache learns them for whole pages: `?from=singlemessage` (WeChat adds it to shared links)
# finds the fragment rendered without it. EVERY_PARAMETER: a render read the query as a whole.
parameters_read = ParametersRead(max_paths=settings.SHARED_FRAGMENTS_MAX)
EVERY_PARAMETER = "*"


def fragment_key(request, name: str, names: frozenset[str] | None) -> str:
    """The key of fragment `name` at this address, with the parameters in `names` only (all
    of them when `names` is None or says every parameter)."""
    query = request.META.get("QUERY_STRING", "")
    if names is None or EVERY_PARAMETER in names:
        names = frozenset(name for name, _value in parse_qsl(query, keep_blank_values=True))
    address = cache_key(request.get_host(), request.path, query, names)
    # Kept per day in Beijing time: what is upcoming, open or running changes with the date.
    return f"{name}|{get_language()}|{timezone.localdate()}|{request.scheme}://{address}"


def parameters_used(request, place: str) -> frozenset[str] | None:
    """The parameters a render of the fragment at `place` has read, now learnt for next time;
    None when the request does not note them (then every parameter counts)."""
    query = request.GET
    if not isinstance(query, ReadNotingQuery):
        return None
    return parameters_read.add(place, {EVERY_PARAMETER} if query.whole else query.names_read)


def replay_parameters(request, names: frozenset[str]) -> None:
    """A kept fragment's parameters count as read by this request, as if it had rendered it:
    the page cache keys the page by them, and the language links carry them."""
    query = request.GET
    if isinstance(query, ReadNotingQuery):
        if EVERY_PARAMETER in names:
            query.whole = True
        query.names_read |= names - {EVERY_PARAMETER}


def shared_html(request, name: str, render: Callable[[], tuple[str, bool]]) -> str:
    """The fragment `name` of this request's page: the kept one, or `render()`, which returns
    the HTML and whether it may be kept (False when it holds one visitor's data)."""
    if not may_share(request):
        return render()[0]
    place = f"{name}|{request.path}"
    # The generation the request arrived in: a publish during the render makes it stale at once.
    generation = generation_of(request.META)
    known = parameters_read.at(place) if isinstance(request.GET, ReadNotingQuery) else None
    if known is not None or not isinstance(request.GET, ReadNotingQuery):
        stored = fragments.get(fragment_key(request, name, known), generation)
        if stored is not None:
            if known is not None:
                replay_parameters(request, known)
            return stored.body
    html, shareable = render()
    if shareable:
        key = fragment_key(request, name, parameters_used(request, place))
        expires_at = time.monotonic() + settings.PAGE_CACHE_SECONDS
        fragments.put(key, StoredFragment(generation, expires_at, html))
    return html


def clear() -> None:
    fragments.clear()
    parameters_read.clear()


class UseNotingToken:
    """The CSRF token as a template sees it, noting whether it was used: a fragment that put
    it into a form is one visitor's and is not kept."""

    def __init__(self, token):
        self.token = token
        self.used = False

    def __str__(self) -> str:
        self.used = True
        return str(self.token)

    def __bool__(self) -> bool:
        return bool(self.token)
