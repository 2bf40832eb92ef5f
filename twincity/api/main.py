"""The API object: /api/v1/, its schema (OpenAPI 3.1) and its docs, served from the site.

Every error is answered in one shape (schemas.Error) with its `detail` in the language of the
request (conditional.ApiMiddleware activated it): ninja's own errors are turned into it here.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from .auth import key_or_anonymous
from .errors import ApiError
from .schemas import error_response

DESCRIPTION = """
The public data of Twin City, the portal of the Chengdu–Chongqing economic circle: news, events
with their seats, places, campaigns, guidebooks, the directory of organisations, vacancies and
job fairs, and the investment opportunities, parks and policies.

- **Languages**: `?lang=en|zh-hans` or `Accept-Language` (zh, zh-CN, zh-Hans mean zh-hans).
- **Anonymous** calls read the public fields. A partner key (`X-API-Key`) with the scope
  `read:extended` reads more (contact details, capacities).
- **Pagination**: follow `next` (also in the `Link` header); `limit` is at most 100.
- **Conditional requests**: send `If-None-Match` (ETag) or `If-Modified-Since` for a `304`.
- **Rate limits**: `429` with `Retry-After`; `X-RateLimit-Limit`/`X-RateLimit-Remaining`.
- **Versioning**: v1 only changes by additions; breaking changes go to `/api/v2/`, with at least
  12 months of overlap; deprecated operations say `deprecated: true` here and answer with
  `Deprecation` and `Sunset` headers.
"""


class TwinCityAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """The schema, saying that the public operations take a key but do not need one: in
        OpenAPI, an empty requirement among the alternatives (anonymous calls are allowed)."""
        schema = super().get_openapi_schema(**kwargs)
        for operation in public_operations(schema):
            if "security" in operation and {} not in operation["security"]:
                operation["security"].append({})
        for operation in operations(schema):
            # A body that is not JSON at all is refused before any operation sees it.
            if "requestBody" in operation:
                operation["responses"].setdefault("400", MALFORMED_BODY)
        return schema


MALFORMED_BODY = {
    "description": "The body is not valid JSON.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def operations(schema):
    for item in schema["paths"].values():
        yield from item.values()


def public_operations(schema):
    for path, item in schema["paths"].items():
        if "/partner/" not in path:
            yield from item.values()


api = TwinCityAPI(
    title="Twin City API",
    version="1",
    description=DESCRIPTION,
    # Wagtail 8 mounts its own django-ninja API: ours needs a namespace of its own.
    urls_namespace="api-v1",
    openapi_url="/schema/",
    docs_url="/docs/",
    auth=key_or_anonymous,
)

# Imported after `api` exists: their modules may refer to it.
from .partner import router as partner_router  # noqa: E402
from .public import router as public_router  # noqa: E402

api.add_router("/", public_router)
api.add_router("/partner/", partner_router)


@api.exception_handler(ApiError)
def api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
    return error_response(error.status, error.detail, error.errors)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, error: ValidationError) -> HttpResponse:
    errors = [field_error(item) for item in error.errors]
    return error_response(422, _("Some parameters are not valid."), errors)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return error_response(401, _("This needs a partner key in the X-API-Key header."))


@api.exception_handler(AuthorizationError)
def forbidden(request: HttpRequest, error: AuthorizationError) -> HttpResponse:
    return error_response(403, _("Your key does not allow this."))


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return error_response(404, _("Not found."))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    detail = {
        400: gettext_lazy("Bad request."),
        401: gettext_lazy("This needs a partner key in the X-API-Key header."),
        403: gettext_lazy("Your key does not allow this."),
        404: gettext_lazy("Not found."),
        405: gettext_lazy("Method not allowed."),
    }.get(error.status_code, str(error))
    return error_response(error.status_code, str(detail))


def field_error(item: dict) -> dict:
    """One of pydantic's errors, said in the request's language: which parameter, and why."""
    location = [str(part) for part in item.get("loc", ()) if part not in ("query", "path", "body")]
    location = [part for part in location if part not in ("ninja_pagination", "filters")]
    name = ".".join(location) or "?"
    kind = item.get("type", "")
    if kind == "missing":
        message = _("“%(field)s” is required.") % {"field": name}
    elif kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        message = _("“%(field)s” is out of range.") % {"field": name}
    elif kind == "literal_error" or kind == "enum":
        message = _("“%(field)s” is not one of the values allowed.") % {"field": name}
    else:
        message = _("“%(field)s” is not a valid value.") % {"field": name}
    return {"field": name, "message": message}
