"""The graduate's profile and CV."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access
from ..errors import TalentError
from ..models import (
    GraduateProfile,
)

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
