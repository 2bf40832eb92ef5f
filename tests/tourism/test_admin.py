"""Editors in the Wagtail admin: place pages with structured opening hours, and campaigns."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from twincity.tourism.hours import format_hours_text
from twincity.tourism.models import Campaign


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("tourism-editor", "t@example.com", "pw-12345!")
    client.force_login(user)
    return client


def place_form(page, **changes) -> dict:
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "name_en": page.name_en,
            "name_zh": page.name_zh,
            "city": page.city,
            "district": page.district,
            "address": page.address,
            "kind": page.kind,
            "transport_role": page.transport_role,
            "latitude": str(page.latitude),
            "longitude": str(page.longitude),
            "hours": format_hours_text(page.hours),
            "visit_minutes": page.visit_minutes,
            "price_level": page.price_level,
            "popularity": page.popularity,
            "summary": page.summary,
            "body": rich_text(page.body or "<p></p>"),
            "seo_title": "",
            "search_description": "",
            "is_demo": "on",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    data["tags"] = list(page.tags)
    data.update(changes)
    return data


@pytest.mark.django_db
def test_edit_form_shows_hours_as_text(editor, place):
    page = place("hongyadong")
    html = editor.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "mon: 11:00-23:00" in html
    assert 'value="night-view"' in html  # the tags as checkboxes


@pytest.mark.django_db
def test_editor_changes_hours_with_a_closed_day(editor, place):
    page = place("hongyadong")
    hours = "mon: closed\n" + "\n".join(
        f"{day}: 10:00-14:00, 17:00-26:00" for day in ("tue", "wed", "thu", "fri", "sat", "sun")
    )
    response = editor.post(
        f"/admin/pages/{page.pk}/edit/",
        place_form(page, hours=hours, tags=["hotpot", "night-view"]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.hours["mon"] == [] and page.hours["tue"] == [["10:00", "14:00"], ["17:00", "26:00"]]
    assert page.tags == ["hotpot", "night-view"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours": "mon: 23:00-11:00"}, "must open before it closes"),
        ({"hours": "funday: 10:00-12:00"}, "start with a weekday"),
        ({"tags": ["karaoke"]}, "Select a valid choice"),
        ({"kind": "attraction", "transport_role": "airport"}, "Only a transport hub"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(editor, place, changes, message):
    page = place("hongyadong")
    before = (page.hours, page.tags, page.transport_role)
    response = editor.post(f"/admin/pages/{page.pk}/edit/", place_form(page, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    page.refresh_from_db()
    assert (page.hours, page.tags, page.transport_role) == before


@pytest.mark.django_db
def test_editor_creates_a_campaign(editor, place):
    today = timezone.localdate()
    data = {
        "title_en": "Hotpot across the corridor",
        "title_zh": "走廊火锅节",
        "chengdu_place": place("chen-mapo-tofu").pk,
        "chongqing_place": place("jiefangbei").pk,
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=7)).isoformat(),
        "message_en": "Eat in both cities.",
        "message_zh": "两城都吃一遍。",
        "image": "",
        "image_alt_en": "",
        "image_alt_zh": "",
    }
    response = editor.post("/admin/snippets/tourism/campaign/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get(title_en="Hotpot across the corridor")
    assert campaign.is_running(today)


@pytest.mark.django_db
def test_campaign_with_swapped_cities_or_dates_is_refused(editor, place):
    today = timezone.localdate()
    data = {
        "title_en": "Wrong way round",
        "title_zh": "弄反了",
        "chengdu_place": place("hongyadong").pk,
        "chongqing_place": place("kuanzhai-alleys").pk,
        "starts_on": today.isoformat(),
        "ends_on": (today - timedelta(days=1)).isoformat(),
        "message_en": "m",
        "message_zh": "m",
    }
    response = editor.post("/admin/snippets/tourism/campaign/add/", data)
    assert response.status_code == 200
    assert not Campaign.objects.filter(title_en="Wrong way round").exists()
