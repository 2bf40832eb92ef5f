"""Reads for the organisers' pages: the fair's figures and the stable assignment's result.

Every function here costs a fixed number of queries, whatever the size of the fair: the
database counts and sums (Count, Sum, values()), Python only labels the rows.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from twincity.core.cities import City
from twincity.core.localisation import localised
from twincity.directory.models import Organisation

from .models import (
    Application,
    ApplicationChange,
    AssignmentRun,
    EmailConfirmation,
    Fair,
    Industry,
    InterviewBooking,
    Recruiter,
    Vacancy,
)
from .services.applications import TAKING_PART

Status = Application.Status


@dataclass(frozen=True)
class Breakdown:
    """Vacancies of one industry or one city."""

    key: str
    label: str
    enterprises: int
    vacancies: int
    openings: int


@dataclass(frozen=True)
class Placement:
    """Graduates of one school hired through the platform."""

    school_id: int | None
    label: str
    hires: int


@dataclass(frozen=True)
class Figures:
    """What the organisers report: who offered how many jobs, and how the fair went."""

    enterprises: int
    vacancies: int
    openings: int
    applications: int
    graduates: int
    interviews_booked: int
    interviews_attended: int
    offers: int
    hires: int
    by_status: dict[str, int]
    by_industry: list[Breakdown]
    by_city: list[Breakdown]
    placements: list[Placement]

    @property
    def fill_rate(self) -> float | None:
        """Hires per opening, 0..1; None when nothing was offered."""
        return self.hires / self.openings if self.openings else None


def vacancies_in(fair: Fair | None) -> QuerySet:
    return Vacancy.objects.filter(fair=fair) if fair else Vacancy.objects.all()


def applications_in(fair: Fair | None) -> QuerySet:
    applications = Application.objects.all()
    return applications.filter(vacancy__fair=fair) if fair else applications


def bookings_in(fair: Fair | None) -> QuerySet:
    bookings = InterviewBooking.objects.all()
    return bookings.filter(slot__fair=fair) if fair else bookings


def dashboard_figures(fair: Fair | None = None) -> Figures:
    """The figures of one fair, or of the whole platform when `fair` is None: six queries."""
    vacancies = vacancy_totals(fair)
    applications = application_totals(fair)
    bookings = bookings_in(fair).aggregate(
        booked=Count("pk"), attended=Count("pk", filter=Q(attended=True))
    )
    return Figures(
        enterprises=vacancies["enterprises"],
        vacancies=vacancies["vacancies"],
        openings=vacancies["openings"] or 0,
        applications=applications.pop("applications"),
        graduates=applications.pop("graduates"),
        interviews_booked=bookings["booked"],
        interviews_attended=bookings["attended"],
        offers=applications.pop("offers"),
        hires=applications[Status.HIRED],
        by_status=applications,
        by_industry=breakdown(fair, "industry", Industry),
        by_city=breakdown(fair, "city", City),
        placements=placements_by_school(fair),
    )


def vacancy_totals(fair: Fair | None) -> dict:
    return vacancies_in(fair).aggregate(
        enterprises=Count("organisation", distinct=True),
        vacancies=Count("pk"),
        openings=Sum("headcount"),
    )


def application_totals(fair: Fair | None) -> dict:
    """Applications, the graduates behind them, offers, and one count per pipeline status.

    An offer counts once made: the application is at "offer" or "hired" now, or its history
    shows an offer (one the graduate later turned down still was an offer).
    """
    had_offer = Exists(
        ApplicationChange.objects.filter(application=OuterRef("pk"), status=Status.OFFER)
    )
    per_status = {status: Count("pk", filter=Q(status=status)) for status in Status.values}
    return applications_in(fair).aggregate(
        applications=Count("pk"),
        graduates=Count("graduate", distinct=True),
        offers=Count("pk", filter=Q(status__in=[Status.OFFER, Status.HIRED]) | Q(had_offer)),
        **per_status,
    )


def breakdown(fair: Fair | None, by: str, choices) -> list[Breakdown]:
    """Enterprises, vacancies and openings per value of `by` (industry or city), most first."""
    rows = (
        vacancies_in(fair)
        .values(by)
        .annotate(
            enterprises=Count("organisation", distinct=True),
            vacancies=Count("pk"),
            openings=Sum("headcount"),
        )
        .order_by("-openings", by)
    )
    labels = dict(choices.choices)
    return [
        Breakdown(
            key=row[by],
            label=str(labels.get(row[by], row[by])),
            enterprises=row["enterprises"],
            vacancies=row["vacancies"],
            openings=row["openings"],
        )
        for row in rows
    ]


class SchoolNames:
    """The name_en / name_zh pair of a values() row, for `localised`."""

    def __init__(self, row: dict):
        self.name_en = row["school__name_en"]
        self.name_zh = row["school__name_zh"]


def placements_by_school(fair: Fair | None) -> list[Placement]:
    """Hires per school, most first; graduates who named no school are counted apart."""
    rows = (
        applications_in(fair)
        .filter(status=Status.HIRED)
        .values("school_id", "school__name_en", "school__name_zh")
        .annotate(hires=Count("pk"))
        .order_by("-hires", "school__name_en")
    )
    return [
        Placement(
            school_id=row["school_id"],
            label=localised(SchoolNames(row), "name") if row["school_id"] else _("No school given"),
            hires=row["hires"],
        )
        for row in rows
    ]


def vacancy_rows(fair: Fair | None = None) -> QuerySet:
    """One row per vacancy with its applications, offers and hires: one query."""
    return (
        vacancies_in(fair)
        .select_related("organisation", "fair")
        .annotate(
            application_count=Count("applications"),
            offer_count=Count(
                "applications",
                filter=Q(applications__status__in=[Status.OFFER, Status.HIRED]),
            ),
            hire_count=Count("applications", filter=Q(applications__status=Status.HIRED)),
        )
        .order_by("organisation__name_en", "pk")
    )


# --- The stable assignment ------------------------------------------------------------------------


@dataclass(frozen=True)
class Participation:
    """Who takes part in the fair's stable assignment, and who has ranked."""

    applications: int
    graduates: int
    vacancies: int
    openings: int
    graduate_ranked: int
    enterprise_ranked: int

    @property
    def graduate_defaulted(self) -> int:
        return self.applications - self.graduate_ranked

    @property
    def enterprise_defaulted(self) -> int:
        return self.applications - self.enterprise_ranked


def taking_part(fair: Fair) -> QuerySet:
    """The applications `assignment.run_assignment` would use."""
    return Application.objects.filter(
        vacancy__fair=fair, status__in=TAKING_PART, graduate__isnull=False
    )


def participation(fair: Fair) -> Participation:
    """Two queries: the applications, then the vacancies they are made to."""
    applications = taking_part(fair).aggregate(
        applications=Count("pk"),
        graduates=Count("graduate", distinct=True),
        graduate_ranked=Count("pk", filter=Q(graduate_rank__isnull=False)),
        enterprise_ranked=Count("pk", filter=Q(enterprise_rank__isnull=False)),
    )
    vacancies = Vacancy.objects.filter(pk__in=taking_part(fair).values("vacancy_id")).aggregate(
        vacancies=Count("pk"), openings=Sum("headcount")
    )
    return Participation(
        vacancies=vacancies["vacancies"], openings=vacancies["openings"] or 0, **applications
    )


@dataclass
class PlacedVacancy:
    vacancy: Vacancy
    placed: list[Application] = field(default_factory=list)


@dataclass(frozen=True)
class RunResult:
    run: AssignmentRun
    vacancies: list[PlacedVacancy]
    placed: int

    @property
    def unplaced(self) -> int:
        return max(self.run.graduates - self.placed, 0)


def run_result(run: AssignmentRun) -> RunResult:
    """The run's pairs grouped by vacancy, with every vacancy of the fair: two queries."""
    matched = (
        Application.objects.filter(pk__in=run.matched_applications)
        .select_related("graduate")
        .order_by("graduate__full_name", "pk")
    )
    by_vacancy: dict[int, list[Application]] = defaultdict(list)
    for application in matched:
        by_vacancy[application.vacancy_id].append(application)
    vacancies = (
        Vacancy.objects.filter(fair_id=run.fair_id)
        .select_related("organisation")
        .order_by("organisation__name_en", "pk")
    )
    return RunResult(
        run=run,
        vacancies=[PlacedVacancy(vacancy, by_vacancy.get(vacancy.pk, [])) for vacancy in vacancies],
        placed=sum(len(placed) for placed in by_vacancy.values()),
    )


def latest_run(fair: Fair) -> AssignmentRun | None:
    return fair.assignment_runs.select_related("run_by", "published_by").first()


def published_run(fair: Fair) -> AssignmentRun | None:
    return (
        fair.assignment_runs.filter(published_at__isnull=False)
        .select_related("published_by")
        .first()
    )


# --- Recruiter approvals --------------------------------------------------------------------------


def awaiting_decision() -> QuerySet:
    """Recruiters the organisers decide on: pending, with their e-mail address confirmed (a
    sign-up whose address is not confirmed yet may not even be the person's)."""
    return Recruiter.objects.filter(status=Recruiter.Status.PENDING).filter(
        EmailConfirmation.confirmed_q()
    )


def pending_signups() -> list[Recruiter]:
    """Recruiters awaiting a decision, oldest first, in two queries. Each gets `other_claims`:
    every other account that named the same enterprise (by its credit code), whatever its
    status, so that organisers see a disputed code before they decide."""
    pending = list(
        awaiting_decision().select_related("organisation", "user").order_by("requested_at", "pk")
    )
    claims = defaultdict(list)
    for claim in (
        Recruiter.objects.filter(organisation__in={r.organisation_id for r in pending})
        .select_related("user")
        .order_by("requested_at", "pk")
    ):
        claims[claim.organisation_id].append(claim)
    for recruiter in pending:
        recruiter.other_claims = [
            claim for claim in claims[recruiter.organisation_id] if claim.pk != recruiter.pk
        ]
    return pending


# --- The graduate's own applications -------------------------------------------------------------


def applications_by_vacancy(user, vacancies=None) -> dict[int, Application]:
    """The signed-in graduate's application to each of these vacancies (all of them when
    `vacancies` is None) they applied to, by vacancy id, in one query; empty for anyone else."""
    profile = getattr(user, "graduate", None) if user.is_authenticated else None
    if profile is None:
        return {}
    # What the "Applied on" mark shows (applied_mark.html): a graduate may have many.
    applications = Application.objects.filter(graduate=profile).only(
        "pk", "vacancy_id", "created_at"
    )
    if vacancies is not None:
        applications = applications.filter(vacancy_id__in=[vacancy.pk for vacancy in vacancies])
    return {application.vacancy_id: application for application in applications}


@dataclass(frozen=True)
class FairTeaser:
    """A job fair with what the home page says of it."""

    fair: Fair
    upcoming: bool
    enterprises: int
    vacancies: int
    openings: int


def fair_teaser(now) -> FairTeaser | None:
    """The next job fair, or the latest one while none is announced, with the number of its
    enterprises, vacancies and openings: three queries."""
    upcoming = Fair.objects.filter(ends_at__gte=now).order_by("starts_at").first()
    fair = upcoming or Fair.objects.order_by("-starts_at").first()
    if fair is None:
        return None
    public = Organisation.objects.public()
    enterprises = fair.booths.filter(organisation__in=public).values("organisation").distinct()
    totals = fair.vacancies.filter(organisation__in=public).aggregate(
        vacancies=Count("pk"), openings=Sum("headcount")
    )
    return FairTeaser(
        fair,
        upcoming is not None,
        enterprises.count(),
        totals["vacancies"],
        totals["openings"] or 0,
    )
