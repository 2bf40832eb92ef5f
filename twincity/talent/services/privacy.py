"""A graduate's rights over their data (PIPL): download all of it, delete all of it.

Deletion removes the person everywhere — account, profile, CV file, saved searches, notes — and
keeps only what cannot point back to them: their applications and past interviews remain as
anonymous rows, so a fair's counts of applications, interviews, offers and hires do not change.
"""

import io
import json
import zipfile

from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .. import access
from ..models import Application, ApplicationChange, GraduateProfile, InterviewBooking, SavedSearch
from .profiles import EDITABLE_PROFILE_FIELDS

# The school is exported by name below; the rest as stored.
PROFILE_FIELDS = (
    *(name for name in EDITABLE_PROFILE_FIELDS if name != "school"),
    "created_at",
    "updated_at",
)


def graduate_data(user: User) -> dict:
    """Everything the platform holds about the graduate, as plain data."""
    profile = access.graduate_of(user)
    return {
        "account": {"email": user.email, "joined": user.date_joined},
        "profile": {
            **{field: getattr(profile, field) for field in PROFILE_FIELDS},
            "school": profile.school.name_en if profile.school else None,
            "cv": "cv.pdf" if profile.cv else None,
        },
        "applications": [application_data(a) for a in applications_of(profile)],
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
        "saved_searches": list(user.saved_searches.values("name", "query", "created_at")),
    }


def applications_of(profile: GraduateProfile):
    return profile.applications.select_related("vacancy__organisation").prefetch_related("changes")


def application_data(application: Application) -> dict:
    return {
        "vacancy": str(application.vacancy),
        "enterprise": application.vacancy.organisation.name_en,
        "status": application.status,
        "note": application.cover_note,
        "applied_at": application.created_at,
        "history": [
            {"status": change.status, "at": change.changed_at}
            for change in application.changes.all()
        ],
    }


def graduate_archive(user: User) -> bytes:
    """A zip with data.json and, if there is one, the CV as it was uploaded."""
    profile = access.graduate_of(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = json.dumps(graduate_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        archive.writestr("data.json", data)
        if profile.cv:
            with profile.cv.open("rb") as cv:
                archive.writestr("cv.pdf", cv.read())
    return buffer.getvalue()


@transaction.atomic
def delete_graduate(user: User) -> None:
    profile = access.graduate_of(user)
    cv = profile.cv.name if profile.cv else ""
    now = timezone.now()
    # Upcoming interviews are freed for others; past ones stay as anonymous counts.
    InterviewBooking.objects.filter(graduate=profile, slot__starts_at__gt=now).delete()
    InterviewBooking.objects.filter(graduate=profile).update(graduate=None)
    Application.objects.filter(graduate=profile).update(graduate=None, cover_note="")
    ApplicationChange.objects.filter(changed_by=user).update(changed_by=None)
    SavedSearch.objects.filter(user=user).delete()
    profile.delete()
    user.delete()
    if cv:
        storage = GraduateProfile._meta.get_field("cv").storage
        transaction.on_commit(lambda: storage.delete(cv))
