"""Data for talent tests, made through the services as a person would make it.

Helpers may add functions here; keep each one small and built on the ones above it.
"""

import itertools
from datetime import timedelta

from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.support import real_pdf
from twincity.directory.credit_code import check_character
from twincity.directory.models import Organisation
from twincity.talent import services
from twincity.talent.models import Fair, GraduateProfile, Recruiter, Vacancy
from twincity.talent.services import booking

_numbers = itertools.count(1)
PASSWORD = "correct horse battery staple"


def unique(prefix: str) -> str:
    return f"{prefix}{next(_numbers)}"


def credit_code() -> str:
    """A valid unified social credit code, different on each call (fictional enterprises)."""
    body = f"91510100MA{next(_numbers):07d}"[:17]
    body = body.replace("I", "1").replace("O", "0")
    return body + check_character(body)


def enterprise(**fields) -> Organisation:
    number = next(_numbers)
    defaults = {
        "name_en": f"Test Enterprise {number}",
        "name_zh": f"测试企业{number}",
        "kind": Organisation.Kind.ENTERPRISE,
        "city": "chengdu",
        "credit_code": credit_code(),
    }
    return Organisation.objects.create(**{**defaults, **fields})


def school(**fields) -> Organisation:
    number = next(_numbers)
    defaults = {
        "name_en": f"Test Polytechnic {number}",
        "name_zh": f"测试职业技术学院{number}",
        "kind": Organisation.Kind.SCHOOL,
        "city": "chongqing",
    }
    return Organisation.objects.create(**{**defaults, **fields})


def organiser() -> User:
    user = User.objects.create_user(unique("organiser") + "@example.org", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="change_fair"))
    return User.objects.get(pk=user.pk)  # fresh, so the permission cache is empty


def recruiter(organisation: Organisation | None = None, approved: bool = True) -> Recruiter:
    organisation = organisation or enterprise()
    email = unique("recruiter") + "@example.org"
    recruiter = services.request_recruiter_account(
        email=email,
        password=PASSWORD,
        full_name="Li Hua",
        credit_code=organisation.credit_code,
        language="en",
    )
    if approved:
        services.decide_recruiter(recruiter, True, by=organiser())
    return Recruiter.objects.get(pk=recruiter.pk)


def graduate(with_cv: bool = True, **fields) -> GraduateProfile:
    email = unique("graduate") + "@example.org"
    profile = services.register_graduate(email, PASSWORD, "Wang Fang", "en")
    profile.phone = "13800000000"
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    if with_cv:
        services.store_cv(profile.user, SimpleUploadedFile("cv.pdf", real_pdf()))
    return GraduateProfile.objects.get(pk=profile.pk)


def fair(**fields) -> Fair:
    starts = timezone.now() + timedelta(days=7)
    defaults = {
        "title_en": unique("Test fair "),
        "title_zh": "测试招聘会",
        "city": "chengdu",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=8),
        "booking_closes_at": starts - timedelta(days=1),
    }
    return Fair.objects.create(**{**defaults, **fields})


def vacancy(recruiter_: Recruiter | None = None, **fields) -> Vacancy:
    recruiter_ = recruiter_ or recruiter()
    defaults = {
        "title_en": "Warehouse operator",
        "title_zh": "仓储操作员",
        "industry": "logistics",
        "city": "chengdu",
        "salary_min": 4000,
        "salary_max": 6000,
        "headcount": 2,
        "deadline": timezone.localdate() + timedelta(days=30),
        "skills": ["forklift"],
    }
    return services.save_vacancy(recruiter_.user, Vacancy(**{**defaults, **fields}))


def sent_mail() -> list:
    """mail.outbox after running the on-commit callbacks the test's transaction holds.

    A test's outer transaction never commits, so e-mails queued "after commit" would never
    leave; callbacks of blocks that rolled back are already gone, as in production.
    """
    from django.core import mail
    from django.db import connection

    while connection.run_on_commit:  # a callback may queue another (the task queue does)
        pending, connection.run_on_commit = connection.run_on_commit, []
        for _savepoints, callback, _robust in pending:
            callback()
    return mail.outbox


def application(graduate_: GraduateProfile | None = None, vacancy_: Vacancy | None = None):
    """An application with the graduate's stored CV, as the "Apply" button makes it."""
    graduate_ = graduate_ or graduate()
    return services.apply(graduate_.user, vacancy_ or vacancy(), "I can start in July.")


def interview_slots(recruiter_: Recruiter, fair_: Fair, count: int = 3, minutes: int = 20):
    """`count` back-to-back slots at the enterprise's booth, from an hour after the fair opens."""
    first = fair_.starts_at + timedelta(hours=1)
    return booking.open_slots(recruiter_.user, fair_, first, count, minutes, place="Booth A1")


def booked(graduate_: GraduateProfile, slot, now=None):
    """The graduate books the slot (`now` lets a test book a slot of a fair that is over)."""
    return booking.book_slot(graduate_.user, slot.pk, now=now)


def english_url(name: str, *args) -> str:
    """reverse() in English whatever is active: a request to a Chinese page leaves Chinese
    active for the rest of the thread, so a bare reverse() may give a /zh-hans/ URL."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        return reverse(name, args=args)


def confirmed(user: User) -> User:
    """The account's e-mail address confirmed, as the link e-mailed at sign-up confirms it
    (accounts made through the sign-up forms wait for that; those made here never do)."""
    from twincity.talent import tokens

    return services.confirm_email(tokens.confirmation_key(user))
