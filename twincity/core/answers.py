"""Answers that cost real work — a trip plan, a PDF — kept by their normalised request.

    plan = answers.remembered("trip-plan", trip_request, lambda: make_plan(...))

The key is what the answer depends on, normalised by the caller (the validated form's request,
never the raw query string, so that unknown or reordered parameters find the same answer), with
the page's language and the content generation (core.generation): an edit of the content makes
every kept answer stale at once. Kept in the default cache (Redis in production, so that every
app server shares them) for settings.TWINCITY_ANSWER_SECONDS.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language

from .generation import current_generation

Answer = TypeVar("Answer")


def remembered(kind: str, depends_on: object, compute: Callable[[], Answer]) -> Answer:
    """The kept answer for `depends_on` (its repr is the key: use frozen dataclasses, tuples,
    sorted items), or `compute()` kept for next time. Exceptions are not kept."""
    digest = hashlib.sha256(repr(depends_on).encode()).hexdigest()
    key = f"answer:{kind}:{get_language()}:{current_generation()}:{digest}"
    cache = caches["default"]
    answer = cache.get(key)
    if answer is None:
        answer = compute()
        cache.set(key, answer, timeout=settings.TWINCITY_ANSWER_SECONDS)
    return answer
