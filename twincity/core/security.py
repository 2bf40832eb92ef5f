"""What every response carries for safety, and what every request may not exceed.

- `RequestBodyLimitMiddleware` refuses a body larger than the limit from its Content-Length,
  before anything reads it: Django would otherwise spool a multi-gigabyte upload to disk before
  a form could say "at most 5 MB". (Django reads no body that has no Content-Length.)
- `ContentSecurityPolicyMiddleware` is django-csp's, with the Wagtail admin's own policy: the
  admin's templates carry inline scripts and styles, the site's pages none.
- `PermissionsPolicyMiddleware` turns off the browser features no page needs; a view that needs
  one (the check-in page's camera) says so with `@allow_features(camera="self")`.
"""

from functools import wraps

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.shortcuts import render
from django.utils import translation

ADMIN_PREFIX = "/admin/"


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request.path_info)
        if declared_length(request) > limit:
            return body_too_large(request, limit)
        return self.get_response(request)


def body_limit(path: str) -> int:
    """Editors upload images and documents; visitors send forms and a CV at most."""
    if path.startswith(ADMIN_PREFIX):
        return settings.TWINCITY_MAX_ADMIN_REQUEST_BYTES
    return settings.TWINCITY_MAX_REQUEST_BYTES


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def body_too_large(request, limit: int):
    # Outside LocaleMiddleware: the page's language is read from its address here.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        response = render(
            request,
            "core/request_too_large.html",
            {"megabytes": limit // (1024 * 1024)},
            status=413,
        )
    response["Connection"] = "close"  # the unread body must not be taken for the next request
    return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = settings.TWINCITY_ADMIN_CSP_DIRECTIVES
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        allowed = getattr(response, "allowed_features", {})
        features = {feature: "" for feature in settings.TWINCITY_DISABLED_FEATURES}
        features.update(allowed)
        response.headers.setdefault(
            "Permissions-Policy",
            ", ".join(f"{feature}=({origins})" for feature, origins in features.items()),
        )
        return response


def allow_features(**features: str):
    """`@allow_features(camera="self")`: this view's pages may use the camera (from this site)."""

    def decorator(view):
        @wraps(view)
        def allowing(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.allowed_features = features
            return response

        return allowing

    return decorator
