"""The bridge between the talent models and the matching engine's plain data.

Majors, skills and certificates reach the engine as the vocabulary's keys (core/vocabulary.py)
whatever language or spelling people typed them in, so that a graduate's "Logistics management"
meets a vacancy's 物流管理; text the vocabulary does not know is compared as typed, folded
(case, width, spaces). The engine itself stays free of Django and of the vocabulary.
"""

from twincity.core.vocabulary import CERTIFICATES, MAJORS, SKILLS, Vocabulary

from .matching.batch_scoring import top_k_vacancies
from .matching.scoring import Education, Graduate, MatchScore, Vacancy, recommend, score
from .models import GraduateProfile
from .models import Vacancy as VacancyModel


def as_graduate(profile: GraduateProfile) -> Graduate:
    return Graduate(
        skills=frozenset(canonical(SKILLS, profile.skills)),
        certificates=frozenset(canonical(CERTIFICATES, profile.certificates)),
        major=MAJORS.canonical(profile.major),
        education=Education(profile.education),
        expected_monthly_salary=profile.expected_salary or 0,
        preferred_cities=tuple(profile.preferred_cities),
    )


# What the engine reads of a vacancy: as_vacancy takes a vacancy or a row of these fields.
ENGINE_FIELDS = (
    "skills",
    "certificates",
    "majors",
    "education",
    "salary_min",
    "salary_max",
    "city",
)


def as_vacancy(vacancy: VacancyModel) -> Vacancy:
    return Vacancy(
        skills=frozenset(canonical(SKILLS, vacancy.skills)),
        certificates=frozenset(canonical(CERTIFICATES, vacancy.certificates)),
        majors=frozenset(canonical(MAJORS, vacancy.majors)),
        min_education=Education(vacancy.education),
        monthly_salary_min=vacancy.salary_min,
        monthly_salary_max=vacancy.salary_max,
        city=vacancy.city,
    )


def canonical(vocabulary: Vocabulary, terms: list[str]) -> list[str]:
    return [vocabulary.canonical(term) for term in terms if term.strip()]


def match_score(profile: GraduateProfile, vacancy: VacancyModel) -> MatchScore:
    return score(as_graduate(profile), as_vacancy(vacancy))


def best_vacancies(profile: GraduateProfile, candidates: list[tuple[int, Vacancy]], limit: int):
    """The best `limit` vacancies for the graduate among (id, as_vacancy(…)) pairs, as (id,
    explained score) pairs, best first. The totals are computed in NumPy (batch_scoring: the
    numbers and the order `recommend` gives, ties to the earlier one); the explanation only
    for the vacancies kept."""
    graduate = as_graduate(profile)
    best = top_k_vacancies([graduate], [vacancy for _id, vacancy in candidates], limit)
    kept = [candidates[index] for index in best.indices[0].tolist()] if candidates else []
    return [(pk, score(graduate, vacancy)) for pk, vacancy in kept]


def graduates_for(vacancy: VacancyModel, profiles: list[GraduateProfile], limit: int = 20):
    """The best `limit` graduates for the vacancy, each with its explained score."""
    candidates = {profile: as_graduate(profile) for profile in profiles}
    return recommend(as_vacancy(vacancy), candidates, limit, subject_is_graduate=False)
