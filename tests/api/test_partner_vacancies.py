"""vacancies:write: an enterprise's key posts, changes and closes its own vacancies, checked by
the recruiter's form and service: the same rules, the same messages, nothing saved when refused."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from tests.talent import factories as talent
from twincity.api.models import Scope
from twincity.talent.errors import TalentError
from twincity.talent.models import Vacancy
from twincity.talent.services.accounts import check_credit_code

from .partner_setup import Api, partner, vacancy_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def enterprise_key():
    organisation, _row, text = partner(Scope.VACANCIES_WRITE)
    return organisation, Api(text)


def site_form_says(organisation, data: dict) -> str:
    """What the recruiter's page answers to the same vacancy (its page, unescaped)."""
    from django.test import Client

    recruiter = talent.recruiter(organisation)
    client = Client()
    client.force_login(recruiter.user)
    form = {
        **{k: v for k, v in data.items() if not isinstance(v, list)},
        "majors": ", ".join(data.get("majors", [])),
        "status": "open",
    }
    with translation.override("en"):
        page = client.post(reverse("talent:vacancy-new"), form)
    assert page.status_code == 200  # the form again, not a redirect: nothing posted
    return html.unescape(page.content.decode())


def test_a_vacancy_is_posted_for_the_keys_own_enterprise(enterprise_key):
    organisation, api = enterprise_key
    response = api.post("/vacancies/", vacancy_fields())
    assert response.status_code == 201, response.content
    vacancy = Vacancy.objects.get(pk=response.json()["id"])
    assert vacancy.organisation == organisation
    assert vacancy.majors == ["Logistics management"]
    assert vacancy.status == "open"
    assert response.json()["title_zh"] == "仓库主管"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"salary_min": 9000, "salary_max": 6000}, "salary_max"),
        ({"title_en": "", "title_zh": ""}, "title_en"),
        ({"deadline": "2001-01-01"}, "deadline"),
        ({"industry": "piracy"}, "industry"),
    ],
)
def test_an_invalid_vacancy_is_refused_as_the_site_refuses_it(enterprise_key, changes, field):
    organisation, api = enterprise_key
    before = Vacancy.objects.count()
    response = api.post("/vacancies/", vacancy_fields(**changes))
    assert response.status_code == 422, response.content
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert field in errors
    assert Vacancy.objects.count() == before
    # The recruiter's page says the very same words for the same input.
    assert errors[field] in site_form_says(organisation, vacancy_fields(**changes))
    assert Vacancy.objects.count() == before


def test_the_refusal_is_in_chinese_for_a_chinese_request(enterprise_key):
    _organisation, api = enterprise_key
    api.headers["Accept-Language"] = "zh-CN"
    response = api.post("/vacancies/", vacancy_fields(salary_min=9000, salary_max=6000))
    assert response.status_code == 422
    [error] = [e for e in response.json()["errors"] if e["field"] == "salary_max"]
    assert "薪" in error["message"] or "工资" in error["message"]


def test_an_invalid_credit_code_is_refused_with_the_directorys_words():
    bad = talent.enterprise(credit_code="91510100MADEMO0000")
    _o, _row, text = partner(Scope.VACANCIES_WRITE, organisation=bad)
    before = Vacancy.objects.count()
    response = Api(text).post("/vacancies/", vacancy_fields())
    assert response.status_code == 422
    with pytest.raises(TalentError) as site, translation.override("en"):
        check_credit_code(bad.credit_code)
    assert response.json()["detail"] == site.value.message
    assert Vacancy.objects.count() == before


def test_only_an_enterprise_posts_vacancies():
    school = talent.school()
    _o, _row, text = partner(Scope.VACANCIES_WRITE, organisation=school)
    assert Api(text).post("/vacancies/", vacancy_fields()).status_code == 403


def test_a_vacancy_is_changed_and_closed(enterprise_key):
    _organisation, api = enterprise_key
    made = api.post("/vacancies/", vacancy_fields()).json()
    changed = api.patch(f"/vacancies/{made['id']}/", {"headcount": 5, "skills": ["SAP"]})
    assert changed.status_code == 200, changed.content
    assert changed.json()["headcount"] == 5 and changed.json()["skills"] == ["SAP"]
    assert changed.json()["title_en"] == "Warehouse supervisor"  # the rest kept
    refused = api.patch(f"/vacancies/{made['id']}/", {"salary_max": 1})
    assert refused.status_code == 422
    assert Vacancy.objects.get(pk=made["id"]).salary_max == 9000
    closed = api.post(f"/vacancies/{made['id']}/close/")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert [v["id"] for v in api.get("/vacancies/").json()] == [made["id"]]
