"""An investor deletes their contact details from the private status link (PIPL): name,
e-mail, telephone and message go, with the consent record; the case keeps the company's plans
and its trail says what happened; a guessed link changes nothing."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from twincity.core.models import Consent
from twincity.invest.models import CaseEvent, Enquiry
from twincity.invest.services.enquiries import EnquiryInput, submit_enquiry

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(settings):
    settings.TWINCITY_PRIVACY_NOTICES = {**settings.TWINCITY_PRIVACY_NOTICES, "invest_enquiry": "t"}
    factories.routing_rule((factories.office("chongqing"),), position=0)
    return submit_enquiry(
        EnquiryInput(
            name="Anna Schmidt", email="anna@example.com", phone="+49 30 1234567",
            company="Rhein Antriebe GmbH", company_country="Germany", sector="vehicles",
            intended_city="chongqing", timeline="1y", consented=True,
            planned_investment_yuan=200_000_000, message="Call me on Mondays.",
        )
    )  # fmt: skip


def erase_url(enquiry: Enquiry, language: str = "en") -> str:
    with override(language):
        return reverse("invest:enquiry-erase", args=[enquiry.status_token])


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_investor_deletes_their_contact_details(client, sent, language):
    response = client.post(erase_url(sent, language), follow=True)

    erased = Enquiry.objects.get(pk=sent.pk)
    assert (erased.name, erased.email, erased.phone, erased.message) == ("", "", "", "")
    assert (erased.company, erased.planned_investment_yuan) == ("Rhein Antriebe GmbH", 200_000_000)
    assert not Consent.objects.filter(email__iexact="anna@example.com").exists()
    assert CaseEvent.objects.filter(enquiry=sent, action="contact-erased").count() == 1
    page = response.content.decode()
    words = {"en": "Your personal details were deleted", "zh-hans": "您的个人信息已应您的要求删除"}
    assert words[language] in page and "anna@example.com" not in page


def test_erasing_twice_records_it_once(client, sent):
    client.post(erase_url(sent))
    client.post(erase_url(sent))

    assert CaseEvent.objects.filter(enquiry=sent, action="contact-erased").count() == 1


def test_a_guessed_link_erases_nothing(client, sent):
    guessed = reverse("invest:enquiry-erase", args=["x" * 43])

    assert client.post(guessed).status_code == 404
    assert Enquiry.objects.get(pk=sent.pk).email == "anna@example.com"
