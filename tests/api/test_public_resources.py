"""The public read API's resources: both languages, the site's filters, pagination, stable ids,
extended fields only with the scope, and errors in the language asked for."""

import pytest
from django.utils import timezone

from tests.events import factories as events_factories
from tests.talent import factories as talent_factories
from twincity.api import keys
from twincity.api.models import Scope
from twincity.core.localisation import locale_id
from twincity.directory.models import Organisation
from twincity.directory.selectors import find_organisations
from twincity.events import selectors as event_selectors
from twincity.events.models import EventPage

from .conftest import items, walk

pytestmark = pytest.mark.django_db

RESOURCES = [
    "news",
    "events",
    "places",
    "guidebooks",
    "organisations",
    "groups",
    "invest/opportunities",
    "invest/parks",
    "invest/policies",
]


def key_with(*scopes: str) -> str:
    organisation = Organisation.objects.public().order_by("pk").first()
    return keys.issue_key(organisation, "tests", list(scopes))[1]


@pytest.mark.parametrize("resource", RESOURCES)
def test_list_and_detail_in_both_languages_share_ids(client, resource):
    english = items(client.get(f"/api/v1/{resource}", {"lang": "en", "limit": 5}))
    chinese = items(client.get(f"/api/v1/{resource}", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9"))
    assert english, f"the demo has {resource}"
    first = english[0]
    detail_en = client.get(f"/api/v1/{resource}/{first['id']}?lang=en")
    detail_zh = client.get(f"/api/v1/{resource}/{first['id']}", HTTP_ACCEPT_LANGUAGE="zh-Hans")
    assert detail_en.status_code == 200 and detail_zh.status_code == 200
    assert detail_en["Content-Language"] == "en"
    assert detail_zh["Content-Language"] == "zh-hans"
    assert detail_en.json()["id"] == detail_zh.json()["id"] == first["id"]
    assert {item["id"] for item in chinese} <= {
        item["id"] for item in walk(client, f"/api/v1/{resource}?limit=100")
    }
    if resource != "groups":  # the only resource without a page of its own on the site
        # Each item links its page on the site, in the language asked for and in both.
        assert detail_zh.json()["url"].startswith("http://testserver/zh-hans/")
        assert detail_en.json()["urls"]["en"].startswith("http://testserver/en/")
    assert "Accept-Language" in detail_en["Vary"] and "X-API-Key" in detail_en["Vary"]


def test_chinese_content_is_the_chinese_tree(client):
    event = items(client.get("/api/v1/events?lang=en&limit=1"))[0]
    chinese = client.get(f"/api/v1/events/{event['id']}?lang=zh-hans").json()
    page = EventPage.objects.get(pk=event["id"])
    translation = EventPage.objects.get(
        translation_key=page.translation_key, locale_id=locale_id("zh-hans")
    )
    assert chinese["title"] == translation.title != event["title"]
    assert chinese["url"] == "http://testserver" + translation.get_url()


def test_events_filter_equals_the_site_listing(client):
    now = timezone.now()
    for city in ("chengdu", "chongqing"):
        site = event_selectors.upcoming_first(
            event_selectors.filtered_events(
                EventPage.objects.live().public().filter(locale_id=locale_id("en")),
                event_selectors.EventFilters(city=city, when="upcoming"),
                now,
            ),
            now,
        )
        api = walk(client, f"/api/v1/events?city={city}&when=upcoming&limit=2")
        assert [item["id"] for item in api] == [event.pk for event in site]


def test_organisations_filter_equals_the_directory(client):
    for kind in ("enterprise", "school"):
        api = walk(client, f"/api/v1/organisations?kind={kind}&limit=7")
        assert [item["id"] for item in api] == list(
            find_organisations(kind=kind).order_by("name_en", "pk").values_list("pk", flat=True)
        )


def test_pagination_walks_every_item_exactly_once(client):
    everything = walk(client, "/api/v1/places?limit=100")
    by_threes = walk(client, "/api/v1/places?limit=3")
    assert len(everything) > 3
    assert [item["id"] for item in by_threes] == [item["id"] for item in everything]
    assert len({item["id"] for item in by_threes}) == len(by_threes)


def test_a_forged_cursor_or_too_large_limit_is_a_422(client):
    assert client.get("/api/v1/places?cursor=MTAw").status_code == 422
    assert client.get("/api/v1/places?limit=101").status_code == 422


def test_places_in_gcj02_on_request(client):
    wgs = items(client.get("/api/v1/places?limit=1"))[0]
    gcj = items(client.get("/api/v1/places?limit=1&coords=gcj02"))[0]
    assert wgs["coordinate_system"] == "wgs84" and gcj["coordinate_system"] == "gcj02"
    # GCJ-02 moves points in China by a few hundred metres.
    assert 0.0005 < abs(gcj["longitude"] - wgs["longitude"]) < 0.02


def test_extended_fields_only_with_the_scope(client):
    organisation = items(client.get("/api/v1/organisations?limit=1"))[0]
    event = items(client.get("/api/v1/events?limit=1"))[0]
    assert "contact_email" not in organisation and "capacity" not in event["availability"]
    plain = key_with(Scope.VACANCIES_WRITE)
    assert (
        "contact_email"
        not in items(client.get("/api/v1/organisations?limit=1", HTTP_X_API_KEY=plain))[0]
    )
    extended = key_with(Scope.READ_EXTENDED)
    more = items(client.get("/api/v1/organisations?limit=1", HTTP_X_API_KEY=extended))[0]
    assert "contact_email" in more and "contact_phone" in more
    with_seats = items(client.get("/api/v1/events?limit=1", HTTP_X_API_KEY=extended))[0]
    assert "capacity" in with_seats["availability"]


def test_a_revoked_key_is_refused_at_once(client):
    organisation = Organisation.objects.public().order_by("pk").first()
    key, text = keys.issue_key(organisation, "tests", [Scope.READ_EXTENDED])
    assert client.get("/api/v1/events", HTTP_X_API_KEY=text).status_code == 200
    keys.revoke(key)
    refused = client.get("/api/v1/events", HTTP_X_API_KEY=text)
    assert refused.status_code == 401 and refused.json()["detail"]
    assert client.get("/api/v1/events", HTTP_X_API_KEY="tc_nothing_here").status_code == 401


def test_errors_are_json_and_translated(client):
    missing = client.get("/api/v1/events/999999", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert missing.status_code == 404 and missing.json()["detail"] == "未找到。"
    unknown_path = client.get("/api/v1/nothing-here?lang=zh-hans")
    assert unknown_path.status_code == 404 and unknown_path.json()["detail"] == "未找到。"
    bad_month = client.get("/api/v1/events?month=2027-13&lang=zh-hans")
    assert bad_month.status_code == 422
    assert bad_month.json()["errors"][0]["field"] == "month"
    assert "month" in bad_month.json()["errors"][0]["message"]
    assert bad_month.json()["errors"][0]["message"] != "“month” is not a valid value."
    assert bad_month.json()["detail"] != "Some parameters are not valid."
    # A value the schema allows but the site's own form refuses: the form's translated message.
    bad_district = client.get("/api/v1/places?district=nowhere-at-all&lang=zh-hans")
    assert bad_district.status_code == 422
    assert bad_district.json()["errors"][0]["field"] == "district"
    bad_kind = client.get("/api/v1/events?kind=party")
    assert bad_kind.status_code == 422 and bad_kind.json()["errors"][0]["field"] == "kind"
    bad_lang = client.get("/api/v1/events?lang=fr")
    assert bad_lang.status_code == 422 and bad_lang.json()["errors"][0]["field"] == "lang"
    posted = client.post("/api/v1/events")
    assert posted.status_code == 405 and "detail" in posted.json()


def test_event_seats_follow_registrations(client):
    event = events_factories.event(capacity=3)
    url = f"/api/v1/events/{event.pk}"
    first = client.get(url)
    assert first.json()["availability"]["seats_left"] == 3
    events_factories.register(event.ticket_types.get())
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert again.json()["availability"]["seats_left"] == 2


def test_vacancies_and_fairs_show_public_fields_only(client):
    fair = talent_factories.fair()
    vacancy = talent_factories.vacancy(fair=fair)
    found = items(client.get("/api/v1/vacancies?limit=100"))
    assert vacancy.pk in [item["id"] for item in found]
    one = client.get(f"/api/v1/vacancies/{vacancy.pk}?lang=zh-hans").json()
    assert one["title"] == (vacancy.title_zh or vacancy.title_en)
    assert one["url"].startswith("http://testserver/zh-hans/")
    assert "posted_by" not in one and "status" not in one
    fairs = items(client.get("/api/v1/fairs?limit=100"))
    assert fair.pk in [item["id"] for item in fairs]
    assert client.get(f"/api/v1/fairs/{fair.pk}").json()["title"] == fair.title_en
    assert client.get(f"/api/v1/vacancies?city={vacancy.city}").status_code == 200
    assert client.get("/api/v1/vacancies?salary=-1").status_code == 422
