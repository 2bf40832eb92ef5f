"""The investor's enquiry in four steps, through the URL: what each step keeps, the errors in
both languages, the checks that a person sends, the limits, the mails and the status page."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from twincity.core.models import Consent
from twincity.invest import challenge
from twincity.invest.models import CaseEvent, Enquiry
from twincity.invest.views import public

pytestmark = pytest.mark.django_db

ABOUT = {
    "name": "Anna Schmidt",
    "email": "anna@rhein-antriebe.example",
    "phone": "+49 30 1234567",
    "job_title": "Director",
}
COMPANY = {
    "company": "Rhein Antriebe GmbH",
    "company_country": "Germany",
    "company_website": "rhein-antriebe.example",
}
PLANS = {
    "sector": "vehicles",
    "intended_city": "chongqing",
    "planned_investment_yuan": "600000000",
    "planned_jobs": "250",
    "timeline": "1y",
    "preferred_modes": ["joint-venture", "wholly-owned"],
    "message": "A plant for electric drive units.",
}
STATUS_LINK = re.compile(r"https?://\S+/invest/enquiry/status/[\w-]+/")


@pytest.fixture(autouse=True)
def _enquiries(settings, monkeypatch):
    """The enquiry's privacy notice, and no minimum time (one test puts it back)."""
    settings.TWINCITY_PRIVACY_NOTICES = {
        **settings.TWINCITY_PRIVACY_NOTICES,
        "invest_enquiry": "2026-1",
    }
    monkeypatch.setattr(public, "MIN_SECONDS", 0)


def sent():
    """The enquiries of this test's investor (the demo has enquiries of its own)."""
    return Enquiry.objects.filter(email=ABOUT["email"])


def url(language: str = "en", **query) -> str:
    with translation.override(language):
        address = reverse("invest:enquiry")
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def post_step(client, number: int, data: dict, language: str = "en", **extra):
    return client.post(url(language), {"step": number, **data, **extra})


def fill_three_steps(client, language: str = "en", plans: dict | None = None):
    for number, data in enumerate((ABOUT, COMPANY, plans or PLANS), start=1):
        response = post_step(client, number, data, language)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert response["Location"].endswith(f"?step={number + 1}")
    return client.get(url(language, step=4))


def proof_from(review_page) -> str:
    return challenge.solve(review_page.context["challenge"])


def send(client, review_page, language="en", capture=None, **fields):
    data = {"step": 4, "consent": "on", "proof": proof_from(review_page), **fields}
    if capture is None:
        return client.post(url(language), data)
    with capture(execute=True):
        return client.post(url(language), data)


def test_an_investor_sends_an_enquiry_through_four_steps(
    client, django_capture_on_commit_callbacks
):
    first = client.get(url())
    assert "Step 1 of 4" in first.content.decode()

    review = fill_three_steps(client)
    page = review.content.decode()
    assert "Step 4 of 4" in page and "Rhein Antriebe GmbH" in page and "Joint venture" in page
    response = send(client, review, capture=django_capture_on_commit_callbacks)

    enquiry = Enquiry.objects.get(email=ABOUT["email"])
    assert response.status_code == 302
    assert response["Location"] == reverse("invest:enquiry-status", args=[enquiry.status_token])
    assert (enquiry.company, enquiry.planned_jobs, enquiry.language) == (
        "Rhein Antriebe GmbH",
        250,
        "en",
    )
    assert enquiry.company_website == "https://rhein-antriebe.example"
    assert enquiry.preferred_modes == ["joint-venture", "wholly-owned"]
    # The demo's rules: Chongqing to Chongqing's bureau; the demo's scorecard: high value.
    assert enquiry.lead_office.city == "chongqing" and list(enquiry.offices.all()) == [
        enquiry.lead_office
    ]
    assert enquiry.high_value and [r["key"] for r in enquiry.score_reasons] == [
        "investment",
        "jobs",
        "priority",
    ]
    assert CaseEvent.objects.filter(enquiry=enquiry, action="sent").count() == 1
    assert Consent.objects.filter(
        notice="invest_enquiry", version="2026-1", email=ABOUT["email"]
    ).exists()
    assert public.DRAFT_KEY not in client.session

    investor, office = sorted(mail.outbox, key=lambda m: m.to[0] != ABOUT["email"])
    assert investor.subject == f"Your investment enquiry {enquiry.reference} has been received"
    assert STATUS_LINK.search(investor.body).group(0).endswith(response["Location"])
    assert office.to == [enquiry.lead_office.email]
    assert f"/admin/invest/enquiries/{enquiry.pk}/" in office.body
    assert enquiry.reference in office.subject


def test_the_confirmation_is_in_chinese_for_a_chinese_enquiry(
    client, django_capture_on_commit_callbacks
):
    review = fill_three_steps(
        client, "zh-hans", {**PLANS, "intended_city": "either", "sector": "electronics"}
    )
    assert "第 4 步，共 4 步" in review.content.decode()

    response = send(client, review, "zh-hans", capture=django_capture_on_commit_callbacks)

    enquiry = Enquiry.objects.get(email=ABOUT["email"])
    assert response["Location"].startswith("/zh-hans/invest/enquiry/status/")
    # Either city, electronics: a joint case led by Chengdu (the demo's rules).
    assert [
        office.city
        for office in [enquiry.lead_office, *enquiry.offices.exclude(pk=enquiry.lead_office_id)]
    ] == ["chengdu", "chongqing"]
    investor = next(m for m in mail.outbox if m.to == [ABOUT["email"]])
    assert investor.subject == f"您的投资咨询 {enquiry.reference} 已收到"
    assert "/zh-hans/invest/enquiry/status/" in investor.body
    assert len(mail.outbox) == 3  # the investor and both offices


@pytest.mark.parametrize(
    ("language", "number", "data", "field", "message", "kept"),
    [
        (
            "en",
            1,
            {**ABOUT, "email": "anna@"},
            "email",
            "Enter a valid email address.",
            "Anna Schmidt",
        ),
        (
            "zh-hans",
            1,
            {**ABOUT, "name": ""},
            "name",
            "这个字段是必填项。",
            "anna@rhein-antriebe.example",
        ),
        (
            "en",
            2,
            {**COMPANY, "company_website": "not a site"},
            "company_website",
            "Enter a web address",
            "Rhein Antriebe GmbH",
        ),
        (
            "zh-hans",
            3,
            {**PLANS, "planned_investment_yuan": "6 亿"},
            "planned_investment_yuan",
            "请用数字填写金额",
            "A plant for electric drive units.",
        ),
        (
            "en",
            3,
            {**PLANS, "sector": ""},
            "sector",
            "This field is required.",
            "A plant for electric drive units.",
        ),
    ],
)
def test_each_steps_errors_are_translated_beside_the_field_and_keep_the_input(
    client, language, number, data, field, message, kept
):
    for earlier, earlier_data in enumerate((ABOUT, COMPANY, PLANS)[: number - 1], start=1):
        post_step(client, earlier, earlier_data, language)

    response = post_step(client, number, data, language)

    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(rf'id="id_{field}_error">[^<]*{re.escape(message)}', page), page[:200]
    assert kept in page
    assert not sent()


def test_back_keeps_everything_typed(client):
    post_step(client, 1, ABOUT)
    response = post_step(client, 2, {**COMPANY, "company_website": "half-typed"}, back="1")
    assert response["Location"].endswith("?step=1")

    step_one = client.get(response["Location"]).content.decode()
    step_two = client.get(url(step=2)).content.decode()

    assert 'value="Anna Schmidt"' in step_one
    assert 'value="Rhein Antriebe GmbH"' in step_two and 'value="half-typed"' in step_two


def test_a_later_step_cannot_be_skipped_to(client):
    post_step(client, 1, ABOUT)

    assert "Step 2 of 4" in client.get(url(step=4)).content.decode()
    assert post_step(client, 4, {"consent": "on"})["Location"].endswith("?step=2")


@pytest.mark.parametrize(
    "trick",
    ["honeypot", "no proof", "forged proof", "wrong answer", "too quick", "no steps"],
)
def test_a_bots_enquiry_is_refused_and_creates_nothing(client, monkeypatch, trick):
    review = fill_three_steps(client)
    data = {"step": 4, "consent": "on", "proof": proof_from(review)}
    if trick == "honeypot":
        data["homepage"] = "http://spam.example"
    elif trick == "no proof":
        data["proof"] = ""
    elif trick == "forged proof":
        data["proof"] = data["proof"].replace('"signature": "', '"signature": "0')
    elif trick == "wrong answer":
        data.update(proof="", question=review.context["question"].token, answer="99")
    elif trick == "too quick":
        monkeypatch.setattr(public, "MIN_SECONDS", 60)
    elif trick == "no steps":
        client.cookies.clear()

    response = client.post(url(), data)

    assert not sent()
    if trick == "no steps":
        assert response["Location"].endswith("?step=1")
        return
    assert response.status_code == 400
    page = response.content.decode()
    assert "nothing was sent" in page
    assert "Rhein Antriebe GmbH" in page  # the review is shown again


def test_a_proof_of_work_counts_once(client):
    review = fill_three_steps(client)
    proof = proof_from(review)
    assert client.post(url(), {"step": 4, "consent": "on", "proof": proof}).status_code == 302

    review = fill_three_steps(client)
    response = client.post(url(), {"step": 4, "consent": "on", "proof": proof})

    assert response.status_code == 400 and sent().count() == 1


def test_without_javascript_the_question_lets_a_person_send(client):
    review = fill_three_steps(client, "zh-hans")
    question = review.context["question"]
    assert "等于多少" in review.content.decode()

    response = client.post(
        url("zh-hans"),
        {
            "step": 4,
            "consent": "on",
            "question": question.token,
            "answer": str(question.first + question.second),
        },
    )

    assert response.status_code == 302 and sent().count() == 1


def test_consent_is_required_and_the_review_is_kept(client):
    review = fill_three_steps(client, "zh-hans")

    response = client.post(url("zh-hans"), {"step": 4, "proof": proof_from(review)})

    assert response.status_code == 200
    assert "请同意隐私声明" in response.content.decode()
    assert not sent()


def test_too_many_enquiries_from_one_address_get_a_429_with_the_form_kept(client, settings):
    settings.TWINCITY_RATE_LIMITS = {**settings.TWINCITY_RATE_LIMITS, "enquiry-email": "1/h"}
    assert send(client, fill_three_steps(client)).status_code == 302

    response = send(client, fill_three_steps(client))

    assert response.status_code == 429 and response["Retry-After"]
    assert "Too many attempts" in response.content.decode()
    assert "Rhein Antriebe GmbH" in response.content.decode()
    assert sent().count() == 1


def test_an_opportunity_link_preselects_it(client):
    from wagtail.models import Locale

    from twincity.invest.models import OpportunityPage

    opportunity = OpportunityPage.objects.live().filter(locale=Locale.get_default()).first()
    if opportunity is None:
        pytest.skip("the demo has no opportunity pages yet")
    client.get(url(opportunity=opportunity.pk))
    post_step(client, 1, ABOUT)
    post_step(client, 2, COMPANY)

    step_three = client.get(url(step=3)).content.decode()

    assert re.search(rf'value="{opportunity.pk}"[^>]*checked', step_three)


def test_sent_quicker_than_a_person_types_the_question_must_be_answered(client, monkeypatch):
    monkeypatch.setattr(public, "MIN_SECONDS", 60)
    review = fill_three_steps(client)
    refused = send(client, review)
    assert refused.status_code == 400 and "quicker than we expected" in refused.content.decode()

    question = refused.context["question"]
    answer = str(question.first + question.second)
    response = send(client, refused, question=question.token, answer=answer)

    assert response.status_code == 302 and sent().count() == 1
