"""A graduate's rights over their data (PIPL): download all of it, delete all of it."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from twincity.talent import services
from twincity.talent.models import (
    Application,
    GraduateProfile,
    InterviewBooking,
    InterviewSlot,
    SavedSearch,
)

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_graduate(client):
    """A graduate with a CV, two applications, a past and a future interview, a saved search."""
    profile = factories.graduate(major="Logistics management", skills=["forklift"])
    recruiter = factories.recruiter()
    factories.application(profile, factories.vacancy(recruiter, title_en="Warehouse clerk"))
    factories.application(profile, factories.vacancy(title_en="Forklift driver"))
    past_start = timezone.now() - timedelta(days=10)
    past_fair = factories.fair(
        starts_at=past_start,
        ends_at=past_start + timedelta(hours=8),
        booking_closes_at=past_start - timedelta(days=1),
    )
    past_slot = factories.interview_slots(recruiter, past_fair, count=1)[0]
    factories.booked(profile, past_slot, now=past_start - timedelta(days=2))
    future_slot = factories.interview_slots(recruiter, factories.fair(), count=1)[0]
    factories.booked(profile, future_slot)
    services.save_search(profile.user, "Forklift jobs", "q=forklift")
    client.force_login(profile.user)
    return profile


def test_the_archive_holds_profile_applications_interviews_and_the_cv(client, busy_graduate):
    response = client.get(reverse("talent:my-data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="twincity-my-data.zip"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        data = json.loads(archive.read("data.json"))
        cv = archive.read("cv.pdf")
    assert data["account"]["email"] == busy_graduate.user.email
    assert data["profile"]["full_name"] == "Wang Fang"
    assert data["profile"]["major"] == "Logistics management"
    assert {a["vacancy"] for a in data["applications"]} == {"Warehouse clerk", "Forklift driver"}
    assert all(a["history"][0]["status"] == "applied" for a in data["applications"])
    assert len(data["interviews"]) == 2
    assert data["interviews"][0]["place"] == "Booth A1"
    assert [s["name"] for s in data["saved_searches"]] == ["Forklift jobs"]
    with busy_graduate.cv.open("rb") as stored:
        assert cv == stored.read()
    assert PdfReader(io.BytesIO(cv)).pages  # the CV itself, a PDF that opens


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"password": "wrong password", "confirm": "on"}, "This is not your password."),
        ({"password": factories.PASSWORD}, "This field is required."),
    ],
)
def test_deletion_needs_the_password_and_a_confirmation(client, busy_graduate, data, message):
    response = client.post(reverse("talent:delete-account"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.filter(pk=busy_graduate.user.pk).exists()
    assert GraduateProfile.objects.filter(pk=busy_graduate.pk).exists()


def test_deletion_removes_the_person_and_keeps_anonymous_counts(
    client, busy_graduate, django_capture_on_commit_callbacks
):
    user, cv = busy_graduate.user, busy_graduate.cv
    storage, cv_name = cv.storage, cv.name
    applications = list(Application.objects.filter(graduate=busy_graduate))
    bookings = {b.slot.starts_at < timezone.now(): b for b in busy_graduate.bookings.all()}
    past, future = bookings[True], bookings[False]
    counts = (Application.objects.count(), InterviewSlot.objects.count())
    assert storage.exists(cv_name)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("talent:delete-account"),
            {"password": factories.PASSWORD, "confirm": "on"},
            follow=True,
        )
    assert "Your account and all your data are deleted. Goodbye." in [
        str(message) for message in response.context["messages"]
    ]

    assert not User.objects.filter(pk=user.pk).exists()
    assert not GraduateProfile.objects.filter(pk=busy_graduate.pk).exists()
    assert not storage.exists(cv_name)
    assert not SavedSearch.objects.filter(user_id=user.pk).exists()
    # The fair's figures stay: same applications and slots, nobody behind them.
    assert (Application.objects.count(), InterviewSlot.objects.count()) == counts
    for application in applications:
        application.refresh_from_db()
        assert application.graduate is None
        assert application.cover_note == ""
    past.refresh_from_db()
    assert past.graduate is None
    assert not InterviewBooking.objects.filter(pk=future.pk).exists()
    assert InterviewSlot.objects.filter(pk=future.slot_id, booking__isnull=True).exists()
    # Signed out: the graduate's pages ask to sign in again.
    assert client.get(reverse("talent:my-applications")).status_code == 302
