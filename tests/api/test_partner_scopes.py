"""Each scope allows exactly its partner operations, and nothing more (a matrix); a key of
another organisation is refused an event it does not co-organise; /partner/me/ needs none."""

import pytest

from tests.events import factories as events
from twincity.api.models import Scope

from .partner_setup import ALL_SCOPES, Api, attendee, co_organised_event, partner, vacancy_fields

pytestmark = pytest.mark.django_db

# operation -> the one scope that allows it
NEEDS = {
    "list vacancies": Scope.VACANCIES_WRITE,
    "post vacancy": Scope.VACANCIES_WRITE,
    "change vacancy": Scope.VACANCIES_WRITE,
    "close vacancy": Scope.VACANCIES_WRITE,
    "register": Scope.REGISTRATIONS_WRITE,
    "cancel": Scope.REGISTRATIONS_WRITE,
    "list registrations": Scope.REGISTRATIONS_READ,
    "list check-ins": Scope.REGISTRATIONS_READ,
}


@pytest.fixture
def world():
    """One organisation, its event (one registration) and its vacancy, and a key per scope
    (plus one with none)."""
    organisation, _row, _text = partner()
    event = co_organised_event(organisation)
    ticket_type = event.ticket_types.get()
    registration = events.register(ticket_type)
    _o, _r, writer = partner(Scope.VACANCIES_WRITE, organisation=organisation)
    created = Api(writer).post("/vacancies/", vacancy_fields())
    assert created.status_code == 201, created.content
    texts = {scope: partner(scope, organisation=organisation)[2] for scope in [*ALL_SCOPES, None]}
    return {
        "event": event,
        "ticket_type": ticket_type,
        "registration": registration,
        "vacancy": created.json()["id"],
        "keys": texts,
    }


def request(api: Api, operation: str, world: dict, number: int):
    event, vacancy = world["event"].pk, world["vacancy"]
    return {
        "list vacancies": lambda: api.get("/vacancies/"),
        "post vacancy": lambda: api.post("/vacancies/", vacancy_fields()),
        "change vacancy": lambda: api.patch(f"/vacancies/{vacancy}/", {"headcount": 3}),
        "close vacancy": lambda: api.post(f"/vacancies/{vacancy}/close/"),
        "register": lambda: api.post(
            f"/events/{event}/registrations/", attendee(world["ticket_type"].pk, number)
        ),
        "cancel": lambda: api.delete(f"/events/{event}/registrations/{world['registration'].pk}/"),
        "list registrations": lambda: api.get(f"/events/{event}/registrations/"),
        "list check-ins": lambda: api.get(f"/events/{event}/check-ins/"),
    }[operation]()


@pytest.mark.parametrize("scope", [*ALL_SCOPES, None])
def test_each_scope_allows_exactly_its_operations(world, scope):
    api = Api(world["keys"][scope])
    for number, (operation, needed) in enumerate(NEEDS.items()):
        response = request(api, operation, world, number)
        if scope == needed:
            assert response.status_code in (200, 201), (operation, response.content)
        else:
            assert response.status_code == 403, (operation, scope, response.content)
            assert "scope" in response.json()["detail"]


def test_the_refusal_is_translated(world):
    api = Api(world["keys"][Scope.READ_EXTENDED], language="zh-hans")
    response = api.get("/vacancies/")
    assert response.status_code == 403
    assert "范围" in response.json()["detail"]


@pytest.mark.parametrize("scope", [Scope.REGISTRATIONS_WRITE, Scope.REGISTRATIONS_READ])
def test_another_organisation_is_refused_the_event(world, scope):
    _other, _row, text = partner(*ALL_SCOPES)
    api = Api(text)
    event = world["event"].pk
    answers = [
        api.post(f"/events/{event}/registrations/", attendee(world["ticket_type"].pk, 99)),
        api.delete(f"/events/{event}/registrations/{world['registration'].pk}/"),
        api.get(f"/events/{event}/registrations/"),
        api.get(f"/events/{event}/check-ins/"),
    ]
    assert [a.status_code for a in answers] == [403] * 4
    assert world["registration"].ticket_type.registrations.count() == 1


def test_another_organisation_cannot_touch_the_vacancy(world):
    _other, _row, text = partner(Scope.VACANCIES_WRITE)
    api = Api(text)
    vacancy = world["vacancy"]
    assert api.patch(f"/vacancies/{vacancy}/", {"headcount": 9}).status_code == 404
    assert api.post(f"/vacancies/{vacancy}/close/").status_code == 404
    assert vacancy not in [v["id"] for v in api.get("/vacancies/").json()]


@pytest.mark.parametrize("scope", [*ALL_SCOPES, None])
def test_me_needs_a_key_and_no_scope(world, scope):
    response = Api(world["keys"][scope]).get("/me/")
    assert response.status_code == 200
    assert response.json()["scopes"] == ([scope] if scope else [])


def test_every_operation_needs_a_key(world):
    api = Api(None)
    assert api.get("/me/").status_code == 401
    for number, operation in enumerate(NEEDS):
        assert request(api, operation, world, number).status_code == 401, operation
