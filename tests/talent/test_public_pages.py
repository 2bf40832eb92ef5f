"""Job search, vacancies, fairs and organisation profiles as visitors and graduates see them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from twincity.talent.services import booking

from . import factories

pytestmark = pytest.mark.django_db


def url(name: str, *args, language: str = "en") -> str:
    with override(language):
        return reverse(name, args=args)


@pytest.fixture
def warehouse_and_kitchen():
    recruiter = factories.recruiter()
    warehouse = factories.vacancy(
        recruiter,
        title_en="Forklift driver",
        title_zh="叉车司机",
        city="chongqing",
        industry="logistics",
        salary_min=5000,
        salary_max=7000,
        education=1,
    )
    kitchen = factories.vacancy(
        recruiter,
        title_en="Hotpot chef",
        title_zh="火锅厨师",
        description_zh="负责火锅底料的炒制",
        skills=["cooking"],
        city="chengdu",
        industry="hospitality",
        salary_min=4000,
        salary_max=5000,
        education=2,
    )
    return warehouse, kitchen


def titles(response) -> set[str]:
    return {vacancy.title_en for vacancy in response.context["vacancies"]}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("q=forklift", {"Forklift driver"}),
        ("q=叉车", {"Forklift driver"}),
        ("q=火锅底料", {"Hotpot chef"}),  # in the Chinese description, cut into words
        ("q=hotpot+chef", {"Hotpot chef"}),
        ("city=chongqing", {"Forklift driver"}),
        ("industry=hospitality", {"Hotpot chef"}),
        ("salary=6000", {"Forklift driver"}),
        ("education=1", {"Forklift driver"}),
    ],
)
def test_job_search_filters(client, warehouse_and_kitchen, query, expected):
    response = client.get(url("talent:job-search") + "?" + query)
    assert response.status_code == 200
    assert titles(response) & {"Forklift driver", "Hotpot chef"} == expected


def test_nonsense_filters_are_left_out_with_a_notice(client, warehouse_and_kitchen):
    response = client.get(url("talent:job-search", language="zh-hans") + "?salary=lots&city=paris")
    assert response.status_code == 200
    assert "部分筛选条件无法识别" in response.content.decode()
    assert {"Forklift driver", "Hotpot chef"} <= titles(response)


def test_closed_and_expired_vacancies_are_not_found(client, warehouse_and_kitchen):
    warehouse, kitchen = warehouse_and_kitchen
    warehouse.status = "closed"
    warehouse.save()
    kitchen.deadline = timezone.localdate() - timedelta(days=1)
    kitchen.save()
    assert not titles(client.get(url("talent:job-search"))) & {"Forklift driver", "Hotpot chef"}
    page = client.get(url("talent:vacancy", kitchen.pk)).content.decode()
    assert "no longer takes applications" in page


def test_a_graduate_gets_recommendations_and_can_save_a_search(client, warehouse_and_kitchen):
    graduate = factories.graduate(skills=["forklift"], preferred_cities=["chongqing"])
    client.force_login(graduate.user)
    response = client.get(url("talent:job-search") + "?q=forklift")
    recommended = [vacancy for vacancy, _score in response.context["recommendations"]]
    assert recommended[0].title_en == "Forklift driver"
    client.post(url("talent:save-search"), {"name": "Forklifts", "query": "q=forklift"})
    assert graduate.user.saved_searches.get().query == "q=forklift"


def test_the_fair_page_offers_free_slots_to_graduates_only(client):
    fair = factories.fair()
    recruiter = factories.recruiter()
    start = fair.starts_at + timedelta(hours=1)
    slots = booking.open_slots(recruiter.user, fair, start, 2, 10)
    anonymous = client.get(url("talent:fair", fair.pk)).content.decode()
    assert url("talent:book-slot", slots[0].pk) not in anonymous
    graduate = factories.graduate()
    booking.book_slot(graduate.user, slots[0].pk)
    client.force_login(factories.graduate().user)
    page = client.get(url("talent:fair", fair.pk)).content.decode()
    assert url("talent:book-slot", slots[1].pk) in page
    assert url("talent:book-slot", slots[0].pk) not in page  # booked by someone else


def test_an_organisation_profile_lists_its_vacancies_and_fairs(client):
    fair = factories.fair(title_en="Spring fair")
    recruiter = factories.recruiter()
    factories.vacancy(recruiter, fair=fair, title_en="Courier")
    page = client.get(url("directory:organisation", recruiter.organisation.pk)).content.decode()
    assert "Courier" in page
    assert "Spring fair" in page
