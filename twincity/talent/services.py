"""Use cases of the job fair that change state: accounts, vacancies, applications.

Each function validates, changes the database in one transaction and raises a named error
(`TalentError` and its kinds) with a translated message; a refused request changes nothing.
Interview booking lives in `booking.py`, the stable assignment in `assignment.py`, data export
and account deletion in `privacy.py`.
"""

from datetime import date

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twincity.directory.credit_code import credit_code_problem
from twincity.directory.models import City, Organisation

from . import access
from .errors import ApplicationError, NotAllowed, TalentError
from .models import (
    Application,
    ApplicationChange,
    Booth,
    Fair,
    GraduateProfile,
    Recruiter,
    Vacancy,
)
from .tasks import absolute_url, send_after_commit

Status = Application.Status

# The pipeline: applied → reviewed → interview → offer → hired, or declined / withdrawn.
ENTERPRISE_MOVES = {
    Status.APPLIED: {Status.REVIEWED, Status.INTERVIEW, Status.DECLINED},
    Status.REVIEWED: {Status.INTERVIEW, Status.OFFER, Status.DECLINED},
    Status.INTERVIEW: {Status.OFFER, Status.DECLINED},
    Status.OFFER: {Status.HIRED, Status.DECLINED},
}
GRADUATE_MOVES = {
    Status.APPLIED: {Status.WITHDRAWN},
    Status.REVIEWED: {Status.WITHDRAWN},
    Status.INTERVIEW: {Status.WITHDRAWN},
    Status.OFFER: {Status.HIRED, Status.WITHDRAWN},
}
# Publishing the fair's stable assignment turns its pairs into offers.
ORGANISER_MOVES = {
    Status.APPLIED: {Status.OFFER},
    Status.REVIEWED: {Status.OFFER},
    Status.INTERVIEW: {Status.OFFER},
}
FINISHED = {Status.HIRED, Status.DECLINED, Status.WITHDRAWN}


# --- Accounts ---------------------------------------------------------------------------------


def check_new_account(email: str, password: str) -> str:
    email = email.strip().lower()
    if User.objects.filter(username__iexact=email).exists():
        raise TalentError(_("An account with this e-mail address exists already. Sign in."))
    try:
        validate_password(password, User(username=email, email=email))
    except ValidationError as error:
        raise TalentError(" ".join(error.messages)) from error
    return email


@transaction.atomic
def register_graduate(email: str, password: str, full_name: str, language: str) -> GraduateProfile:
    email = check_new_account(email, password)
    user = User.objects.create_user(username=email, email=email, password=password)
    return GraduateProfile.objects.create(user=user, full_name=full_name.strip(), language=language)


@transaction.atomic
def request_recruiter_account(
    *,
    email: str,
    password: str,
    full_name: str,
    credit_code: str,
    organisation_name_en: str = "",
    organisation_name_zh: str = "",
    city: str = City.CHENGDU,
    job_title: str = "",
    phone: str = "",
    language: str = "zh-hans",
) -> Recruiter:
    """A recruiter names their enterprise by its unified social credit code; an enterprise not
    yet in the directory is added with the names given. Staff approve the account later."""
    email = check_new_account(email, password)
    organisation = enterprise_by_credit_code(
        credit_code.strip().upper(), organisation_name_en, organisation_name_zh, city
    )
    user = User.objects.create_user(username=email, email=email, password=password)
    return Recruiter.objects.create(
        user=user,
        organisation=organisation,
        full_name=full_name.strip(),
        job_title=job_title.strip(),
        phone=phone.strip(),
        language=language,
    )


def enterprise_by_credit_code(code: str, name_en: str, name_zh: str, city: str) -> Organisation:
    problem = credit_code_problem(code)
    if problem:
        raise TalentError(problem)
    found = Organisation.objects.filter(credit_code=code).first()
    if found:
        if found.kind != Organisation.Kind.ENTERPRISE:
            raise TalentError(
                _("This credit code belongs to an organisation that is not an enterprise.")
            )
        return found
    if not (name_en.strip() and name_zh.strip()):
        raise TalentError(
            _(
                "This enterprise is not in the directory yet: give its name in English and in Chinese."
            )
        )
    return Organisation.objects.create(
        kind=Organisation.Kind.ENTERPRISE,
        credit_code=code,
        name_en=name_en.strip(),
        name_zh=name_zh.strip(),
        city=city,
    )


@transaction.atomic
def decide_recruiter(recruiter: Recruiter, approve: bool, by: User) -> Recruiter:
    access.check_organiser(by)
    recruiter.status = Recruiter.Status.APPROVED if approve else Recruiter.Status.REJECTED
    recruiter.decided_at = timezone.now()
    recruiter.decided_by = by
    recruiter.save(update_fields=["status", "decided_at", "decided_by"])
    send_after_commit(
        "recruiter_decided",
        recruiter.user.email,
        recruiter.language,
        {"full_name": recruiter.full_name, "approved": approve},
    )
    return recruiter


# --- Vacancies --------------------------------------------------------------------------------


def save_vacancy(user: User, vacancy: Vacancy) -> Vacancy:
    """Post a new vacancy or save changes to one of the recruiter's enterprise."""
    recruiter = access.approved_recruiter(user)
    if vacancy.pk and vacancy.organisation_id != recruiter.organisation_id:
        raise NotAllowed(_("This vacancy belongs to another enterprise."))
    vacancy.organisation_id = recruiter.organisation_id
    vacancy.posted_by = vacancy.posted_by or user
    problems = vacancy_problems(vacancy)
    if problems:
        raise TalentError(" ".join(problems.values()))
    try:
        vacancy.full_clean()
    except ValidationError as error:
        raise TalentError(" ".join(error.messages)) from error
    with transaction.atomic():
        vacancy.save()
        if vacancy.fair_id:
            Booth.objects.get_or_create(
                fair_id=vacancy.fair_id, organisation_id=vacancy.organisation_id
            )
    return vacancy


# --- Applications -----------------------------------------------------------------------------


@transaction.atomic
def apply(
    user: User, vacancy: Vacancy, cover_note: str = "", today: date | None = None
) -> Application:
    graduate = access.graduate_of(user)
    today = today or timezone.localdate()
    if not vacancy.takes_applications(today):
        raise ApplicationError(_("This vacancy no longer takes applications."))
    if not graduate.cv:
        raise ApplicationError(_("Upload your CV (PDF) to your profile before you apply."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                graduate=graduate, vacancy=vacancy, school=graduate.school, cover_note=cover_note
            )
    except IntegrityError as error:
        raise ApplicationError(_("You have applied for this vacancy already.")) from error
    record_change(application, Status.APPLIED, user)
    return application


def change_status(
    application: Application, status: str, by: User, *, as_organiser: bool = False
) -> Application:
    """One step of the pipeline, by the enterprise or (withdraw, accept an offer) the graduate."""
    return bulk_change_status([application.pk], status, by, as_organiser=as_organiser)[0]


@transaction.atomic
def bulk_change_status(
    application_ids: list[int], status: str, by: User, *, as_organiser: bool = False
) -> list[Application]:
    """Move several applications at once, all or none: one that cannot move refuses the lot."""
    applications = list(
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy", "graduate__user")
        .filter(pk__in=application_ids)
        .order_by("pk")
    )
    if len(applications) != len(set(application_ids)):
        raise ApplicationError(_("Some of these applications do not exist any more."))
    if as_organiser:
        access.check_organiser(by)
        moves = ORGANISER_MOVES
    else:
        moves = allowed_moves_for(by, applications)
    for application in applications:
        if status not in moves.get(application.status, set()):
            raise ApplicationError(
                _("An application that is “%(current)s” cannot become “%(new)s”.")
                % {"current": application.get_status_display(), "new": Status(status).label}
            )
    for application in applications:
        application.status = status
        application.save(update_fields=["status", "updated_at"])
        record_change(application, status, by)
    return applications


def allowed_moves_for(user: User, applications: list[Application]) -> dict:
    graduate = getattr(user, "graduate", None)
    if graduate is not None:
        if any(application.graduate_id != graduate.pk for application in applications):
            raise NotAllowed(_("This is not your application."))
        return GRADUATE_MOVES
    recruiter = access.approved_recruiter(user)
    for application in applications:
        access.check_recruiter_owns_application(recruiter, application)
    return ENTERPRISE_MOVES


def mark_reviewed(application: Application, by: User) -> None:
    """A recruiter opened the application: "applied" becomes "reviewed" on its own."""
    # An application of a deleted account stays as it was: there is nobody to review.
    if application.status == Status.APPLIED and application.graduate_id is not None:
        change_status(application, Status.REVIEWED, by)


def record_change(application: Application, status: str, by: User) -> None:
    ApplicationChange.objects.create(application=application, status=status, changed_by=by)
    graduate = application.graduate
    if graduate is None:
        return
    vacancy = application.vacancy
    send_after_commit(
        "application_status",
        graduate.user.email,
        graduate.language,
        {
            "full_name": graduate.full_name,
            "status": status,
            "vacancy_en": str(vacancy),
            "vacancy_zh": vacancy.title_zh or str(vacancy),
            "organisation_en": vacancy.organisation.name_en,
            "organisation_zh": vacancy.organisation.name_zh,
            "url": absolute_url("my-applications", graduate.language),
        },
    )


# --- Profiles and saved searches ----------------------------------------------------------------

MAX_CV_BYTES = 5 * 1024 * 1024


def check_cv(uploaded) -> None:
    """PDF only (by its content, not its name) and at most 5 MB."""
    if uploaded.size > MAX_CV_BYTES:
        raise TalentError(_("The CV may be at most 5 MB."))
    head = uploaded.read(5)
    uploaded.seek(0)
    if head != b"%PDF-":
        raise TalentError(_("The CV must be a PDF file."))


def store_cv(user: User, uploaded) -> GraduateProfile:
    profile = access.graduate_of(user)
    check_cv(uploaded)
    previous = profile.cv.name if profile.cv else ""
    with transaction.atomic():
        profile.cv.save("cv.pdf", uploaded, save=False)
        profile.cv_uploaded_at = timezone.now()
        profile.save(update_fields=["cv", "cv_uploaded_at", "updated_at"])
        if previous:
            storage = profile.cv.storage
            transaction.on_commit(lambda: storage.delete(previous))
    return profile


MAX_SAVED_SEARCHES = 20


@transaction.atomic
def save_search(user: User, name: str, query: str):
    if not user.is_authenticated:
        raise NotAllowed(_("Sign in to save searches."))
    name = name.strip()[:100] or _("My search")
    if user.saved_searches.count() >= MAX_SAVED_SEARCHES:
        raise TalentError(
            _("You can keep %(most)d saved searches; delete one first.")
            % {"most": MAX_SAVED_SEARCHES}
        )
    search, _created = user.saved_searches.update_or_create(query=query, defaults={"name": name})
    return search


# --- The graduate's own data: profile, ranking for the fair, saved searches -------------------

EDITABLE_PROFILE_FIELDS = (
    "full_name",
    "school",
    "major",
    "graduation_year",
    "education",
    "skills",
    "certificates",
    "preferred_cities",
    "expected_salary",
    "phone",
    "language",
    "visibility",
)


@transaction.atomic
def save_profile(user: User, changes: dict) -> GraduateProfile:
    """The graduate changes their own profile; nothing else (CV, account) is touched here."""
    profile = access.graduate_of(user)
    for name in EDITABLE_PROFILE_FIELDS:
        if name in changes:
            setattr(profile, name, changes[name])
    try:
        profile.full_clean(exclude=["user", "cv"])
    except ValidationError as error:
        raise TalentError(" ".join(error.messages)) from error
    profile.save()
    return profile


@transaction.atomic
def rank_my_applications(user: User, fair: Fair, ordered_application_ids: list[int]) -> None:
    """The graduate's order of preference (first = most wanted) over all their applications
    that take part in the fair's stable assignment; a partial or foreign list is refused."""
    from .assignment import TAKING_PART  # assignment imports this module

    graduate = access.graduate_of(user)
    check_rankings_open(fair)
    ids = list(ordered_application_ids)
    if len(set(ids)) != len(ids):
        raise TalentError(_("Give each application its own place in the order."))
    chosen = (
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy")
        .filter(pk__in=ids)
    )
    if any(application.graduate_id != graduate.pk for application in chosen):
        raise NotAllowed(_("This is not your application."))
    if any(application.vacancy.fair_id != fair.pk for application in chosen):
        raise TalentError(_("Rank only your applications to vacancies of this fair."))
    taking_part = set(
        graduate.applications.filter(vacancy__fair=fair, status__in=TAKING_PART).values_list(
            "pk", flat=True
        )
    )
    if set(ids) != taking_part:
        raise TalentError(
            _(
                "Your applications at this fair have changed since you opened the page. "
                "Check the order and save it again."
            )
        )
    for place, application_id in enumerate(ids, start=1):
        Application.objects.filter(pk=application_id).update(graduate_rank=place)


def check_rankings_open(fair: Fair) -> None:
    """Once the organisers publish the fair's assignment as offers, its rankings are history."""
    if fair.assignment_runs.filter(published_at__isnull=False).exists():
        raise TalentError(_("The fair's assignment has been published: rankings are closed."))


def my_saved_search(user: User, search_id: int):
    search = user.saved_searches.filter(pk=search_id).first() if user.is_authenticated else None
    if search is None:
        raise NotAllowed(_("This is not your saved search."))
    return search


def open_saved_search(user: User, search_id: int):
    """The user looks at a saved search's results: what is new is counted from now on."""
    search = my_saved_search(user, search_id)
    search.last_seen_at = timezone.now()
    search.save(update_fields=["last_seen_at"])
    return search


def delete_saved_search(user: User, search_id: int) -> None:
    my_saved_search(user, search_id).delete()


# --- The enterprise's side: vacancy rules, moving and ranking applicants ---------------------


def vacancy_problems(vacancy: Vacancy, today: date | None = None) -> dict[str, str]:
    """What stops a vacancy as typed from being saved, by field; empty if nothing does.

    Fields left empty (None) are not judged: the form reports those itself.
    """
    today = today or timezone.localdate()
    problems = {}
    if not (vacancy.title_en or "").strip() and not (vacancy.title_zh or "").strip():
        problems["title_en"] = _("Give the title in English, in Chinese or in both.")
    low, high = vacancy.salary_min, vacancy.salary_max
    if low is not None and high is not None and low > high:
        problems["salary_max"] = _("The salary “to” must not be lower than the salary “from”.")
    if vacancy.headcount is not None and vacancy.headcount < 1:
        problems["headcount"] = _("A vacancy has at least one opening.")
    if vacancy.pk is None and vacancy.deadline is not None and vacancy.deadline < today:
        problems["deadline"] = _("The application deadline of a new vacancy cannot be in the past.")
    return problems


def vacancy_of_enterprise(user: User, vacancy_id: int) -> Vacancy:
    """One of the recruiter's enterprise's vacancies; another enterprise's is refused."""
    recruiter = access.approved_recruiter(user)
    vacancy = Vacancy.objects.select_related("fair").filter(pk=vacancy_id).first()
    if vacancy is None:
        raise NotAllowed(_("This vacancy does not exist."))
    if vacancy.organisation_id != recruiter.organisation_id:
        raise NotAllowed(_("This vacancy belongs to another enterprise."))
    return vacancy


ENTERPRISE_STATUSES = {status for moves in ENTERPRISE_MOVES.values() for status in moves}


@transaction.atomic
def move_applicants(user: User, application_ids: list[int], status: str) -> list[Application]:
    """The enterprise moves applicants along the pipeline, all or none. A refusal names every
    applicant who cannot move; applications of deleted accounts never move."""
    recruiter = access.approved_recruiter(user)
    if status not in ENTERPRISE_STATUSES:
        raise ApplicationError(_("Choose what should happen to the selected applications."))
    applications = list(
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy", "graduate")
        .filter(pk__in=application_ids)
        .order_by("pk")
    )
    for application in applications:
        access.check_recruiter_owns_application(recruiter, application)
    stuck = [
        application
        for application in applications
        if application.graduate_id is None
        or status not in ENTERPRISE_MOVES.get(application.status, set())
    ]
    if stuck:
        raise ApplicationError(
            _("Nothing was changed: these applications cannot become “%(new)s”: %(which)s.")
            % {"new": Status(status).label, "which": "; ".join(map(described, stuck))}
        )
    return bulk_change_status(application_ids, status, user)


def described(application: Application) -> str:
    """“Li Lei, Warehouse clerk (Offer)”: enough for a recruiter to find the row."""
    who = application.graduate.full_name if application.graduate else _("Deleted account")
    vacancy = application.vacancy
    title = (vacancy.title_zh if get_language() == "zh-hans" else "") or str(vacancy)
    return f"{who}, {title} ({application.get_status_display()})"


@transaction.atomic
def rank_applicants(
    user: User, vacancy: Vacancy, ordered_application_ids: list[int]
) -> list[Application]:
    """The enterprise's order of a fair vacancy's applicants (best first) for the fair's stable
    assignment: each applicant taking part exactly once; ranks become 1..n."""
    from .assignment import TAKING_PART  # assignment imports this module

    vacancy = vacancy_of_enterprise(user, vacancy.pk)
    if vacancy.fair_id is None:
        raise TalentError(_("Only vacancies at a job fair are ranked for its assignment."))
    if vacancy.fair.assignment_runs.filter(published_at__isnull=False).exists():
        raise TalentError(_("The fair's assignment has been published: rankings are closed."))
    taking_part = {
        application.pk: application
        for application in Application.objects.select_for_update(of=("self",)).filter(
            vacancy=vacancy, status__in=TAKING_PART, graduate__isnull=False
        )
    }
    if sorted(ordered_application_ids) != sorted(taking_part):
        raise TalentError(
            _("Rank every applicant taking part exactly once; the list has changed meanwhile.")
        )
    for rank, application_id in enumerate(ordered_application_ids, start=1):
        application = taking_part[application_id]
        application.enterprise_rank = rank
        application.save(update_fields=["enterprise_rank", "updated_at"])
    return [taking_part[application_id] for application_id in ordered_application_ids]
