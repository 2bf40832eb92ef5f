"""Partners, their keys and their co-organised events, for the partner API's tests."""

import json

from django.test import Client

from tests.events import factories as events
from tests.talent import factories as talent
from twincity.api import keys
from twincity.api.models import Scope
from twincity.events.models import EventPage

ALL_SCOPES = list(Scope.values)


def partner(*scopes: str, organisation=None) -> tuple:
    """An enterprise (or `organisation`) with a key of `scopes`: (organisation, key row, text)."""
    organisation = organisation or talent.enterprise()
    row, text = keys.issue_key(organisation, "tests", [s for s in scopes if s])
    return organisation, row, text


def co_organised_event(organisation, capacity: int = 10, **fields) -> EventPage:
    page = events.event(capacity=capacity, **fields)
    fresh = EventPage.objects.get(pk=page.pk)
    fresh.co_organisers.add(organisation)
    fresh.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


class Api:
    """The partner API through Django's test client, with a key."""

    def __init__(self, key_text: str | None, language: str = "en"):
        self.client = Client()
        self.headers = {"Accept-Language": language}
        if key_text:
            self.headers["X-API-Key"] = key_text

    def call(self, method: str, path: str, body: dict | None = None):
        send = getattr(self.client, method.lower())
        kwargs = {"headers": self.headers}
        if body is not None:
            kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
        return send("/api/v1/partner" + without_final_slash(path), **kwargs)

    def get(self, path: str):
        return self.call("GET", path)

    def post(self, path: str, body: dict | None = None):
        return self.call("POST", path, body if body is not None else {})

    def patch(self, path: str, body: dict):
        return self.call("PATCH", path, body)

    def delete(self, path: str):
        return self.call("DELETE", path)


def without_final_slash(path: str) -> str:
    """The tests write paths as "/events/1/registrations/"; the API's have no final slash."""
    where, mark, query = path.partition("?")
    return where.rstrip("/") + mark + query


def attendee(ticket_type_id: int, number: int = 1, **fields) -> dict:
    return {
        "ticket_type": ticket_type_id,
        "name": f"Partner Visitor {number}",
        "email": f"partner-visitor{number}@example.org",
        "city_of_origin": "chongqing",
        **fields,
    }


def vacancy_fields(**fields) -> dict:
    return {
        "title_en": "Warehouse supervisor",
        "title_zh": "仓库主管",
        "industry": "logistics",
        "city": "chengdu",
        "salary_min": 6000,
        "salary_max": 9000,
        "headcount": 2,
        "education": 3,
        "deadline": "2099-12-31",
        "majors": ["Logistics management"],
        **fields,
    }
