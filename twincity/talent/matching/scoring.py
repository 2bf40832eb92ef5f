"""Explainable scores between a graduate and a vacancy, for recommendations both ways.

A score is a weighted sum of parts, each in [0, 1] with a reason a person can read: skills and
certificates, major, education, salary and place of work. The place of work counts the
cross-city commute: Chengdu and Chongqing are about an hour apart by high-speed rail, so a
graduate who prefers one city still scores a job in the other, less than one at home.
"""

from dataclasses import dataclass, field
from enum import IntEnum

# Fastest Chengdu East – Chongqing Shapingba trains since the 2020 speed-up: about 62 minutes.
HIGH_SPEED_RAIL_MINUTES = {frozenset({"chengdu", "chongqing"}): 62}
# A daily commute of an hour each way is tolerable, not ideal; farther is treated as a move.
CROSS_CITY_COMMUTE_FACTOR = 0.6


class Education(IntEnum):
    SECONDARY_VOCATIONAL = 1
    HIGHER_VOCATIONAL = 2  # 高职 / 大专
    BACHELOR = 3
    MASTER = 4
    DOCTORATE = 5


@dataclass(frozen=True)
class Graduate:
    skills: frozenset[str] = frozenset()
    certificates: frozenset[str] = frozenset()
    major: str = ""
    education: Education = Education.HIGHER_VOCATIONAL
    expected_monthly_salary: int = 0  # CNY
    preferred_cities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vacancy:
    skills: frozenset[str] = frozenset()
    certificates: frozenset[str] = frozenset()
    majors: frozenset[str] = frozenset()  # empty: any major
    min_education: Education = Education.SECONDARY_VOCATIONAL
    monthly_salary_min: int = 0
    monthly_salary_max: int = 0
    city: str = ""


@dataclass(frozen=True)
class Weights:
    skills: float = 0.35
    certificates: float = 0.10
    major: float = 0.15
    education: float = 0.15
    salary: float = 0.10
    place: float = 0.15


@dataclass(frozen=True)
class ScorePart:
    name: str
    value: float  # 0..1
    weight: float
    reason: str


@dataclass(frozen=True)
class MatchScore:
    parts: tuple[ScorePart, ...] = field(default_factory=tuple)

    @property
    def total(self) -> float:
        weight = sum(part.weight for part in self.parts)
        return sum(part.value * part.weight for part in self.parts) / weight if weight else 0.0


def coverage(offered: frozenset[str], wanted: frozenset[str]) -> float:
    return len(offered & wanted) / len(wanted) if wanted else 1.0


def skills_part(graduate: Graduate, vacancy: Vacancy, weight: float) -> ScorePart:
    value = coverage(graduate.skills, vacancy.skills)
    missing = sorted(vacancy.skills - graduate.skills)
    reason = f"has {len(vacancy.skills) - len(missing)} of {len(vacancy.skills)} skills asked for"
    return ScorePart(
        "skills", value, weight, reason + (f"; missing {', '.join(missing)}" if missing else "")
    )


def certificates_part(graduate: Graduate, vacancy: Vacancy, weight: float) -> ScorePart:
    value = coverage(graduate.certificates, vacancy.certificates)
    held = len(graduate.certificates & vacancy.certificates)
    return ScorePart(
        "certificates", value, weight, f"holds {held} of {len(vacancy.certificates)} certificates"
    )


def major_part(graduate: Graduate, vacancy: Vacancy, weight: float) -> ScorePart:
    if not vacancy.majors:
        return ScorePart("major", 1.0, weight, "any major")
    fits = graduate.major in vacancy.majors
    return ScorePart(
        "major",
        1.0 if fits else 0.0,
        weight,
        f"major {graduate.major or '?'} {'fits' if fits else 'is not listed'}",
    )


def education_part(graduate: Graduate, vacancy: Vacancy, weight: float) -> ScorePart:
    if graduate.education >= vacancy.min_education:
        return ScorePart("education", 1.0, weight, "meets the education level")
    # One level short is a stretch, not a bar: vocational hiring often trains up.
    gap = vacancy.min_education - graduate.education
    return ScorePart(
        "education", max(0.0, 1.0 - 0.5 * gap), weight, f"{gap} level(s) below the requirement"
    )


def salary_part(graduate: Graduate, vacancy: Vacancy, weight: float) -> ScorePart:
    expected, top = graduate.expected_monthly_salary, vacancy.monthly_salary_max
    if not expected or not top or expected <= top:
        return ScorePart("salary", 1.0, weight, "the pay range reaches the expected salary")
    shortfall = (expected - top) / expected
    return ScorePart(
        "salary",
        max(0.0, 1.0 - 2 * shortfall),
        weight,
        f"pays up to {top}, {round(shortfall * 100)} % below the expectation",
    )


def place_part(graduate: Graduate, vacancy: Vacancy, weight: float) -> ScorePart:
    city = vacancy.city.lower()
    preferred = [c.lower() for c in graduate.preferred_cities]
    if not preferred or city in preferred:
        return ScorePart("place", 1.0, weight, f"in {vacancy.city or 'any city'}, as preferred")
    for home in preferred:
        minutes = HIGH_SPEED_RAIL_MINUTES.get(frozenset({home, city}))
        if minutes is not None:
            reason = f"{vacancy.city} is {minutes} min from {home.title()} by high-speed rail"
            return ScorePart("place", CROSS_CITY_COMMUTE_FACTOR, weight, reason)
    return ScorePart("place", 0.0, weight, f"{vacancy.city} is not among the preferred cities")


PARTS = (skills_part, certificates_part, major_part, education_part, salary_part, place_part)


def score(graduate: Graduate, vacancy: Vacancy, weights: Weights = Weights()) -> MatchScore:
    """How well `graduate` and `vacancy` fit, 0 to 1, with the reasons behind the number."""
    return MatchScore(
        tuple(
            part(graduate, vacancy, getattr(weights, part.__name__.removesuffix("_part")))
            for part in PARTS
        )
    )


def recommend(
    subject,
    candidates: dict,
    limit: int = 10,
    *,
    subject_is_graduate: bool = True,
    weights: Weights = Weights(),
) -> list[tuple[object, MatchScore]]:
    """The best `limit` candidates for one graduate (vacancies) or one vacancy (graduates),
    best first, each with its explained score; ties keep the candidates' order."""
    scored = [
        (
            key,
            score(subject, candidate, weights)
            if subject_is_graduate
            else score(candidate, subject, weights),
        )
        for key, candidate in candidates.items()
    ]
    scored.sort(key=lambda pair: pair[1].total, reverse=True)
    return scored[:limit]
