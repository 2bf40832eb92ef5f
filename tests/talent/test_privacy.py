"""A graduate's rights over their data (PIPL): download all of it, delete all of it."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.personal_traces import tables_mentioning
from tests.support import real_pdf
from twincity.core.models import Consent
from twincity.events.models import CheckIn, EventPage, Registration
from twincity.talent import services
from twincity.talent.models import (
    Application,
    GraduateProfile,
    InterviewBooking,
    InterviewSlot,
    Recruiter,
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


# --- Everything held: rankings, event registrations, consents, CVs sent --------------------------


NAME = "Qiu Erasable"


@pytest.fixture
def _private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def graduate_everywhere(client, _private_files):
    """A graduate who applied at a fair (ranked by both sides), registered for two events (one
    by account, one by address only, and checked in at a past one) and answered a question."""
    from tests.events import factories as events

    profile = factories.graduate(full_name=NAME)
    fair = factories.fair()
    recruiter = factories.recruiter()
    application = factories.application(profile, factories.vacancy(recruiter, fair=fair))
    services.rank_my_applications(profile.user, fair, [application.pk])
    services.rank_applicants(recruiter.user, application.vacancy, [application.pk])
    upcoming = events.event(capacity=1)
    question = events.question(upcoming, text_en="Dietary needs?", required=False)
    ticket_type = upcoming.ticket_types.get()
    by_account = events.register(
        ticket_type,
        name=NAME,
        email=profile.user.email,
        user=profile.user,
        answers={str(question.pk): "Zqxv diet, no peanuts"},
        organisation_name="Zqxv Trading Co",
    )
    waiting = events.register(ticket_type)  # the seat is taken: on the waiting list
    past = events.event()
    by_address = events.register(past.ticket_types.get(), name=NAME, email=profile.user.email)
    CheckIn.objects.create(registration=by_address, gate="North gate")
    starts = timezone.now() - timedelta(days=3)
    EventPage.objects.filter(pk=past.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=8)
    )
    client.force_login(profile.user)
    return {
        "profile": profile,
        "application": application,
        "by_account": by_account,
        "by_address": by_address,
        "waiting": waiting,
    }


def downloaded(client) -> tuple[dict, set[str]]:
    response = client.get(reverse("talent:my-data"))
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return json.loads(archive.read("data.json")), set(archive.namelist())


def test_the_download_holds_rankings_registrations_check_ins_and_consents(
    client, graduate_everywhere
):
    data, files = downloaded(client)
    assert data["rankings"] == [
        {
            "fair": graduate_everywhere["application"].vacancy.fair.title_en,
            "vacancy": "Warehouse operator",
            "my_preference": 1,
            "enterprise_preference": 1,
        }
    ]
    registrations = {r["status"]: r for r in data["event_registrations"]}
    assert len(data["event_registrations"]) == 2  # by account and by the same address
    confirmed = [r for r in data["event_registrations"] if r["check_in"] is None][0]
    assert confirmed["answers"] == [
        {"question": "Dietary needs?", "answer": "Zqxv diet, no peanuts"}
    ]
    assert confirmed["organisation"] == "Zqxv Trading Co"
    checked_in = [r for r in data["event_registrations"] if r["check_in"]][0]
    assert checked_in["check_in"]["gate"] == "North gate"
    assert set(registrations) == {"confirmed"}
    assert [(c["notice"], c["version"]) for c in data["consents"]] == [
        ("graduate_account", "2025-1")
    ]
    application_id = graduate_everywhere["application"].pk
    assert data["applications"][0]["cv_sent"] == f"applications/{application_id}-cv.pdf"
    assert {"data.json", "cv.pdf", f"applications/{application_id}-cv.pdf"} == files


def test_deletion_leaves_no_trace_of_the_name_or_address_in_any_table(
    client, graduate_everywhere, django_capture_on_commit_callbacks
):
    profile = graduate_everywhere["profile"]
    email = profile.user.email
    cv = profile.cv
    sent = graduate_everywhere["application"].cv
    assert tables_mentioning(NAME, email)  # the check finds them before
    assert cv.storage.exists(cv.name) and sent.storage.exists(sent.name)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("talent:delete-account"), {"password": factories.PASSWORD, "confirm": "on"}
        )
    assert response.status_code == 302

    assert tables_mentioning(NAME, email, "Zqxv diet", "Zqxv Trading") == []
    assert not cv.storage.exists(cv.name)
    assert not sent.storage.exists(sent.name)
    # The upcoming registration is cancelled and its seat offered to the next in line; the
    # past one stays as an anonymous check-in.
    by_account = Registration.objects.get(pk=graduate_everywhere["by_account"].pk)
    assert by_account.status == Registration.Status.CANCELLED
    waiting = Registration.objects.get(pk=graduate_everywhere["waiting"].pk)
    assert waiting.status == Registration.Status.OFFERED
    assert CheckIn.objects.filter(registration=graduate_everywhere["by_address"].pk).exists()
    assert Consent.objects.filter(email__iexact=email).count() == 0


# --- Recruiters ------------------------------------------------------------------------------------


@pytest.fixture
def named_recruiter(client):
    recruiter = factories.recruiter()
    Recruiter.objects.filter(pk=recruiter.pk).update(full_name="Ren Erasable", phone="13912345678")
    client.force_login(recruiter.user)
    return Recruiter.objects.get(pk=recruiter.pk)


def test_a_recruiter_downloads_their_data(client, named_recruiter):
    vacancy = factories.vacancy(named_recruiter, title_en="Packer")
    response = client.get(reverse("talent:recruiter-data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["account"]["email"] == named_recruiter.user.email
    assert data["recruiter"]["full_name"] == "Ren Erasable"
    assert data["recruiter"]["phone"] == "13912345678"
    assert [v["title_en"] for v in data["vacancies_posted"]] == [vacancy.title_en]
    assert [c["notice"] for c in data["consents"]] == ["recruiter_account"]


def test_a_recruiter_awaiting_approval_may_download_their_data_too(client):
    pending = factories.recruiter(approved=False)
    client.force_login(pending.user)
    assert client.get(reverse("talent:recruiter-data")).status_code == 200
    assert client.get(reverse("talent:recruiter-delete-account")).status_code == 200


def test_a_graduate_has_no_recruiter_data_page(client):
    client.force_login(factories.graduate(with_cv=False).user)
    response = client.get(reverse("talent:recruiter-data"))
    assert response.status_code == 403
    assert "Sign in with a recruiter account" in response.content.decode()


def test_a_recruiter_deletion_needs_the_password(client, named_recruiter):
    response = client.post(
        reverse("talent:recruiter-delete-account"), {"password": "wrong", "confirm": "on"}
    )
    assert response.status_code == 400
    assert "This is not your password." in response.content.decode()
    assert Recruiter.objects.filter(pk=named_recruiter.pk).exists()


def test_deleting_a_recruiter_keeps_the_enterprise_and_its_vacancies(client, named_recruiter):
    vacancy = factories.vacancy(named_recruiter)
    application = factories.application(factories.graduate(), vacancy)
    client.post(reverse("talent:applicant", args=[application.pk]), {"status": "reviewed"})
    email = named_recruiter.user.email

    response = client.post(
        reverse("talent:recruiter-delete-account"),
        {"password": factories.PASSWORD, "confirm": "on"},
    )

    assert response.status_code == 302
    assert not User.objects.filter(pk=named_recruiter.user_id).exists()
    assert not Recruiter.objects.filter(pk=named_recruiter.pk).exists()
    vacancy.refresh_from_db()
    assert vacancy.organisation_id == named_recruiter.organisation_id
    assert vacancy.posted_by is None
    application.refresh_from_db()
    assert application.status == Application.Status.REVIEWED
    assert tables_mentioning("Ren Erasable", email, "13912345678") == []


# --- The CV an enterprise reads: the one sent, while the application is open ---------------------


@pytest.fixture
def applied(client, _private_files):
    """A graduate applied with their CV; the enterprise's recruiter is signed in."""
    recruiter = factories.recruiter()
    profile = factories.graduate()
    application = factories.application(profile, factories.vacancy(recruiter))
    client.force_login(recruiter.user)
    return application


def served_cv(client, application) -> bytes:
    response = client.get(reverse("talent:applicant-cv", args=[application.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_enterprise_reads_the_cv_as_it_was_sent(client, applied):
    graduate = applied.graduate
    services.store_cv(graduate.user, SimpleUploadedFile("new.pdf", real_pdf("A newer CV")))
    graduate.refresh_from_db()
    assert served_cv(client, applied) == real_pdf()
    with graduate.cv.open("rb") as current:
        assert current.read() == real_pdf("A newer CV")
    assert applied.cv.name != graduate.cv.name


@pytest.mark.parametrize(("who", "status"), [("graduate", "withdrawn"), ("recruiter", "declined")])
def test_cv_access_ends_when_the_application_is_withdrawn_or_declined(
    client, applied, who, status, django_capture_on_commit_callbacks
):
    sent = applied.cv
    assert served_cv(client, applied) == real_pdf()
    mover = applied.graduate.user if who == "graduate" else applied.vacancy.posted_by
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(applied, status, mover)

    response = client.get(reverse("talent:applicant-cv", args=[applied.pk]))
    assert response.status_code == 403
    assert "its CV can no longer be read" in response.content.decode()
    assert not sent.storage.exists(sent.name)
    page = client.get(reverse("talent:applicant", args=[applied.pk])).content.decode()
    assert reverse("talent:applicant-cv", args=[applied.pk]) not in page
