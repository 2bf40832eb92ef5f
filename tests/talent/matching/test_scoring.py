"""Explainable graduate–vacancy scores."""

from hypothesis import given
from hypothesis import strategies as st

from twincity.talent.matching.scoring import Education, Graduate, Vacancy, score

WORDS = st.frozensets(
    st.sampled_from(["forklift", "wms", "excel", "cold chain", "english", "python"]), max_size=4
)


def logistics_vacancy(city="Chengdu") -> Vacancy:
    return Vacancy(
        skills=frozenset({"wms", "forklift"}),
        certificates=frozenset({"forklift licence"}),
        majors=frozenset({"logistics management"}),
        min_education=Education.HIGHER_VOCATIONAL,
        monthly_salary_min=4500,
        monthly_salary_max=6000,
        city=city,
    )


def test_a_perfect_fit_scores_one_and_says_why():
    graduate = Graduate(
        skills=frozenset({"wms", "forklift", "excel"}),
        certificates=frozenset({"forklift licence"}),
        major="logistics management",
        education=Education.HIGHER_VOCATIONAL,
        expected_monthly_salary=5000,
        preferred_cities=("Chengdu",),
    )
    result = score(graduate, logistics_vacancy())
    assert result.total == 1.0
    assert {part.name for part in result.parts} == {
        "skills",
        "certificates",
        "major",
        "education",
        "salary",
        "place",
    }
    assert all(part.reason for part in result.parts)


def test_the_other_city_counts_by_high_speed_rail_but_less_than_home():
    graduate = Graduate(preferred_cities=("Chongqing",))
    at_home = score(graduate, logistics_vacancy("Chongqing"))
    across = score(graduate, logistics_vacancy("Chengdu"))
    far = score(graduate, logistics_vacancy("Shanghai"))
    assert at_home.total > across.total > far.total
    place = next(part for part in across.parts if part.name == "place")
    assert place.value == 0.6 and "high-speed rail" in place.reason


def test_missing_skills_are_named():
    part = next(
        p
        for p in score(Graduate(skills=frozenset({"wms"})), logistics_vacancy()).parts
        if p.name == "skills"
    )
    assert part.value == 0.5 and "missing forklift" in part.reason


@given(
    skills=WORDS,
    wanted=WORDS,
    salary=st.integers(0, 30000),
    education=st.sampled_from(list(Education)),
)
def test_scores_stay_between_zero_and_one_and_more_skills_never_hurt(
    skills, wanted, salary, education
):
    vacancy = Vacancy(
        skills=wanted, monthly_salary_max=8000, min_education=Education.BACHELOR, city="Chengdu"
    )
    graduate = Graduate(
        skills=skills,
        expected_monthly_salary=salary,
        education=education,
        preferred_cities=("Chongqing",),
    )
    richer = Graduate(
        skills=skills | wanted,
        expected_monthly_salary=salary,
        education=education,
        preferred_cities=("Chongqing",),
    )
    assert 0.0 <= score(graduate, vacancy).total <= score(richer, vacancy).total <= 1.0


def test_recommendations_work_both_ways():
    from twincity.talent.matching.scoring import recommend

    vacancies = {
        "home": logistics_vacancy("Chongqing"),
        "across": logistics_vacancy("Chengdu"),
        "far": logistics_vacancy("Lhasa"),
    }
    graduate = Graduate(skills=frozenset({"wms"}), preferred_cities=("Chongqing",))
    assert [key for key, _score in recommend(graduate, vacancies, limit=2)] == ["home", "across"]
    graduates = {"fit": Graduate(skills=frozenset({"wms", "forklift"})), "unfit": Graduate()}
    best = recommend(logistics_vacancy(), graduates, limit=1, subject_is_graduate=False)
    assert best[0][0] == "fit"
