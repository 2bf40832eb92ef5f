"""A request id in every log line and in every answer (X-Request-ID).

The id the proxy sends (nginx: `proxy_set_header X-Request-ID $request_id`) is kept when it is
a short token of safe characters; otherwise one is made. `RequestIdApplication`, the outermost
WSGI wrapper (wsgi.py), settles it before the page cache answers, so a page sent from the
cache carries it too; `RequestIdMiddleware`, first in MIDDLEWARE, does the same where Django
is entered without that wrapper (runserver, the test client). While the request runs,
`RequestIdFilter` puts it on every log record as `request_id` (settings.LOGGING shows it);
gunicorn's access log writes the answer's header (gunicorn.conf.py).

A stored page or a kept API answer must never replay another request's id: the page cache
stores what is inside the middleware, and the WSGI wrapper replaces any id in the headers.
"""

import contextvars
import logging
import re
import uuid
from collections.abc import Callable, Iterable

from django.core.signals import request_finished

HEADER = "X-Request-ID"
ENVIRON_KEY = "HTTP_X_REQUEST_ID"
# Where the id settled for this request is kept (WSGI environ / request.META).
SETTLED_KEY = "twincity.request_id"
VALID_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")

_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return _current.get()


def settled_id(meta: dict) -> str:
    """The request's id: settled once, from the proxy's header when it is valid."""
    if SETTLED_KEY not in meta:
        offered = meta.get(ENVIRON_KEY, "")
        meta[SETTLED_KEY] = offered if VALID_ID.fullmatch(offered) else uuid.uuid4().hex
    return meta[SETTLED_KEY]


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get()
        return True


class RequestIdMiddleware:
    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request):
        request_id = settled_id(request.META)
        # Kept until the response is closed: Django logs a 4xx or 5xx answer after the
        # middleware has returned it (clear_after_request).
        _current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


def clear_after_request(**kwargs) -> None:
    _current.set("-")


request_finished.connect(clear_after_request, dispatch_uid="core-request-id-finished")


class RequestIdApplication:
    def __init__(self, application: Callable):
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        request_id = settled_id(environ)

        def with_id(status, headers, exc_info=None):
            headers = [(n, v) for n, v in headers if n.lower() != HEADER.lower()]
            return start_response(status, [*headers, (HEADER, request_id)], exc_info)

        token = _current.set(request_id)
        try:
            return self.application(environ, with_id)
        finally:
            _current.reset(token)
