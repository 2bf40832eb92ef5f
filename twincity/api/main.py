"""The API object: /api/v1/, its schema (OpenAPI 3.1) and its docs, served from the site."""

from ninja import NinjaAPI

from .auth import key_or_anonymous

api = NinjaAPI(
    title="Twin City API",
    version="1",
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
