"""What the load balancer and Prometheus ask: /healthz, /readyz and /metrics.

- /healthz: the process answers (200 "ok"); it touches neither the database nor the cache, so
  a database outage does not make the balancer drop every app server at once.
- /readyz: the database and the shared cache answer and every migration is applied (200), or
  503 naming what failed. The migration check reads the migration files: done until it first
  succeeds, then remembered (a deploy starts new processes).
- /metrics: core.metrics, for the addresses in METRICS_ALLOWED_IPS only (others get 404).

`OperationalEndpointsMiddleware`, first in MIDDLEWARE, answers these three before any other
middleware runs: no site lookup, no session or CSRF cookie, no HTTPS redirect, no rate limit,
and any Host (a balancer may call an app server by its address). urls.py names the same views.
"""

import ipaddress
import json
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpResponse

from .abuse import client_address
from .generation import SHARED_CACHE
from .metrics import metrics_view

READINESS_CACHE_KEY = "twincity:readyz"
_migrations_applied = False


def healthz(request) -> HttpResponse:
    return plain_response(HttpResponse("ok", content_type="text/plain"))


def readyz(request) -> HttpResponse:
    checks = {
        "database": check_database(),
        "cache": check_cache(),
    }
    checks["migrations"] = check_migrations() if checks["database"] == "ok" else "unknown"
    failing = [name for name, state in checks.items() if state != "ok"]
    body = {"ready": not failing, "failing": failing, "checks": checks}
    response = HttpResponse(json.dumps(body), content_type="application/json")
    response.status_code = 503 if failing else 200
    return plain_response(response)


def plain_response(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def check_database() -> str:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return f"error: {type(error).__name__}"
    return "ok"


def check_cache() -> str:
    """A value written to the shared cache can be read back (a cache that swallows errors,
    core.resilient_cache, reads back nothing while Redis is down)."""
    token = uuid.uuid4().hex
    shared = caches[SHARED_CACHE]
    try:
        shared.set(READINESS_CACHE_KEY, token, timeout=30)
        return "ok" if shared.get(READINESS_CACHE_KEY) == token else "error: unreachable"
    except Exception as error:  # any backend's own connection error
        return f"error: {type(error).__name__}"


def check_migrations() -> str:
    global _migrations_applied
    if _migrations_applied:
        return "ok"
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return f"error: {type(error).__name__}"
    if plan:
        return f"error: {len(plan)} not applied"
    _migrations_applied = True
    return "ok"


def address_allowed(address: str, allowed: list[str]) -> bool:
    """`address` is one of `allowed` (addresses or networks such as 10.0.0.0/8)."""
    try:
        visitor = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(visitor in ipaddress.ip_network(entry, strict=False) for entry in allowed)


def metrics(request) -> HttpResponse:
    if not address_allowed(client_address(request), settings.METRICS_ALLOWED_IPS):
        raise Http404
    return metrics_view(request)


ENDPOINTS: dict[str, Callable] = {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics}


class OperationalEndpointsMiddleware:
    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request):
        endpoint = ENDPOINTS.get(request.path_info)
        if endpoint is None:
            return self.get_response(request)
        try:
            return endpoint(request)
        except Http404:
            return plain_response(HttpResponse("Not found", status=404, content_type="text/plain"))
