"""Webhooks: emitted by the site's own changes once they commit, signed (checked with the
recipe of the docs), retried with back-off and logged, never retried forever, and never sent to
a disabled endpoint. Attempts run directly with a fake clock (`now`): no sleeps."""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.events import factories as events
from tests.talent import factories as talent
from twincity.api import webhooks
from twincity.api.models import Scope, WebhookDelivery
from twincity.events import services as event_services

from .partner_setup import Api, attendee, co_organised_event, partner

pytestmark = pytest.mark.django_db
State = WebhookDelivery.State
ALL_EVENTS = ["registration.created", "registration.cancelled", "vacancy.filled", "news.published"]


class Receiver:
    """A fake receiver: answers the statuses given, in turn, and keeps what it was sent."""

    def __init__(self, *statuses: int | None):
        self.statuses = list(statuses)
        self.received: list[tuple[str, bytes, dict]] = []

    def __call__(self, url: str, body: bytes, headers: dict) -> webhooks.Answer:
        self.received.append((url, body, headers))
        status = self.statuses.pop(0) if self.statuses else 200
        if status is None:
            return webhooks.Answer(None, "Connection refused")
        return webhooks.Answer(status, "" if 200 <= status < 300 else f"HTTP {status}")


def documented_verify(secret: str, header: str, body: bytes) -> bool:
    """The receiver's recipe of docs/api.md, as a partner would write it."""
    parts = dict(part.split("=", 1) for part in header.split(","))
    signed = parts["t"].encode() + b"." + body
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


@pytest.fixture(autouse=True)
def posted(monkeypatch) -> Receiver:
    """What the worker's tasks (run at once in tests) send: to a fake that answers 200."""
    fake = Receiver()
    monkeypatch.setattr(webhooks, "post", fake)
    return fake


@pytest.fixture
def endpoint_of():
    def make(organisation, events_=ALL_EVENTS, key=None, url="https://partner.example/hooks"):
        return webhooks.create_endpoint(organisation, url, events_, key=key)

    return make


def deliveries(endpoint) -> list[WebhookDelivery]:
    return list(endpoint.deliveries.order_by("pk"))


def test_a_registration_on_the_site_is_sent_to_the_co_organiser(
    endpoint_of, django_capture_on_commit_callbacks, posted
):
    organisation, _row, _text = partner()
    stranger, _r, _t = partner()
    endpoint = endpoint_of(organisation)
    other = endpoint_of(stranger)
    event = co_organised_event(organisation)
    with django_capture_on_commit_callbacks(execute=True):
        registration = events.register(event.ticket_types.get())
    [delivery] = deliveries(endpoint)
    assert deliveries(other) == []
    assert delivery.event == "registration.created"
    data = delivery.payload["data"]
    assert data["id"] == registration.pk and data["status"] == "confirmed"
    assert data["event"]["id"] == event.pk
    assert "attendee" not in data  # the endpoint's key (none) may not read registrations
    # The worker's task (run at once in tests) sent it, once it was committed.
    assert delivery.state == State.DELIVERED and len(posted.received) == 1
    assert posted.received[0][0] == endpoint.url


def test_the_attendee_is_named_only_to_a_key_that_may_read_registrations(
    endpoint_of, django_capture_on_commit_callbacks
):
    organisation, reader, _t = partner(Scope.REGISTRATIONS_READ)
    _o, writer, _t2 = partner(Scope.REGISTRATIONS_WRITE, organisation=organisation)
    with_reader = endpoint_of(organisation, key=reader)
    with_writer = endpoint_of(organisation, key=writer)
    event = co_organised_event(organisation)
    with django_capture_on_commit_callbacks(execute=True):
        registration = events.register(event.ticket_types.get())
    assert deliveries(with_reader)[0].payload["data"]["attendee"] == {
        "name": registration.name,
        "email": registration.email,
    }
    assert "attendee" not in deliveries(with_writer)[0].payload["data"]


def test_cancelling_through_the_api_is_sent(endpoint_of, django_capture_on_commit_callbacks):
    organisation, _row, text = partner(Scope.REGISTRATIONS_WRITE)
    endpoint = endpoint_of(organisation, ["registration.cancelled"])
    event = co_organised_event(organisation)
    api = Api(text)
    with django_capture_on_commit_callbacks(execute=True):
        made = api.post(
            f"/events/{event.pk}/registrations/", attendee(event.ticket_types.get().pk)
        ).json()
    assert deliveries(endpoint) == []  # not subscribed to registration.created
    with django_capture_on_commit_callbacks(execute=True):
        api.delete(f"/events/{event.pk}/registrations/{made['id']}/")
    [delivery] = deliveries(endpoint)
    assert delivery.event == "registration.cancelled"
    assert delivery.payload["data"]["status"] == "cancelled"


def test_a_vacancy_closed_is_sent_once(endpoint_of, django_capture_on_commit_callbacks):
    organisation, _row, text = partner(Scope.VACANCIES_WRITE)
    listener, _r, _t = partner()
    endpoint = endpoint_of(listener, ["vacancy.filled"])
    vacancy = talent.vacancy(talent.recruiter(organisation))
    with django_capture_on_commit_callbacks(execute=True):
        Api(text).post(f"/vacancies/{vacancy.pk}/close/")
        Api(text).post(f"/vacancies/{vacancy.pk}/close/")  # closed already: no news
    [delivery] = deliveries(endpoint)
    assert delivery.payload["data"]["id"] == vacancy.pk
    assert delivery.payload["data"]["organisation"]["id"] == organisation.pk


def test_a_news_article_published_the_first_time_is_sent(
    endpoint_of, django_capture_on_commit_callbacks
):
    from twincity.news.models import NewsArticlePage, NewsIndexPage

    listener, _r, _t = partner()
    endpoint = endpoint_of(listener, ["news.published"])
    index = NewsIndexPage.objects.filter(locale__language_code="en").first()
    article = NewsArticlePage(
        title="Corridor opens",
        slug="corridor-opens-webhook",
        date=timezone.localdate(),
        lead="The corridor opens.",
        body=[("paragraph", "<p>Hi</p>")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        index.add_child(instance=article)
        article.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        edited = NewsArticlePage.objects.get(pk=article.pk)
        edited.lead = "The corridor is open."
        edited.save_revision().publish()  # an edit published again: not a new article
        article.save_revision().publish()  # nor from a stale copy of the page
    sent = [d.payload["data"] for d in deliveries(endpoint)]
    # Once for the article (a translation the site makes of it would be an article of its own).
    [data] = [item for item in sent if item["id"] == article.pk]
    assert data["title"] == "Corridor opens" and data["language"] == "en"
    assert data["url"].endswith("/corridor-opens-webhook/")


def test_the_delivery_is_signed_as_the_docs_say(endpoint_of):
    organisation, _row, _text = partner()
    endpoint = endpoint_of(organisation)
    [delivery_id] = webhooks.emit(
        "news.published", lambda e: {"id": 1, "title": "成渝"}, type(endpoint).objects.all()
    )
    receiver = Receiver(200)
    webhooks.attempt(delivery_id, send=receiver)
    _url, body, headers = receiver.received[0]
    assert headers["X-TwinCity-Event"] == "news.published"
    assert headers["X-TwinCity-Delivery"] == str(delivery_id)
    assert documented_verify(endpoint.secret, headers["X-TwinCity-Signature"], body)
    assert webhooks.verify(endpoint.secret, headers["X-TwinCity-Signature"], body)
    assert json.loads(body)["data"]["title"] == "成渝"
    # Another secret, or a body changed on the way, does not verify.
    assert not documented_verify("whsec_other", headers["X-TwinCity-Signature"], body)
    assert not documented_verify(endpoint.secret, headers["X-TwinCity-Signature"], body + b" ")


def test_a_failure_is_retried_after_the_back_off_and_both_attempts_are_logged(endpoint_of):
    organisation, _row, _text = partner()
    endpoint = endpoint_of(organisation)
    [delivery_id] = webhooks.emit("news.published", lambda e: {"id": 1}, type(endpoint).objects)
    receiver = Receiver(500, 200)
    now = timezone.now()
    webhooks.attempt(delivery_id, now=now, send=receiver)
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.state == State.RETRYING and delivery.last_status_code == 500
    assert delivery.next_attempt_at == now + webhooks.BACKOFF[0]
    # Not before its time: the worker's sweep a moment later sends nothing.
    assert webhooks.send_due(now + timedelta(seconds=30), send=receiver) == 0
    assert webhooks.send_due(now + webhooks.BACKOFF[0], send=receiver) == 1
    delivery.refresh_from_db()
    assert delivery.state == State.DELIVERED and delivery.attempts == 2
    log = list(delivery.attempt_log.values_list("number", "status_code"))
    assert log == [(1, 500), (2, 200)]
    assert len(receiver.received) == 2
    # The same delivery id both times: a receiver can tell a retry from a new event.
    assert {h["X-TwinCity-Delivery"] for _u, _b, h in receiver.received} == {str(delivery_id)}


def test_the_back_off_grows_and_ends_in_failure(endpoint_of):
    organisation, _row, _text = partner()
    endpoint = endpoint_of(organisation)
    [delivery_id] = webhooks.emit("news.published", lambda e: {"id": 1}, type(endpoint).objects)
    receiver = Receiver(*([None] * 20))  # the receiver is down for good
    now = timezone.now()
    waits = []
    for _ in range(webhooks.MAX_ATTEMPTS):
        assert webhooks.attempt(delivery_id, now=now, send=receiver) is not None
        delivery = WebhookDelivery.objects.get(pk=delivery_id)
        if delivery.next_attempt_at:
            waits.append(delivery.next_attempt_at - now)
            now = delivery.next_attempt_at
    assert waits == list(webhooks.BACKOFF)
    assert delivery.state == State.FAILED and delivery.attempts == webhooks.MAX_ATTEMPTS
    assert delivery.last_error == "Connection refused"
    # Not retried forever: a year later nothing is sent.
    assert webhooks.send_due(now + timedelta(days=365), send=receiver) == 0
    assert len(receiver.received) == webhooks.MAX_ATTEMPTS


def test_a_disabled_endpoint_gets_nothing(endpoint_of, django_capture_on_commit_callbacks):
    organisation, _row, _text = partner()
    endpoint = endpoint_of(organisation)
    event = co_organised_event(organisation)
    [queued] = webhooks.emit("news.published", lambda e: {"id": 1}, type(endpoint).objects)
    endpoint.is_active = False
    endpoint.save()
    with django_capture_on_commit_callbacks(execute=True):
        events.register(event.ticket_types.get())
    assert [d.pk for d in deliveries(endpoint)] == [queued]  # nothing new
    receiver = Receiver()
    assert webhooks.attempt(queued, send=receiver) is None  # and the queued one stays
    assert webhooks.send_due(timezone.now() + timedelta(days=1), send=receiver) == 0
    assert receiver.received == []


def test_one_delivery_is_sent_once_however_many_workers_try(endpoint_of):
    organisation, _row, _text = partner()
    endpoint = endpoint_of(organisation)
    [delivery_id] = webhooks.emit("news.published", lambda e: {"id": 1}, type(endpoint).objects)
    receiver = Receiver(200)
    now = timezone.now()
    assert webhooks.claim(delivery_id, now) is not None
    # A second worker at the same moment finds it taken.
    assert webhooks.attempt(delivery_id, now=now, send=receiver) is None
    assert receiver.received == []


def test_staff_resend_is_a_new_delivery_of_the_same_payload(endpoint_of):
    organisation, _row, _text = partner()
    endpoint = endpoint_of(organisation)
    [delivery_id] = webhooks.emit("news.published", lambda e: {"id": 7}, type(endpoint).objects)
    original = WebhookDelivery.objects.get(pk=delivery_id)
    copy = webhooks.resend(original)
    assert copy.pk != original.pk and copy.payload == original.payload
    assert copy.resend_of == original and copy.state == State.PENDING


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://partner.example/hooks", True),
        ("http://partner.example/hooks", False),
        ("http://127.0.0.1:9000/hooks", False),
        ("ftp://partner.example/", False),
    ],
)
def test_only_https_unless_settings_allow_http_to_this_machine(url, allowed):
    with override_settings(API_WEBHOOKS_ALLOW_HTTP=False):
        assert (webhooks.url_problem(url) == "") is allowed
    with override_settings(API_WEBHOOKS_ALLOW_HTTP=True):
        local = url.startswith("http://127.0.0.1")
        assert (webhooks.url_problem(url) == "") is (allowed or local)


def test_a_webhook_failure_never_fails_the_registration(
    endpoint_of, django_capture_on_commit_callbacks, monkeypatch
):
    organisation, _row, _text = partner()
    endpoint_of(organisation)
    event = co_organised_event(organisation)

    def broken(*args):
        raise RuntimeError("the webhook table is gone")

    monkeypatch.setattr(webhooks, "emit", broken)
    with django_capture_on_commit_callbacks(execute=True):
        registration = events.register(event.ticket_types.get())
    assert registration.pk and registration.status == "confirmed"
    assert event_services.seats_taken(registration.ticket_type_id, timezone.now()) == 1


def test_the_delivery_log_is_pruned_after_the_retention_period(endpoint_of):
    organisation, _row, _text = partner()
    endpoint = endpoint_of(organisation)
    old = timezone.now() - timedelta(days=400)
    states = WebhookDelivery.State
    rows = {
        state: WebhookDelivery.objects.create(
            endpoint=endpoint, event=webhooks.Event.NEWS_PUBLISHED, payload={}, state=state
        )
        for state in (states.DELIVERED, states.FAILED, states.RETRYING)
    }
    WebhookDelivery.objects.filter(pk__in=[row.pk for row in rows.values()]).update(created_at=old)
    recent = WebhookDelivery.objects.create(
        endpoint=endpoint, event=webhooks.Event.NEWS_PUBLISHED, payload={}, state=states.DELIVERED
    )

    webhooks.prune_finished()

    left = set(WebhookDelivery.objects.values_list("pk", flat=True))
    assert left == {rows[states.RETRYING].pk, recent.pk}  # still has work to do; too recent
