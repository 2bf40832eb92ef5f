"""Rate limits: per client address for anonymous calls, per key for partners; 429 with
Retry-After and a translated error; counted in the shared cache."""

import pytest

from twincity.api import keys
from twincity.api.models import Scope
from twincity.directory.models import Organisation

pytestmark = pytest.mark.django_db


def test_anonymous_limit_per_address(client, settings):
    settings.API_ANONYMOUS_REQUESTS_PER_MINUTE = 3
    answers = [client.get("/api/v1/fairs?lang=zh-hans") for _ in range(3)]
    assert [answer["X-RateLimit-Remaining"] for answer in answers] == ["2", "1", "0"]
    refused = client.get("/api/v1/fairs?lang=zh-hans")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert "秒后重试" in refused.json()["detail"]
    # Another address has its own allowance.
    assert client.get("/api/v1/fairs", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_a_key_has_its_own_limit(client, settings):
    settings.API_ANONYMOUS_REQUESTS_PER_MINUTE = 1
    organisation = Organisation.objects.public().order_by("pk").first()
    _key, text = keys.issue_key(organisation, "t", [Scope.READ_EXTENDED], requests_per_minute=2)
    assert client.get("/api/v1/fairs").status_code == 200
    assert client.get("/api/v1/fairs").status_code == 429
    assert client.get("/api/v1/fairs", HTTP_X_API_KEY=text)["X-RateLimit-Limit"] == "2"
    assert client.get("/api/v1/fairs", HTTP_X_API_KEY=text).status_code == 200
    refused = client.get("/api/v1/fairs", HTTP_X_API_KEY=text)
    assert refused.status_code == 429 and refused["Retry-After"]
