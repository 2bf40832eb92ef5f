"""Explainable scores between an investor's enquiry and an offer (an opportunity or a park):
pure Python, no Django, in the style of the job-fair engine (talent/matching/scoring.py).

A score is a weighted sum of parts, each in [0, 1] with a reason: sector, size (the planned
investment against the amount an opportunity still seeks), place (the intended city; "either"
fits both, and a joint opportunity of both cities fits every investor) and cooperation mode.
A part that does not apply (the size of a park) is left out, and the total is taken over the
parts there are. Reasons are codes with their values; the Django side words them in the
reader's language.
"""

from dataclasses import dataclass, field

EITHER = "either"  # an investor open to both cities
BOTH = "both"  # a joint opportunity of both cities
# An investor who asked for one city still hears of the other, an hour away by high-speed
# rail in the same economic circle, but well below a fit at home.
OTHER_CITY_FACTOR = 0.3
# Size when an amount is unknown on either side: neither a fit nor a misfit.
UNKNOWN_SIZE = 0.5


@dataclass(frozen=True)
class Interest:
    """What an enquiry asks for."""

    sector: str = ""
    city: str = EITHER  # chengdu, chongqing or either
    planned_yuan: float | None = None
    modes: frozenset[str] = frozenset()  # empty: any mode


@dataclass(frozen=True)
class Offer:
    """An opportunity (sought_yuan, modes) or a park (leading sectors, any mode, no size)."""

    sectors: frozenset[str] = frozenset()
    city: str = ""  # chengdu, chongqing or both
    sought_yuan: float | None = None
    modes: frozenset[str] = frozenset()  # empty: open to any mode
    has_size: bool = True  # False for a park: size is not a criterion


@dataclass(frozen=True)
class Weights:
    sector: float = 0.40
    place: float = 0.25
    size: float = 0.20
    mode: float = 0.15


@dataclass(frozen=True)
class Reason:
    """Why a part scored as it did: a code and the values the wording needs."""

    code: str
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ScorePart:
    name: str
    value: float  # 0..1
    weight: float
    reason: Reason


@dataclass(frozen=True)
class MatchScore:
    parts: tuple[ScorePart, ...] = ()

    @property
    def total(self) -> float:
        weight = sum(part.weight for part in self.parts)
        return sum(part.value * part.weight for part in self.parts) / weight if weight else 0.0


def sector_part(interest: Interest, offer: Offer, weight: float) -> ScorePart:
    fits = interest.sector in offer.sectors
    code = "sector-fits" if fits else "sector-differs"
    return ScorePart("sector", float(fits), weight, Reason(code, {"sector": interest.sector}))


def place_part(interest: Interest, offer: Offer, weight: float) -> ScorePart:
    if offer.city == BOTH:
        return ScorePart("place", 1.0, weight, Reason("place-joint"))
    if interest.city in (EITHER, "") or interest.city == offer.city:
        return ScorePart("place", 1.0, weight, Reason("place-fits", {"city": offer.city}))
    values = {"city": offer.city, "intended": interest.city}
    return ScorePart("place", OTHER_CITY_FACTOR, weight, Reason("place-other-city", values))


def size_part(interest: Interest, offer: Offer, weight: float) -> ScorePart | None:
    """The share of the amount sought that the planned investment covers (all of it: 1)."""
    if not offer.has_size:
        return None
    planned, sought = interest.planned_yuan, offer.sought_yuan
    if not planned or not sought:
        return ScorePart("size", UNKNOWN_SIZE, weight, Reason("size-unknown"))
    if planned >= sought:
        return ScorePart("size", 1.0, weight, Reason("size-covers", {"sought": sought}))
    share = planned / sought
    values = {"sought": sought, "percent": round(share * 100)}
    return ScorePart("size", share, weight, Reason("size-part", values))


def mode_part(interest: Interest, offer: Offer, weight: float) -> ScorePart:
    if not interest.modes or not offer.modes:
        return ScorePart("mode", 1.0, weight, Reason("mode-any"))
    shared = interest.modes & offer.modes
    if shared:
        return ScorePart("mode", 1.0, weight, Reason("mode-fits", {"modes": sorted(shared)}))
    return ScorePart("mode", 0.0, weight, Reason("mode-differs", {"modes": sorted(offer.modes)}))


PARTS = (sector_part, place_part, size_part, mode_part)


def score(interest: Interest, offer: Offer, weights: Weights = Weights()) -> MatchScore:
    """How well `offer` fits `interest`, 0 to 1, with the reasons behind the number."""
    parts = (
        part(interest, offer, getattr(weights, part.__name__.removesuffix("_part")))
        for part in PARTS
    )
    return MatchScore(tuple(part for part in parts if part is not None))


def rank(interest: Interest, offers: dict, minimum: float = 0.0, limit: int = 10) -> list:
    """The offers scoring at least `minimum`, best first (ties keep the offers' order), at
    most `limit`: a list of (key, MatchScore)."""
    scored = [(key, score(interest, offer)) for key, offer in offers.items()]
    scored = [pair for pair in scored if pair[1].total >= minimum]
    scored.sort(key=lambda pair: pair[1].total, reverse=True)
    return scored[:limit]
