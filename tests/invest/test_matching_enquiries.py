"""`matches_for_enquiry`: the live opportunities and parks that fit an enquiry, best first, in
the staff's language, with reasons in that language; and the include that shows them."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale

from tests.events.factories import english_home
from tests.invest import factories
from twincity.invest.matching import matches_for_enquiry
from twincity.invest.models import IntendedCity, OpportunityPage, ParkPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def only_these_pages():
    """The demo's opportunities and parks are taken offline: the tests make their own."""
    OpportunityPage.objects.update(live=False)
    ParkPage.objects.update(live=False)


def opportunity(title: str, **fields) -> OpportunityPage:
    values = {
        "sector": "vehicles",
        "city": "chongqing",
        "sought_yuan": 150_000_000,
        "cooperation_modes": ["equity"],
        "summary": "A project that seeks investors.",
        **fields,
    }
    page = english_home().add_child(instance=OpportunityPage(title=title, **values))
    if page.live:
        page.save_revision().publish()
    return page


def park(title: str, **fields) -> ParkPage:
    values = {
        "city": "chongqing",
        "sectors": ["vehicles", "equipment"],
        "summary": "A park.",
        **fields,
    }
    page = english_home().add_child(instance=ParkPage(title=title, **values))
    page.save_revision().publish()
    return page


@pytest.fixture
def investor():
    return factories.enquiry(
        sector="vehicles",
        intended_city=IntendedCity.CHONGQING,
        planned_investment_yuan=200_000_000,
        preferred_modes=["equity", "joint-venture"],
    )


def test_the_best_fit_comes_first_and_what_does_not_fit_is_left_out(investor):
    perfect = opportunity("Drive-unit plant")
    joint = opportunity("Joint battery line", city="both", sought_yuan=400_000_000)
    elsewhere = opportunity("Chengdu assembly hall", city="chengdu")
    opportunity("Food park", sector="food")
    opportunity("Unpublished", live=False)
    supplier_park = park("Liangjiang auto park")

    with translation.override("en"):
        matches = matches_for_enquiry(investor)

    titles = [match.page.title for match in matches]
    assert titles[:2] == [perfect.title, supplier_park.title]  # both 100, page order kept
    assert set(titles) == {perfect.title, supplier_park.title, joint.title, elsewhere.title}
    assert titles.index(joint.title) < titles.index(elsewhere.title)
    by_title = {match.page.title: match for match in matches}
    assert by_title[perfect.title].score == 100 and by_title[supplier_park.title].kind == "park"
    assert by_title[joint.title].reasons == [
        "In the investor's sector: Intelligent connected and new-energy vehicles",
        "A joint opportunity of both cities",
        "The planned investment covers 50 % of the CNY 400 million sought",
        "Cooperation mode the investor considers: Equity investment",
    ]
    assert "In Chengdu; the investor named Chongqing" in by_title[elsewhere.title].reasons


def test_the_reasons_are_in_the_staffs_language(investor):
    opportunity("Drive-unit plant", sought_yuan=400_000_000)

    with translation.override("zh-hans"):
        matches = matches_for_enquiry(investor)

    reasons = matches[0].reasons
    assert reasons[0] == "属于投资方所在产业：智能网联新能源汽车"
    assert reasons[2] == "计划投资额可覆盖所需投资4亿元的50%"


def test_pages_in_the_enquirys_language_stand_in_when_there_are_none_in_the_staffs(investor):
    page = opportunity("Drive-unit plant")
    Locale.objects.get_or_create(language_code="zh-hans")

    with translation.override("zh-hans"):
        matches = matches_for_enquiry(investor)

    assert [match.page.pk for match in matches] == [page.pk]


def test_a_fixed_number_of_queries(investor, django_assert_max_num_queries):
    for number in range(6):
        opportunity(f"Plant {number}")
        park(f"Park {number}")

    with django_assert_max_num_queries(5), translation.override("en"):
        matches_for_enquiry(investor)


def test_the_include_shows_each_match_with_its_reasons(investor):
    opportunity("Drive-unit plant")

    with translation.override("en"):
        html = render_to_string(
            "invest/admin/includes/matches.html", {"matches": matches_for_enquiry(investor)}
        )
        empty = render_to_string("invest/admin/includes/matches.html", {"matches": []})

    assert "Drive-unit plant" in html and "100 %" in html
    assert "In Chongqing, where the investor would invest" in html
    assert "No opportunity or park fits this enquiry yet." in empty
