"""The demo's year of cases (loaded with the demo for every test database): both cities,
several sectors, every stage, invented companies marked as such, and figures that are not
empty; loading again adds nothing."""

import pytest
from django.db.models import Q

from twincity.invest import figures
from twincity.invest.demo_cases import DEMO_MARK, DEMO_MARK_ZH, load_demo_cases
from twincity.invest.models import Enquiry, EnquiryStage, Project, ProjectStage

pytestmark = pytest.mark.django_db


def demo_enquiries():
    return Enquiry.objects.filter(
        Q(company__endswith=DEMO_MARK) | Q(company__endswith=DEMO_MARK_ZH)
    )


def test_the_demo_holds_a_year_of_cases_in_both_cities_and_every_stage():
    enquiries = demo_enquiries()

    assert enquiries.count() >= 60
    assert set(enquiries.values_list("lead_office__city", flat=True)) == {"chengdu", "chongqing"}
    assert len(set(enquiries.values_list("sector", flat=True))) >= 5
    assert set(enquiries.values_list("stage", flat=True)) == set(EnquiryStage.values)
    projects = Project.objects.filter(enquiry__in=enquiries)
    assert set(projects.values_list("stage", flat=True)) == set(ProjectStage.values)
    assert all(
        company.endswith((DEMO_MARK, DEMO_MARK_ZH))
        for company in enquiries.values_list("company", flat=True)
    )


def test_the_figures_of_the_last_twelve_months_are_not_empty():
    total = figures.investment_figures(figures.default_filters()).total

    assert total.enquiries > 0 and total.signed > 0
    assert total.contract_value > 0 and total.start_rate is not None


def test_loading_again_adds_nothing():
    before = Enquiry.objects.count()

    assert load_demo_cases() == "demo cases already loaded"
    assert Enquiry.objects.count() == before
