"""Who is calling: a partner's key in the X-API-Key header, or nobody (the public read API).

A key that is sent but unknown or revoked is refused (401) rather than read as anonymous: a
partner whose key was revoked must notice at once, not silently lose fields."""

from django.http import HttpRequest
from ninja.security import APIKeyHeader

from . import keys
from .models import PartnerKey

KEY_HEADER = "X-API-Key"


class PartnerKeyAuth(APIKeyHeader):
    param_name = KEY_HEADER

    def authenticate(self, request: HttpRequest, key: str | None) -> PartnerKey | None:
        # ApiMiddleware (conditional.py) has read the key already, for the rate limit: one
        # lookup per request, not two.
        if getattr(request, "partner", None) is not None:
            return request.partner
        partner = keys.authenticate(key) if key else None
        request.partner = partner
        return partner


class Anonymous:
    """The public read API's second way in: allowed when no key is sent at all."""

    def __call__(self, request: HttpRequest) -> bool | None:
        if KEY_HEADER in request.headers:
            return None
        request.partner = None
        return True


partner_key = PartnerKeyAuth()
key_or_anonymous = [partner_key, Anonymous()]
