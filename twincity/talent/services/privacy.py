"""People's rights over their data (PIPL): graduates and recruiters download all of it and
delete their account.

The download covers everything held about the person: talent's own rows here, and what the
other apps hold (event registrations, tickets, check-ins, answers; consents) through core's
PERSONAL_DATA registry, so that talent never imports the apps above it.

Deletion removes the person everywhere and keeps only what cannot point back to them. A
graduate's applications and past interviews remain as anonymous rows, so a fair's counts of
applications, interviews, offers and hires do not change; their CV and the copies sent with
applications are deleted. A recruiter's enterprise keeps its vacancies and applicants; only the
person goes. The other apps erase their part first (their own transactions: cancelling an event
registration frees a seat under its lock), then talent's rows go in one transaction.
"""

import io
import json
import zipfile

from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twincity.core import personal_data

from .. import access
from ..errors import NotAllowed
from ..models import (
    Application,
    ApplicationChange,
    EmailConfirmation,
    GraduateProfile,
    InterviewBooking,
    Recruiter,
    SavedSearch,
    Vacancy,
)
from .profiles import EDITABLE_PROFILE_FIELDS

# The school is exported by name below; the rest as stored.
PROFILE_FIELDS = (
    *(name for name in EDITABLE_PROFILE_FIELDS if name != "school"),
    "created_at",
    "updated_at",
)
RECRUITER_FIELDS = ("full_name", "job_title", "phone", "language", "status", "requested_at")


def as_json(data: dict) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def account_data(user: User) -> dict:
    data = {"email": user.email, "joined": user.date_joined, "last_sign_in": user.last_login}
    confirmation = EmailConfirmation.objects.filter(user=user).first()
    if confirmation is not None:  # an account made through a sign-up form
        data["email_confirmation"] = {
            "link_sent_at": confirmation.sent_at,
            "confirmed_at": confirmation.confirmed_at,
        }
    return data


# --- Graduates -----------------------------------------------------------------------------------


def graduate_data(user: User) -> dict:
    """Everything the platform holds about the graduate, as plain data."""
    profile = access.graduate_of(user)
    applications = list(applications_of(profile))
    return {
        "account": account_data(user),
        "profile": {
            **{field: getattr(profile, field) for field in PROFILE_FIELDS},
            "school": profile.school.name_en if profile.school else None,
            "cv": "cv.pdf" if profile.cv else None,
        },
        "applications": [application_data(a) for a in applications],
        "rankings": [ranking_data(a) for a in applications if a.vacancy.fair_id],
        "interviews": [
            {
                "enterprise": booking.slot.organisation.name_en,
                "starts_at": booking.slot.starts_at,
                "ends_at": booking.slot.ends_at,
                "place": booking.slot.place,
                "booked_at": booking.booked_at,
                "attended": booking.attended,
            }
            for booking in profile.bookings.select_related("slot__organisation")
        ],
        "saved_searches": list(
            user.saved_searches.values("name", "query", "created_at", "last_seen_at")
        ),
        **personal_data.data_about(user),
    }


def applications_of(profile: GraduateProfile):
    return profile.applications.select_related(
        "vacancy__organisation", "vacancy__fair"
    ).prefetch_related("changes")


def sent_cv_name(application: Application) -> str:
    return f"applications/{application.pk}-cv.pdf"


def application_data(application: Application) -> dict:
    return {
        "vacancy": str(application.vacancy),
        "enterprise": application.vacancy.organisation.name_en,
        "status": application.status,
        "note": application.cover_note,
        "cv_sent": sent_cv_name(application) if application.cv else None,
        "applied_at": application.created_at,
        "history": [
            {"status": change.status, "at": change.changed_at}
            for change in application.changes.all()
        ],
    }


def ranking_data(application: Application) -> dict:
    """The places in a fair's stable assignment: the graduate's own order of their
    applications, and the enterprise's order of its applicants."""
    return {
        "fair": application.vacancy.fair.title_en,
        "vacancy": str(application.vacancy),
        "my_preference": application.graduate_rank,
        "enterprise_preference": application.enterprise_rank,
    }


def graduate_archive(user: User) -> bytes:
    """A zip with data.json, the CV as it was uploaded and the CV sent with each application."""
    profile = access.graduate_of(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", as_json(graduate_data(user)))
        if profile.cv:
            add_file(archive, "cv.pdf", profile.cv)
        for application in profile.applications.exclude(cv=""):
            add_file(archive, sent_cv_name(application), application.cv)
    return buffer.getvalue()


def add_file(archive: zipfile.ZipFile, name: str, stored) -> None:
    with stored.open("rb") as file:
        archive.writestr(name, file.read())


def delete_graduate(user: User) -> None:
    """Delete the graduate's account and everything about them (see the module's docstring)."""
    access.graduate_of(user)
    personal_data.erase(user)
    delete_graduate_rows(user)


@transaction.atomic
def delete_graduate_rows(user: User) -> None:
    profile = access.graduate_of(user)
    files = [profile.cv.name] if profile.cv else []
    applications = Application.objects.filter(graduate=profile)
    files += [name for name in applications.values_list("cv", flat=True) if name]
    now = timezone.now()
    # Upcoming interviews are freed for others; past ones stay as anonymous counts.
    InterviewBooking.objects.filter(graduate=profile, slot__starts_at__gt=now).delete()
    InterviewBooking.objects.filter(graduate=profile).update(graduate=None)
    applications.update(graduate=None, cover_note="", cv="")
    ApplicationChange.objects.filter(changed_by=user).update(changed_by=None)
    SavedSearch.objects.filter(user=user).delete()
    profile.delete()
    user.delete()
    delete_files_on_commit(files)


def delete_files_on_commit(names: list[str]) -> None:
    storage = GraduateProfile._meta.get_field("cv").storage
    for name in names:
        transaction.on_commit(lambda name=name: storage.delete(name))


# --- Recruiters ----------------------------------------------------------------------------------


def recruiter_of(user: User) -> Recruiter:
    """The recruiter behind the account, approved or not: everyone may have their data."""
    recruiter = getattr(user, "recruiter", None) if user.is_authenticated else None
    if recruiter is None:
        raise NotAllowed(_("Sign in with a recruiter account to do this."))
    return recruiter


def recruiter_data(user: User) -> dict:
    """Everything held about the recruiter as a person; the enterprise's own data (vacancies,
    applicants) is the enterprise's, and only what this person did is listed."""
    recruiter = recruiter_of(user)
    posted = Vacancy.objects.filter(posted_by=user).order_by("created_at", "pk")
    changes = ApplicationChange.objects.filter(changed_by=user).order_by("changed_at", "pk")
    return {
        "account": account_data(user),
        "recruiter": {
            **{field: getattr(recruiter, field) for field in RECRUITER_FIELDS},
            "enterprise": recruiter.organisation.name_en,
            "decided_at": recruiter.decided_at,
        },
        "vacancies_posted": list(posted.values("title_en", "title_zh", "status", "created_at")),
        "application_changes": [
            {"application": change.application_id, "status": change.status, "at": change.changed_at}
            for change in changes
        ],
        **personal_data.data_about(user),
    }


def recruiter_data_json(user: User) -> str:
    return as_json(recruiter_data(user))


def delete_recruiter(user: User) -> None:
    """Delete the recruiter's account and what is held about them. The enterprise stays with
    its vacancies, slots and applicants; what the person did stays without their name."""
    recruiter_of(user)
    personal_data.erase(user)
    with transaction.atomic():
        Vacancy.objects.filter(posted_by=user).update(posted_by=None)
        ApplicationChange.objects.filter(changed_by=user).update(changed_by=None)
        user.delete()  # and the Recruiter row with it
