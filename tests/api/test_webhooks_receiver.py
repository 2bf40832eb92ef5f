"""A webhook reaches a real HTTP server (http.server in a thread, on 127.0.0.1): the POST, its
headers and its signature are the real ones; a 500 is retried and then succeeds."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.events import factories as events
from twincity.api import webhooks
from twincity.api.models import Scope, WebhookDelivery

from .partner_setup import co_organised_event, partner

pytestmark = pytest.mark.django_db


class Received:
    def __init__(self, statuses: list[int]):
        self.statuses = statuses
        self.requests: list[dict] = []


def handler_for(received: Received):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            # The headers as a message: names are case-insensitive, as in HTTP.
            received.requests.append({"path": self.path, "headers": self.headers, "body": body})
            status = received.statuses.pop(0) if received.statuses else 200
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):  # quiet
            pass

    return Handler


@pytest.fixture
def receiver():
    received = Received([500])
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(received))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield received, f"http://127.0.0.1:{server.server_address[1]}/twincity-hooks"
    finally:
        server.shutdown()
        server.server_close()


def verify_as_documented(secret: str, header: str, body: bytes) -> bool:
    parts = dict(part.split("=", 1) for part in header.split(","))
    expected = hmac.new(
        secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


@override_settings(API_WEBHOOKS_ALLOW_HTTP=True)
def test_a_real_receiver_gets_a_signed_post_retried_after_a_500(
    receiver, django_capture_on_commit_callbacks
):
    received, url = receiver
    organisation, key, _text = partner(Scope.REGISTRATIONS_READ)
    endpoint = webhooks.create_endpoint(organisation, url, ["registration.created"], key=key)
    event = co_organised_event(organisation)
    with django_capture_on_commit_callbacks(execute=True):
        registration = events.register(event.ticket_types.get(), name="李雷")
    # The task (run at once in tests) made the first attempt: the receiver answered 500.
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.state == WebhookDelivery.State.RETRYING
    assert delivery.last_status_code == 500
    # The worker's sweep once the back-off has passed (a later clock, no sleep).
    later = timezone.now() + webhooks.BACKOFF[0] + timedelta(seconds=1)
    assert webhooks.send_due(later) == 1
    delivery.refresh_from_db()
    assert delivery.state == WebhookDelivery.State.DELIVERED
    assert list(delivery.attempt_log.values_list("status_code", flat=True)) == [500, 200]

    assert len(received.requests) == 2
    for request in received.requests:
        headers, body = request["headers"], request["body"]
        assert request["path"] == "/twincity-hooks"
        assert headers["X-TwinCity-Event"] == "registration.created"
        assert headers["X-TwinCity-Delivery"] == str(delivery.pk)
        assert headers["Content-Type"].startswith("application/json")
        assert verify_as_documented(endpoint.secret, headers["X-TwinCity-Signature"], body)
        payload = json.loads(body)
        assert payload["event"] == "registration.created"
        assert payload["data"]["id"] == registration.pk
        assert payload["data"]["attendee"]["name"] == "李雷"
