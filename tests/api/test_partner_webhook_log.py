"""A partner reads its own webhook endpoints and delivery log through the API (no payloads:
they may name attendees), filters it, and asks for a delivery to be sent again; another
organisation's deliveries are not found."""

import pytest
from django.utils import timezone

from tests.api.test_webhooks import Receiver
from twincity.api import webhooks
from twincity.api.models import Scope, WebhookDelivery, WebhookEndpoint

from .partner_setup import Api, partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_delivery():
    """An organisation, a key of no scope, and one delivery to its endpoint that failed once."""
    organisation, _row, text = partner()
    endpoint = webhooks.create_endpoint(
        organisation, "https://partner.example/hooks", ["news.published"]
    )
    [delivery_id] = webhooks.emit(
        "news.published", lambda e: {"id": 1}, WebhookEndpoint.objects.filter(pk=endpoint.pk)
    )
    webhooks.attempt(delivery_id, now=timezone.now(), send=Receiver(503))
    return Api(text), endpoint, WebhookDelivery.objects.get(pk=delivery_id)


def test_the_log_shows_how_each_delivery_went(failed_delivery):
    api, endpoint, delivery = failed_delivery
    [listed] = api.get("/webhooks/").json()
    assert listed["id"] == endpoint.pk and listed["events"] == ["news.published"]
    answer = api.get("/webhooks/deliveries/")
    assert answer.status_code == 200, answer.content
    [row] = answer.json()["items"]
    assert row["id"] == delivery.pk and row["endpoint"] == endpoint.pk
    assert row["state"] == "retrying" and row["attempts"] == 1
    assert row["last_status_code"] == 503 and row["next_attempt_at"]
    assert "payload" not in row


def test_the_log_filters_by_state_and_refuses_an_unknown_one(failed_delivery):
    api, _endpoint, _delivery = failed_delivery
    assert api.get("/webhooks/deliveries/?state=delivered").json()["items"] == []
    assert len(api.get("/webhooks/deliveries/?state=retrying").json()["items"]) == 1
    wrong = Api(api.headers["X-API-Key"], language="zh-hans").get(
        "/webhooks/deliveries/?state=lost"
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "state"


def test_redelivery_is_a_new_delivery_of_the_same_payload(failed_delivery):
    api, _endpoint, delivery = failed_delivery
    answer = api.post(f"/webhooks/deliveries/{delivery.pk}/redeliver/")
    assert answer.status_code == 201, answer.content
    copy = WebhookDelivery.objects.get(pk=answer.json()["id"])
    assert copy.resend_of_id == delivery.pk and copy.payload == delivery.payload


def test_another_organisations_log_is_not_found(failed_delivery):
    _api, _endpoint, delivery = failed_delivery
    _other, _row, text = partner(*Scope.values)
    stranger = Api(text)
    assert stranger.get("/webhooks/").json() == []
    assert stranger.get("/webhooks/deliveries/").json()["items"] == []
    refused = stranger.post(f"/webhooks/deliveries/{delivery.pk}/redeliver/")
    assert refused.status_code == 404
    assert WebhookDelivery.objects.count() == 1


def test_a_switched_off_endpoint_is_not_redelivered_to(failed_delivery):
    api, endpoint, delivery = failed_delivery
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(is_active=False)
    answer = Api(api.headers["X-API-Key"], language="zh-hans").post(
        f"/webhooks/deliveries/{delivery.pk}/redeliver/"
    )
    assert answer.status_code == 409 and "工作人员" in answer.json()["detail"]
