"""The rules of the job fair, through the services: each refusal changes nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.support import real_pdf
from twincity.talent import services
from twincity.talent.errors import (
    ApplicationError,
    AssignmentError,
    BookingError,
    NotAllowed,
    TalentError,
)
from twincity.talent.models import Application, InterviewBooking, Recruiter
from twincity.talent.services import assignment, booking

from . import factories

pytestmark = pytest.mark.django_db
Status = Application.Status


def test_a_recruiter_waits_for_approval_before_posting():
    pending = factories.recruiter(approved=False)
    with pytest.raises(NotAllowed, match="awaiting approval"):
        factories.vacancy(pending)
    services.decide_recruiter(pending, True, by=factories.organiser())
    pending.refresh_from_db()
    assert pending.status == Recruiter.Status.APPROVED
    assert factories.vacancy(pending).organisation == pending.organisation
    assert any("approved" in message.subject for message in factories.sent_mail())


def test_only_organisers_approve_recruiters():
    pending = factories.recruiter(approved=False)
    with pytest.raises(NotAllowed):
        services.decide_recruiter(pending, True, by=factories.graduate().user)
    pending.refresh_from_db()
    assert pending.status == Recruiter.Status.PENDING


def test_a_recruiter_names_a_new_enterprise_by_a_valid_credit_code():
    with pytest.raises(TalentError):
        services.request_recruiter_account(
            email="x@example.org", password=factories.PASSWORD, full_name="X", credit_code="123"
        )
    with pytest.raises(TalentError, match="English and in Chinese"):
        services.request_recruiter_account(
            email="x@example.org",
            password=factories.PASSWORD,
            full_name="X",
            credit_code=factories.credit_code(),
        )
    recruiter = services.request_recruiter_account(
        email="x@example.org",
        password=factories.PASSWORD,
        full_name="X",
        credit_code=factories.credit_code(),
        organisation_name_en="New Logistics",
        organisation_name_zh="新物流",
    )
    assert recruiter.organisation.kind == "enterprise"
    with pytest.raises(TalentError, match="exists already"):
        services.register_graduate("X@example.org", factories.PASSWORD, "X", "en")


def test_a_vacancy_with_a_reversed_salary_range_is_refused():
    recruiter = factories.recruiter()
    with pytest.raises(TalentError):
        factories.vacancy(recruiter, salary_min=9000, salary_max=5000)
    assert not recruiter.organisation.vacancies.exists()


def test_applying_needs_a_cv_an_open_vacancy_and_happens_once():
    vacancy = factories.vacancy()
    with pytest.raises(ApplicationError, match="CV"):
        services.apply(factories.graduate(with_cv=False).user, vacancy)
    graduate = factories.graduate()
    application = services.apply(graduate.user, vacancy, "Hello")
    assert application.status == Status.APPLIED
    with pytest.raises(ApplicationError, match="already"):
        services.apply(graduate.user, vacancy)
    vacancy.deadline = timezone.localdate() - timedelta(days=1)
    vacancy.save()
    with pytest.raises(ApplicationError, match="no longer"):
        services.apply(factories.graduate().user, vacancy)
    assert vacancy.applications.count() == 1


def test_a_cv_must_be_a_small_pdf():
    graduate = factories.graduate(with_cv=False)
    with pytest.raises(TalentError, match="PDF"):
        services.store_cv(graduate.user, SimpleUploadedFile("cv.pdf", b"<html>not a pdf"))
    too_big = real_pdf() + b"0" * services.MAX_CV_BYTES
    with pytest.raises(TalentError, match="5 MB"):
        services.store_cv(graduate.user, SimpleUploadedFile("cv.pdf", too_big))
    graduate.refresh_from_db()
    assert not graduate.cv


def test_the_pipeline_moves_forward_and_mails_the_graduate_each_time():
    recruiter = factories.recruiter()
    application = services.apply(factories.graduate().user, factories.vacancy(recruiter))
    factories.sent_mail().clear()
    for status in (Status.REVIEWED, Status.INTERVIEW, Status.OFFER):
        services.change_status(application, status, recruiter.user)
    services.change_status(application, Status.HIRED, application.graduate.user)
    application.refresh_from_db()
    assert application.status == Status.HIRED
    assert [c.status for c in application.changes.all()] == [
        "applied",
        "reviewed",
        "interview",
        "offer",
        "hired",
    ]
    outbox = factories.sent_mail()
    assert len(outbox) == 4
    assert "Hired" in outbox[-1].subject


def test_a_graduate_can_withdraw_but_not_promote_themselves():
    application = services.apply(factories.graduate().user, factories.vacancy())
    with pytest.raises(ApplicationError):
        services.change_status(application, Status.OFFER, application.graduate.user)
    services.change_status(application, Status.WITHDRAWN, application.graduate.user)
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN


def test_bulk_moves_are_all_or_nothing_and_only_for_the_own_enterprise():
    recruiter = factories.recruiter()
    vacancy = factories.vacancy(recruiter)
    first = services.apply(factories.graduate().user, vacancy)
    second = services.apply(factories.graduate().user, vacancy)
    services.change_status(second, Status.DECLINED, recruiter.user)
    with pytest.raises(ApplicationError, match="cannot become"):
        services.bulk_change_status([first.pk, second.pk], Status.INTERVIEW, recruiter.user)
    first.refresh_from_db()
    assert first.status == Status.APPLIED
    with pytest.raises(NotAllowed):
        services.bulk_change_status([first.pk], Status.REVIEWED, factories.recruiter().user)
    first.refresh_from_db()
    assert first.status == Status.APPLIED


def slots_at(fair, recruiter, start_hour: int, count: int = 3, minutes: int = 10):
    start = fair.starts_at.replace(minute=0) + timedelta(hours=start_hour)
    return booking.open_slots(recruiter.user, fair, start, count, minutes)


def test_a_slot_is_booked_once_and_a_graduate_keeps_a_gap_between_interviews():
    fair = factories.fair(min_gap_minutes=10)
    first_enterprise, second_enterprise = factories.recruiter(), factories.recruiter()
    slots_a = slots_at(fair, first_enterprise, 1)
    slots_b = slots_at(fair, second_enterprise, 1)
    graduate, other = factories.graduate(), factories.graduate()
    booking.book_slot(graduate.user, slots_a[0].pk)
    with pytest.raises(BookingError, match="just booked"):
        booking.book_slot(other.user, slots_a[0].pk)
    with pytest.raises(BookingError, match="at least 10 minutes"):
        booking.book_slot(graduate.user, slots_b[1].pk)  # starts as the first one ends
    booking.book_slot(graduate.user, slots_b[2].pk)  # ten minutes later: allowed
    assert InterviewBooking.objects.filter(graduate=graduate).count() == 2


def test_slots_are_booked_only_before_booking_closes_and_within_the_fair():
    fair = factories.fair()
    recruiter = factories.recruiter()
    with pytest.raises(BookingError, match="opening hours"):
        booking.open_slots(recruiter.user, fair, fair.ends_at - timedelta(minutes=5), 2, 10)
    slot = slots_at(fair, recruiter, 1, count=1)[0]
    with pytest.raises(BookingError, match="overlap"):
        slots_at(fair, recruiter, 1, count=1)
    late = fair.booking_closes_at + timedelta(minutes=1)
    with pytest.raises(BookingError, match="closed"):
        booking.book_slot(factories.graduate().user, slot.pk, now=late)
    assert not InterviewBooking.objects.exists()


def test_booking_e_mails_the_graduate_and_shows_contact_data_to_the_enterprise():
    from twincity.talent import access

    fair = factories.fair()
    recruiter = factories.recruiter()
    slot = slots_at(fair, recruiter, 2, count=1)[0]
    graduate = factories.graduate(visibility="recruiters")
    assert access.check_recruiter_may_view(recruiter, graduate) is False
    mail.outbox.clear()
    booking.book_slot(graduate.user, slot.pk)
    assert access.check_recruiter_may_view(recruiter, graduate) is True
    assert "Interview booked" in factories.sent_mail()[-1].subject


def test_the_stable_assignment_is_run_and_published_as_offers():
    from tests.talent.matching.checkers import blocking_pairs

    fair = factories.fair()
    organiser = factories.organiser()
    recruiter = factories.recruiter()
    popular = factories.vacancy(recruiter, fair=fair, headcount=1)
    plain = factories.vacancy(recruiter, fair=fair, headcount=1, title_en="Clerk")
    graduates = [factories.graduate() for _ in range(3)]
    for rank, graduate in enumerate(graduates, start=1):
        for preference, vacancy in enumerate((popular, plain), start=1):
            application = services.apply(graduate.user, vacancy)
            Application.objects.filter(pk=application.pk).update(
                graduate_rank=preference, enterprise_rank=rank
            )
    run = assignment.run_assignment(fair, organiser)
    rankings = assignment.fair_rankings(fair, assignment.fair_applications(fair))
    placed = {
        a.graduate_id: a.vacancy_id
        for a in Application.objects.filter(pk__in=run.matched_applications)
    }
    assert placed == {graduates[0].pk: popular.pk, graduates[1].pk: plain.pk}
    assert not blocking_pairs(rankings, placed)
    with pytest.raises(NotAllowed):
        assignment.publish_assignment(run, recruiter.user)
    assert assignment.publish_assignment(run, organiser) == 2
    offers = Application.objects.filter(vacancy__fair=fair, status=Status.OFFER)
    assert set(offers.values_list("graduate_id", flat=True)) == {graduates[0].pk, graduates[1].pk}
    with pytest.raises(AssignmentError, match="already"):
        assignment.publish_assignment(run, organiser)
