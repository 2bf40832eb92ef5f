"""Webhooks: telling partners' systems what happened, signed, retried with back-off, logged.

Who is told what (docs/api.md, "Webhooks"):
- registration.created / registration.cancelled: endpoints of an organisation that co-organises
  the event. The payload carries the registration's id, event, ticket type and status; the
  attendee's name and e-mail only if the endpoint's key has registrations:read, the scope
  that already lets the partner read them through the API.
- vacancy.filled: every endpoint subscribed to it (a vacancy's closing is public: it leaves the
  public listing); the payload holds the vacancy's public fields only.
- news.published: every endpoint subscribed to it, once per article and language, when it is
  first published.

A change emits once it commits (the receivers in apps.py use on_commit): one WebhookDelivery
row per active endpoint, then a task per row. `attempt` claims a row with one conditional
UPDATE (so a task and the worker's sweep never both send it), POSTs it outside any
transaction, and records the answer: 2xx is delivered; anything else is tried again after
BACKOFF[n] (1 min, 5 min, 30 min, 2 h, 12 h), then the delivery has failed. Each POST is a
WebhookAttempt row. The worker's periodic job (`send_due`) sends what is due, so a retry
happens even where the task backend cannot schedule one.

The signature: X-TwinCity-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>.
"""

import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from twincity.core.retention import retention_cutoff

from .models import (
    PartnerKey,
    Scope,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)

Event = WebhookEvent
logger = logging.getLogger("twincity.api.webhooks")

BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
TIMEOUT_SECONDS = 5
# A claimed delivery is not claimed again for this long: a worker that died while sending
# leaves it to be retried after the lease, never lost.
LEASE = timedelta(minutes=2)
SWEEP_BATCH = 100
USER_AGENT = "TwinCity-Webhooks/1"
Sender = Callable[[str, bytes, dict], "Answer"]


# --- Signing ----------------------------------------------------------------------------------


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The X-TwinCity-Signature header's value for `body` sent at `timestamp`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(secret: str, header: str, body: bytes, tolerance: int | None = 300, now=None) -> bool:
    """What a receiver does (the docs show the same in a few lines): recompute, compare in
    constant time, and refuse a timestamp too far from now (a replayed request)."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if tolerance is not None and abs((now or time.time()) - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


# --- Endpoints --------------------------------------------------------------------------------


def url_problem(url: str) -> str:
    """Why `url` may not receive webhooks, or "" if it may: https only, plain http only where
    settings allow it (API_WEBHOOKS_ALLOW_HTTP, on by default when DEBUG: development and
    tests, to a receiver on this machine)."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme == "https" and parsed.hostname:
        return ""
    if parsed.scheme == "http" and parsed.hostname and http_allowed(parsed.hostname):
        return ""
    return _("A webhook URL must start with https://.")


def http_allowed(host: str) -> bool:
    if not getattr(settings, "API_WEBHOOKS_ALLOW_HTTP", settings.DEBUG):
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def create_endpoint(
    organisation, url: str, events: list[str], key: PartnerKey | None = None
) -> WebhookEndpoint:
    """A new endpoint with a new secret (shown to staff once, from the returned row)."""
    problem = url_problem(url)
    if problem:
        raise ValueError(problem)
    unknown = set(events) - set(Event.values)
    if unknown:
        raise ValueError(f"unknown events: {sorted(unknown)}")
    if key is not None and key.organisation_id != organisation.pk:
        raise ValueError("the key belongs to another organisation")
    return WebhookEndpoint.objects.create(
        organisation=organisation, key=key, url=url, events=sorted(set(events)), secret=new_secret()
    )


# --- Emitting ---------------------------------------------------------------------------------


def emit(event: str, payload_for: Callable[[WebhookEndpoint], dict], endpoints) -> list[int]:
    """One delivery per active endpoint subscribed to `event` among `endpoints`, each queued
    to be sent once the current transaction commits. The ids of the deliveries."""
    now = timezone.now()
    chosen = [e for e in endpoints.filter(is_active=True) if event in e.events]
    deliveries = [
        WebhookDelivery(
            endpoint=endpoint,
            event=event,
            payload={"event": event, "occurred_at": now.isoformat(), "data": payload_for(endpoint)},
            next_attempt_at=now,
        )
        for endpoint in chosen
    ]
    # One row at a time: bulk_create gives no ids back on SQLite's older versions.
    for delivery in deliveries:
        delivery.save()
        queue(delivery.pk)
    return [delivery.pk for delivery in deliveries]


def queue(delivery_id: int, run_after: datetime | None = None) -> None:
    """Have the worker send the delivery (at `run_after` where the task backend can wait)."""
    from . import tasks

    def enqueue() -> None:
        task = tasks.deliver_webhook
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return  # the worker's sweep (send_due) sends it when it is due
            task = task.using(run_after=run_after)
        task.enqueue(delivery_id)

    transaction.on_commit(enqueue, robust=True)


def shows_attendees(endpoint: WebhookEndpoint) -> bool:
    key = endpoint.key
    return key is not None and key.revoked_at is None and key.has_scope(Scope.REGISTRATIONS_READ)


def registration_payload(registration, endpoint: WebhookEndpoint) -> dict:
    ticket_type = registration.ticket_type
    data = {
        "id": registration.pk,
        "event": {"id": ticket_type.event_id, "title": ticket_type.event.title},
        "ticket_type": {
            "id": ticket_type.pk,
            "name_en": ticket_type.name_en,
            "name_zh": ticket_type.name_zh,
        },
        "status": registration.status,
        "created_at": registration.created_at.isoformat() if registration.created_at else None,
        "cancelled_at": (
            registration.cancelled_at.isoformat() if registration.cancelled_at else None
        ),
    }
    if shows_attendees(endpoint):
        data["attendee"] = {"name": registration.name, "email": registration.email}
    return data


def emit_registration(event: str, registration_id: int) -> list[int]:
    from twincity.events.models import Registration

    registration = (
        Registration.objects.select_related("ticket_type__event").filter(pk=registration_id).first()
    )
    if registration is None:
        return []
    organisers = registration.ticket_type.event.co_organisers.values("pk")
    endpoints = WebhookEndpoint.objects.filter(organisation__in=organisers).select_related("key")
    return emit(event, lambda endpoint: registration_payload(registration, endpoint), endpoints)


def emit_vacancy_filled(vacancy_id: int) -> list[int]:
    from twincity.talent.models import Vacancy

    vacancy = Vacancy.objects.select_related("organisation").filter(pk=vacancy_id).first()
    if vacancy is None:
        return []
    data = {
        "id": vacancy.pk,
        "title_en": vacancy.title_en,
        "title_zh": vacancy.title_zh,
        "organisation": {
            "id": vacancy.organisation_id,
            "name_en": vacancy.organisation.name_en,
            "name_zh": vacancy.organisation.name_zh,
        },
        "city": vacancy.city,
        "status": vacancy.status,
    }
    return emit(Event.VACANCY_FILLED, lambda endpoint: data, WebhookEndpoint.objects.all())


def emit_news_published(page_id: int) -> list[int]:
    from twincity.news.models import NewsArticlePage

    page = NewsArticlePage.objects.filter(pk=page_id).select_related("locale").first()
    if page is None:
        return []
    data = {
        "id": page.pk,
        "title": page.title,
        "language": page.locale.language_code,
        "url": settings.SITE_URL + (page.get_url() or ""),
        "first_published_at": page.first_published_at.isoformat(),
    }
    # Once per article and endpoint, even if a page published again looks new (a revision
    # saved from a stale copy of the page carries no first publication date).
    told = WebhookDelivery.objects.filter(
        event=Event.NEWS_PUBLISHED, payload__data__id=page.pk
    ).values("endpoint")
    endpoints = WebhookEndpoint.objects.exclude(pk__in=told)
    return emit(Event.NEWS_PUBLISHED, lambda endpoint: data, endpoints)


def after_commit(function: Callable, *args) -> None:
    """Run `function(*args)` once the current transaction commits; a failure is logged, never
    passed on to the change that caused it (a registration must not fail for a webhook)."""

    def run() -> None:
        try:
            function(*args)
        except Exception:
            logger.exception("Emitting a webhook failed: %s%r", function.__name__, args)

    transaction.on_commit(run)


# --- Sending ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status_code: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer other than 2xx: the receiver's URL is wrong, not followed."""

    def redirect_request(self, *args, **kwargs):
        return None


def post(url: str, body: bytes, headers: dict) -> Answer:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return Answer(response.status)
    except urllib.error.HTTPError as error:
        return Answer(error.code, f"HTTP {error.code}")
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return Answer(None, str(reason)[:300] or error.__class__.__name__)


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()


def claim(delivery_id: int, now: datetime) -> WebhookDelivery | None:
    """Take the delivery for one attempt if it is due and its endpoint active: one UPDATE, so
    that of two workers only one sends it."""
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id,
        state__in=[WebhookDelivery.State.PENDING, WebhookDelivery.State.RETRYING],
        next_attempt_at__lte=now,
        endpoint__is_active=True,
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)


def attempt(
    delivery_id: int, now: datetime | None = None, send: Sender | None = None
) -> WebhookDelivery | None:
    """Send the delivery once if it is due; record the answer and when to try again. None if
    it was not due (delivered, failed, not yet time, claimed by another worker, or its
    endpoint disabled)."""
    now = now or timezone.now()
    delivery = claim(delivery_id, now)
    if delivery is None:
        return None
    body = body_of(delivery)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-TwinCity-Event": delivery.event,
        "X-TwinCity-Delivery": str(delivery.pk),
        "X-TwinCity-Signature": signature(delivery.endpoint.secret, int(now.timestamp()), body),
    }
    started = time.monotonic()
    answer = (send or post)(delivery.endpoint.url, body, headers)
    duration_ms = int((time.monotonic() - started) * 1000)
    record(delivery, answer, now, duration_ms)
    return delivery


def record(delivery: WebhookDelivery, answer: Answer, now: datetime, duration_ms: int) -> None:
    State = WebhookDelivery.State
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempts,
            attempted_at=now,
            status_code=answer.status_code,
            error=answer.error[:300],
            duration_ms=duration_ms,
        )
        delivery.last_status_code = answer.status_code
        delivery.last_error = answer.error[:300]
        if answer.ok:
            delivery.state, delivery.delivered_at, delivery.next_attempt_at = (
                State.DELIVERED,
                now,
                None,
            )
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.state, delivery.next_attempt_at = State.FAILED, None
        else:
            delivery.state = State.RETRYING
            delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
        delivery.save(
            update_fields=[
                "state",
                "delivered_at",
                "next_attempt_at",
                "last_status_code",
                "last_error",
            ]
        )
        if delivery.state == State.RETRYING:
            queue(delivery.pk, run_after=delivery.next_attempt_at)


def send_due(now: datetime | None = None, send: Sender | None = None) -> int:
    """The worker's sweep: send every delivery whose time has come. How many were sent."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        state__in=[WebhookDelivery.State.PENDING, WebhookDelivery.State.RETRYING],
        next_attempt_at__lte=now,
        endpoint__is_active=True,
    ).values_list("pk", flat=True)[:SWEEP_BATCH]
    return sum(attempt(pk, now, send) is not None for pk in list(due))


def prune_finished(now: datetime | None = None) -> int:
    """Deliveries done with (delivered, or failed for good) before the retention cutoff go, and
    their attempts with them: a registration's payload may name the attendee."""
    cutoff = retention_cutoff(now or timezone.now())
    done = [WebhookDelivery.State.DELIVERED, WebhookDelivery.State.FAILED]
    return WebhookDelivery.objects.filter(state__in=done, created_at__lt=cutoff).delete()[0]


def resend(delivery: WebhookDelivery) -> WebhookDelivery:
    """Staff send a delivery again: a new delivery (a new id) with the same payload."""
    copy = WebhookDelivery.objects.create(
        endpoint=delivery.endpoint,
        event=delivery.event,
        payload=delivery.payload,
        next_attempt_at=timezone.now(),
        resend_of=delivery,
    )
    queue(copy.pk)
    return copy


# --- What the apps below tell us (connected in apps.py) ------------------------------------------


def on_registration_created(sender, registration, **kwargs) -> None:
    after_commit(emit_registration, Event.REGISTRATION_CREATED, registration.pk)


def on_registration_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    # services.cancel saves the status alone; any other save of a cancelled row is not news.
    if instance.status == "cancelled" and update_fields and "status" in update_fields:
        after_commit(emit_registration, Event.REGISTRATION_CANCELLED, instance.pk)


def on_vacancy_saving(sender, instance, **kwargs) -> None:
    """Remember whether a vacancy being closed was open: only the change is news."""
    instance._api_was_open = bool(
        instance.pk
        and instance.status == "closed"
        and sender.objects.filter(pk=instance.pk, status="open").exists()
    )


def on_vacancy_saved(sender, instance, created, **kwargs) -> None:
    if getattr(instance, "_api_was_open", False):
        instance._api_was_open = False
        after_commit(emit_vacancy_filled, instance.pk)


def on_page_published(sender, instance, **kwargs) -> None:
    # Once per article and language: a later edit published again is not a new article.
    if instance.first_published_at and instance.first_published_at == instance.last_published_at:
        after_commit(emit_news_published, instance.pk)


def connect() -> None:
    from django.db.models.signals import post_save, pre_save
    from wagtail.signals import page_published

    from twincity.events.models import Registration
    from twincity.events.signals import registration_created
    from twincity.news.models import NewsArticlePage
    from twincity.talent.models import Vacancy

    uid = "twincity.api.webhooks"
    registration_created.connect(on_registration_created, dispatch_uid=uid)
    post_save.connect(on_registration_saved, sender=Registration, dispatch_uid=uid)
    pre_save.connect(on_vacancy_saving, sender=Vacancy, dispatch_uid=uid)
    post_save.connect(on_vacancy_saved, sender=Vacancy, dispatch_uid=uid)
    page_published.connect(on_page_published, sender=NewsArticlePage, dispatch_uid=uid)
