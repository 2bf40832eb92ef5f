"""Issuing, finding and revoking partner keys.

A key reads `tc_<prefix>_<secret>`: the prefix finds the row, and the secret is checked against
its SHA-256 (a key is 192 random bits, so a fast hash is enough; nothing to stretch)."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import PartnerKey, Scope

KEY_START = "tc_"
LAST_USED_PRECISION = timedelta(minutes=1)


def issue_key(
    organisation, name: str, scopes: list[str], by=None, requests_per_minute: int = 120
) -> tuple[PartnerKey, str]:
    """A new key and its whole text, which is shown once and never stored."""
    unknown = set(scopes) - set(Scope.values)
    if unknown:
        raise ValueError(f"unknown scopes: {sorted(unknown)}")
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(24)
    key = PartnerKey.objects.create(
        organisation=organisation,
        name=name,
        prefix=prefix,
        secret_hash=hash_secret(secret),
        scopes=sorted(set(scopes)),
        requests_per_minute=requests_per_minute,
        created_by=by,
    )
    return key, f"{KEY_START}{prefix}_{secret}"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def authenticate(text: str) -> PartnerKey | None:
    """The active key that `text` is, or None (unknown, malformed or revoked)."""
    if not text.startswith(KEY_START):
        return None
    prefix, _, secret = text.removeprefix(KEY_START).partition("_")
    if not prefix or not secret:
        return None
    key = PartnerKey.objects.active().select_related("organisation").filter(prefix=prefix).first()
    if key is None or not hmac.compare_digest(key.secret_hash, hash_secret(secret)):
        return None
    note_use(key)
    return key


def note_use(key: PartnerKey) -> None:
    """Keep `last_used_at` (the admin's list shows it) to the minute: one write a minute per
    key at most, not one per request."""
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_PRECISION:
        PartnerKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now


def revoke(key: PartnerKey) -> None:
    """Refused from the next request on: every request reads the key's row."""
    with transaction.atomic():
        PartnerKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
