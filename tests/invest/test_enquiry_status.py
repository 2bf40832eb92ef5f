"""The investor's status page: by private link only, in plain words, never cached."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.invest import factories
from twincity.invest.models import EnquiryStage

pytestmark = pytest.mark.django_db


def status_url(token: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse("invest:enquiry-status", args=[token])


@pytest.fixture
def enquiry():
    cq, cd = factories.office("chongqing"), factories.office("chengdu")
    return factories.enquiry(offices=(cq, cd), message="A plant for drive units.")


def test_the_status_page_says_where_the_enquiry_stands(client, enquiry):
    response = client.get(status_url(enquiry.status_token))

    page = response.content.decode()
    assert response.status_code == 200
    assert enquiry.reference in page and "Received" in page
    partner = enquiry.offices.exclude(pk=enquiry.lead_office_id).get()
    assert f"{enquiry.lead_office.name_en} and {partner.name_en}" in page
    assert "A plant for drive units." in page and "Rhein Antriebe GmbH" in page
    assert enquiry.email not in page
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert 'name="robots" content="noindex' in page


@pytest.mark.parametrize(
    ("stage", "english", "chinese"),
    [
        (EnquiryStage.ENGAGED, "We are discussing your project", "我们正在与您洽谈项目"),
        (EnquiryStage.NON_RESPONSIVE, "Closed", "已关闭"),
    ],
)
def test_the_stage_in_plain_words_in_both_languages(client, enquiry, stage, english, chinese):
    enquiry.stage = stage
    enquiry.save()

    assert english in client.get(status_url(enquiry.status_token)).content.decode()
    page = client.get(status_url(enquiry.status_token, "zh-hans")).content.decode()
    assert chinese in page and enquiry.lead_office.name_zh in page


@pytest.mark.parametrize("token", ["x" * 43, "short", "a" * 65])
def test_an_unknown_link_is_a_translated_404(client, token):
    response = client.get(status_url(token, "zh-hans"))

    assert response.status_code == 404
    assert '<html lang="zh-hans"' in response.content.decode()
