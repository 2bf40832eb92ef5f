"""Editors open every kind of investment page in the Wagtail admin, keys offered as lists."""

import pytest

from twincity.invest.models import (
    GuidePage,
    IndustryPage,
    InvestIndexPage,
    OpportunityPage,
    ParkPage,
    PolicyPage,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", [InvestIndexPage, OpportunityPage, ParkPage, PolicyPage, IndustryPage, GuidePage]
)
def test_editor_opens_each_kind_of_page(admin_client, model):
    page = model.objects.filter(locale__language_code="en").first()
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    if model is OpportunityPage:
        assert 'name="cooperation_modes" value="ppp"' in html
        assert '<option value="vehicles" selected>' in html
    if model is ParkPage:
        assert 'name="sectors" value="vehicles"' in html
