"""Staff edit the offices, the routing rules and the scorecard in the admin (Investment menu)."""

import html

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.invest import factories
from twincity.invest.models import Office, RoutingRule, Scorecard

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser(factories.unique("admin"), "admin@example.org", "x")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "namespace", ["invest_offices", "invest_routing_rules", "invest_scorecard"]
)
def test_the_lists_and_the_add_forms_open(admin_client, namespace):
    assert admin_client.get(reverse(f"{namespace}:index")).status_code == 200
    assert admin_client.get(reverse(f"{namespace}:add")).status_code == 200


def test_the_demos_rule_and_scorecard_open_for_editing(admin_client):
    rule = RoutingRule.objects.filter(route_offices__isnull=False).first()
    card = Scorecard.objects.first()

    page = admin_client.get(reverse("invest_routing_rules:edit", args=[rule.pk])).content.decode()
    assert (
        html.escape(rule.name) in page
        and 'type="checkbox" name="sectors"' in page
        and 'name="route_offices-TOTAL_FORMS"' in page
    )
    assert admin_client.get(reverse("invest_scorecard:edit", args=[card.pk])).status_code == 200


def test_the_menu_has_the_investment_pages(admin_client):
    page = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("invest_routing_rules:index") in page
    assert reverse("invest_scorecard:index") in page


def test_an_office_is_added(admin_client):
    response = admin_client.post(
        reverse("invest_offices:add"),
        {
            "name_en": "Liangjiang investment service centre",
            "name_zh": "两江新区投资服务中心",
            "city": "chongqing",
            "email": "liangjiang@example.org",
            "email_language": "zh-hans",
        },
    )

    assert response.status_code == 302
    assert Office.objects.filter(name_zh="两江新区投资服务中心", city="chongqing").exists()


def test_an_active_rule_without_an_office_is_refused(admin_client):
    response = admin_client.post(
        reverse("invest_routing_rules:add"),
        {
            "name": "Nowhere",
            "position": "5",
            "active": "on",
            "route_offices-TOTAL_FORMS": "0",
            "route_offices-INITIAL_FORMS": "0",
            "route_offices-MIN_NUM_FORMS": "0",
            "route_offices-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 200
    assert "Choose at least one office to route to." in response.content.decode()
    assert not RoutingRule.objects.filter(name="Nowhere").exists()
