"""Schemathesis against the live schema (/api/v1/schema/, served by the app itself): for every
operation, public and partner alike, generated valid and invalid inputs must never get a 5xx,
and every answer must conform to the schema (documented status codes, bodies, headers)."""

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from ninja.responses import NinjaJSONEncoder
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.conftest import IN_CI
from twincity.api import keys
from twincity.api.models import Scope
from twincity.directory.models import Organisation
from twincity.wsgi import application

# Bounded so that the suite stays fast: a few hundred requests in all.
EXAMPLES_PER_OPERATION = 25


def live_schema() -> dict:
    """The schema the app serves at /api/v1/schema/ (test_the_served_schema_is_the_one_tested
    checks they are the same), built in-process so that collecting the tests needs no database."""
    from twincity.api.main import api

    # As JSON carries it: status codes are strings there.
    return json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))


@pytest.fixture(autouse=True)
def _no_anonymous_limit(settings):
    settings.API_ANONYMOUS_REQUESTS_PER_MINUTE = 1_000_000


@pytest.fixture(autouse=True)
def _whole_application(connection_kept_across_requests):
    """schemathesis calls the WSGI application itself (below)."""


@pytest.fixture
def partner_key(db) -> str:
    """A key with every scope, of an organisation that co-organises demo events."""
    organisation = Organisation.objects.public().order_by("pk").first()
    _key, text = keys.issue_key(
        organisation, "schemathesis", list(Scope.values), requests_per_minute=1_000_000
    )
    return text


schema = schemathesis.openapi.from_dict(live_schema())
# Requests go through the whole WSGI application, middleware included, as a client's would.
schema.app = application


@pytest.mark.django_db
def test_the_served_schema_is_the_one_tested(client):
    served = client.get("/api/v1/schema/")
    assert served.status_code == 200
    assert served.json() == live_schema()
    assert served.json()["openapi"].startswith("3.1")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=IN_CI,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_every_operation_conforms(case, partner_key):
    headers = {"X-API-Key": partner_key} if "/partner/" in case.path else {}
    # Not `positive_data_acceptance`: a cursor, a news category or a park is valid only when it
    # names something that exists (a signed cursor, a slug of the language), which a schema
    # cannot list; such a request gets a documented 422. Every other check runs.
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
