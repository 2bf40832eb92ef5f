"""The answer while the database cannot be reached (PostgreSQL restarting, a failover): 503
with Retry-After and a translated "please try again" page in the address's language, or the
API's error shape under /api/, instead of a 500.

Two places turn a database error into it: Django's error handler (urls.py wraps handler500
with `database_aware`), for everything inside Django; and `DatabaseFailureApplication`, the
outermost WSGI wrapper (wsgi.py), for the page cache's and the API's wrappers in front of
Django. Connections recover by themselves: CONN_HEALTH_CHECKS makes Django test a kept
connection before a request uses it and open a new one when PostgreSQL is back.
"""

import json
import sys
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from .replica import REPLICA, reading_replica

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5
API_PREFIX = "/api/"


def answer_language(request) -> str:
    """The language of the address (/zh-hans/…); for the API, ?lang= or Accept-Language."""
    supported = {code for code, _name in settings.LANGUAGES}
    if request.path.startswith(API_PREFIX):
        asked = request.GET.get("lang", "")
        if asked in supported:
            return asked
        return translation.get_language_from_request(request, check_path=False)
    return translation.get_language_from_path(request.path) or settings.LANGUAGE_CODE


def busy_response(request) -> HttpResponse:
    """The 503 answer; renders without the database or the site's layout."""
    language = answer_language(request)
    with translation.override(language):
        if request.path.startswith(API_PREFIX):
            detail = gettext("The site is busy, please try again in a moment")
            body = json.dumps({"detail": detail}, ensure_ascii=False)
            response = HttpResponse(body, content_type="application/json", status=503)
        else:
            context = {"language": language, "retry_after": RETRY_AFTER_SECONDS}
            page = render_to_string("core/service_unavailable.html", context)
            response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


def database_aware(handler500: Callable) -> Callable:
    """Django's handler500, answering `busy_response` when the error is the database's.
    An answer the replica failed is marked so that ReplicaMiddleware asks the primary."""

    @wraps(handler500)
    def server_error(request):
        error = sys.exc_info()[1]
        if not isinstance(error, DATABASE_ERRORS):
            return handler500(request)
        response = busy_response(request)
        if reading_replica():
            response.failed_database = REPLICA
        return response

    return server_error


class DatabaseFailureApplication:
    """WSGI wrapper: a database error raised in front of Django gets the same 503."""

    def __init__(self, application: Callable):
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        try:
            return self.application(environ, start_response)
        except DATABASE_ERRORS:
            response = busy_response(WSGIRequest(environ))
            status = f"{response.status_code} {response.reason_phrase}"
            start_response(status, list(response.items()), sys.exc_info())
            return [response.content]
