"""The pure matching engine: each criterion's value and reason, the order, and properties that
must hold for every input (hypothesis)."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from twincity.invest.matching.scoring import (
    OTHER_CITY_FACTOR,
    Interest,
    Offer,
    Reason,
    rank,
    score,
)

INVESTOR = Interest(
    sector="vehicles", city="chongqing", planned_yuan=200e6, modes=frozenset({"equity"})
)
FITTING = Offer(
    sectors=frozenset({"vehicles"}),
    city="chongqing",
    sought_yuan=150e6,
    modes=frozenset({"equity", "lease"}),
)


def parts(interest: Interest, offer: Offer) -> dict:
    return {part.name: part for part in score(interest, offer).parts}


def test_a_perfect_fit_scores_one_with_a_reason_per_criterion():
    found = parts(INVESTOR, FITTING)

    assert score(INVESTOR, FITTING).total == 1.0
    assert found["sector"].reason == Reason("sector-fits", {"sector": "vehicles"})
    assert found["place"].reason == Reason("place-fits", {"city": "chongqing"})
    assert found["size"].reason == Reason("size-covers", {"sought": 150e6})
    assert found["mode"].reason == Reason("mode-fits", {"modes": ["equity"]})


def test_the_other_city_counts_less_and_says_which_was_named():
    place = parts(INVESTOR, replace(FITTING, city="chengdu"))["place"]

    assert place.value == OTHER_CITY_FACTOR
    assert place.reason == Reason("place-other-city", {"city": "chengdu", "intended": "chongqing"})


def test_either_city_fits_both_and_a_joint_opportunity_fits_everyone():
    either = replace(INVESTOR, city="either")
    assert parts(either, replace(FITTING, city="chengdu"))["place"].value == 1.0
    joint = parts(INVESTOR, replace(FITTING, city="both"))["place"]
    assert (joint.value, joint.reason.code) == (1.0, "place-joint")


def test_a_smaller_investment_covers_its_share_of_the_amount_sought():
    size = parts(replace(INVESTOR, planned_yuan=50e6), replace(FITTING, sought_yuan=200e6))["size"]

    assert size.value == 0.25
    assert size.reason == Reason("size-part", {"sought": 200e6, "percent": 25})


def test_an_unknown_amount_is_neither_a_fit_nor_a_misfit():
    size = parts(replace(INVESTOR, planned_yuan=None), FITTING)["size"]

    assert (size.value, size.reason.code) == (0.5, "size-unknown")


def test_modes_without_overlap_do_not_fit_and_no_preference_fits_all():
    differs = parts(replace(INVESTOR, modes=frozenset({"ppp"})), FITTING)["mode"]
    assert (differs.value, differs.reason) == (
        0.0,
        Reason("mode-differs", {"modes": ["equity", "lease"]}),
    )
    assert parts(replace(INVESTOR, modes=frozenset()), FITTING)["mode"].value == 1.0


def test_a_park_is_scored_without_size():
    park = Offer(sectors=frozenset({"vehicles", "equipment"}), city="chongqing", has_size=False)

    assert set(parts(INVESTOR, park)) == {"sector", "place", "mode"}
    assert score(INVESTOR, park).total == 1.0


def test_rank_puts_the_best_first_and_leaves_out_what_does_not_fit():
    offers = {
        "other-city": replace(FITTING, city="chengdu"),
        "other-sector": replace(FITTING, sectors=frozenset({"food"})),
        "perfect": FITTING,
    }

    ranked = rank(INVESTOR, offers, minimum=0.65)

    assert [key for key, _score in ranked] == ["perfect", "other-city"]


cities = st.sampled_from(["chengdu", "chongqing", "either"])
offer_cities = st.sampled_from(["chengdu", "chongqing", "both"])
sectors = st.sampled_from(["vehicles", "electronics", "food"])
modes = st.frozensets(st.sampled_from(["equity", "joint-venture", "ppp", "lease"]))
amounts = st.one_of(st.none(), st.floats(min_value=1e5, max_value=1e10))
interests = st.builds(Interest, sector=sectors, city=cities, planned_yuan=amounts, modes=modes)
offers = st.builds(
    Offer,
    sectors=st.frozensets(sectors, min_size=1),
    city=offer_cities,
    sought_yuan=amounts,
    modes=modes,
    has_size=st.booleans(),
)


@given(interests, offers)
def test_the_score_is_between_zero_and_one(interest, offer):
    assert 0.0 <= score(interest, offer).total <= 1.0


@given(interests, offers)
def test_a_fitting_sector_never_lowers_the_score(interest, offer):
    better = replace(offer, sectors=offer.sectors | {interest.sector})
    assert score(interest, better).total >= score(interest, offer).total


@given(interests, offers)
def test_the_intended_city_or_a_joint_one_never_lowers_the_score(interest, offer):
    for city in ("both", interest.city if interest.city != "either" else offer.city):
        assert score(interest, replace(offer, city=city)).total >= score(interest, offer).total


@given(interests, offers, st.floats(min_value=1.0, max_value=100.0))
def test_investing_more_never_lowers_the_score(interest, offer, factor):
    if interest.planned_yuan is None:
        return
    more = replace(interest, planned_yuan=interest.planned_yuan * factor)
    assert score(more, offer).total >= score(interest, offer).total


@given(interests, offers)
def test_a_shared_mode_never_lowers_the_score(interest, offer):
    if not interest.modes:
        return
    shared = replace(offer, modes=offer.modes | {min(interest.modes)})
    assert score(interest, shared).total >= score(interest, offer).total


@given(interests, st.dictionaries(st.integers(0, 50), offers, max_size=12))
def test_rank_is_ordered_best_first(interest, offers_by_key):
    totals = [result.total for _key, result in rank(interest, offers_by_key, limit=100)]
    assert totals == sorted(totals, reverse=True)
