"""The content pages' invariants: what an editor is refused, in words, and what the database
refuses even when code forgets to check."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from twincity.invest.models import OpportunityPage, PolicyPage, PolicyStatus

pytestmark = pytest.mark.django_db


def english(model, slug):
    return model.objects.get(slug=slug, locale__language_code="en")


def test_amount_sought_cannot_exceed_the_total():
    opportunity = english(OpportunityPage, "liangjiang-ev-drive-units")
    opportunity.sought_yuan = opportunity.total_investment_yuan + 1
    with pytest.raises(ValidationError) as error:
        opportunity.full_clean()
    assert "sought_yuan" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        OpportunityPage.objects.filter(pk=opportunity.pk).update(
            sought_yuan=opportunity.total_investment_yuan + 1
        )


def test_unknown_sector_and_mode_are_refused():
    opportunity = english(OpportunityPage, "liangjiang-ev-drive-units")
    opportunity.sector = "zeppelins"
    opportunity.cooperation_modes = ["barter"]
    with pytest.raises(ValidationError) as error:
        opportunity.full_clean()
    assert {"sector", "cooperation_modes"} <= set(error.value.message_dict)


def test_amended_policy_must_name_its_amendment():
    policy = english(PolicyPage, "chongqing-manufacturing-plan-2021-2025")
    policy.status = PolicyStatus.AMENDED
    with pytest.raises(ValidationError) as error:
        policy.full_clean()
    assert "replaced_by" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyPage.objects.filter(pk=policy.pk).update(status=PolicyStatus.AMENDED)


def test_policy_cannot_take_effect_before_it_is_issued():
    policy = english(PolicyPage, "chongqing-manufacturing-plan-2021-2025")
    policy.effective_on = date(2020, 1, 1)
    with pytest.raises(ValidationError) as error:
        policy.full_clean()
    assert "effective_on" in error.value.message_dict


def test_demo_facts_are_public_or_marked_invented():
    """Policies with a document number are the public ones; every other is marked invented,
    and every opportunity is demo content (labelled on its page)."""
    for policy in PolicyPage.objects.all():
        assert policy.document_number or policy.is_invented, policy.slug
    assert all(page.is_demo for page in OpportunityPage.objects.all())
    liangjiang = english(OpportunityPage, "liangjiang-ev-drive-units").park
    assert liangjiang.area_km2 == Decimal(1200) and liangjiang.approved_year == 2010


def test_chinese_pages_are_translations_of_the_english_ones():
    for model in (OpportunityPage, PolicyPage):
        for page in model.objects.filter(locale__language_code="en"):
            chinese = page.get_translation_or_none(
                page.locale.__class__.objects.get(language_code="zh-hans")
            )
            assert chinese is not None, page.slug


def test_listing_selectors_read_a_fixed_number_of_queries(django_assert_num_queries):
    from twincity.invest import selectors
    from twincity.invest.models import IndustryPage, OpportunityIndexPage
    from twincity.invest.page_context import OpportunityFilters

    index = OpportunityIndexPage.objects.get(locale__language_code="en")
    with django_assert_num_queries(4):  # pages, view restrictions, images, renditions
        found = selectors.filtered_opportunities(index, OpportunityFilters())
        [page.image for page in found]
    industry = IndustryPage.objects.get(slug="chongqing-vehicles", locale__language_code="en")
    # Parks and opportunities 4 each (with pictures), policies 2, enterprises 1.
    with django_assert_num_queries(11):
        selectors.industry_surroundings(industry)
