"""Booth rules (booths.py): who may apply, once per organisation; decisions e-mailed; booths
given only to approved exhibitors, only free ones, never twice; the public exhibitor list."""

import inspect
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.events import factories
from tests.talent import factories as talent
from tests.talent.factories import sent_mail
from twincity.events import booths
from twincity.events.errors import BoothError, NotAllowed
from twincity.events.models import BoothApplication

pytestmark = pytest.mark.django_db

Status = BoothApplication.Status


@pytest.fixture
def expo():
    page = factories.event()
    factories.booth_spaces(page, count=2)
    return page


@pytest.fixture
def staff(expo):
    return factories.organiser_staff(expo)


def booth(expo, number: str):
    return expo.booth_spaces.get(number=number)


# --- Applying ----------------------------------------------------------------------------------


def test_an_approved_recruiter_applies_for_their_enterprise(expo):
    recruiter = talent.recruiter()

    application = factories.booth_application(expo, recruiter, sector="Logistics")

    assert application.organisation == recruiter.organisation
    assert (application.status, application.applicant) == (Status.PENDING, recruiter.user)
    assert application.sector == "Logistics" and application.booth is None


def test_event_staff_of_an_enterprise_may_apply_for_it(expo):
    enterprise = talent.enterprise()
    user = factories.organiser_staff(factories.event(), organisation=enterprise)

    application = booths.apply_for_booth(
        user, expo, size_sqm=18, sector="Food", products="Hotpot", organisation=enterprise
    )

    assert application.organisation == enterprise


@pytest.mark.parametrize("who", ["pending recruiter", "graduate", "school staff"])
def test_others_may_not_apply(expo, who):
    if who == "pending recruiter":
        user = talent.recruiter(approved=False).user
    elif who == "graduate":
        user = talent.graduate(with_cv=False).user
    else:
        user = factories.organiser_staff(factories.event(), organisation=talent.school())

    with pytest.raises(NotAllowed, match="Booths are for enterprises"):
        booths.apply_for_booth(user, expo, size_sqm=9, sector="x", products="y")
    assert not BoothApplication.objects.exists()


def test_a_second_application_of_the_same_organisation_is_refused(expo):
    recruiter = talent.recruiter()
    colleague = talent.recruiter(organisation=recruiter.organisation)
    factories.booth_application(expo, recruiter)

    with pytest.raises(BoothError, match="has applied for a booth at this event already"):
        factories.booth_application(expo, colleague, sector="Something else")

    assert BoothApplication.objects.get().sector == "Food and catering"


def test_the_database_refuses_a_second_application_that_slips_past_the_check(expo):
    application = factories.booth_application(expo)

    with pytest.raises(IntegrityError), transaction.atomic():
        BoothApplication.objects.create(
            event=expo, organisation=application.organisation, sector="x", products="y"
        )


def test_an_event_without_a_hall_plan_or_over_takes_no_applications(expo):
    bare = factories.event()
    with pytest.raises(BoothError, match="takes no booth applications"):
        factories.booth_application(bare)

    past = factories.event(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    factories.booth_spaces(past)
    with pytest.raises(BoothError, match="takes no booth applications"):
        factories.booth_application(past)


def test_an_application_through_the_chinese_page_belongs_to_the_event(expo):
    chinese = factories.chinese_event(expo)

    application = factories.booth_application(chinese)

    assert application.event_id == expo.pk


# --- Deciding ------------------------------------------------------------------------------------


def test_each_decision_is_e_mailed_to_the_applicant_in_their_language(expo, staff):
    application = factories.booth_application(expo)
    sent_mail().clear()

    booths.decide(application.pk, Status.WAITLISTED, staff)
    booths.decide(application.pk, Status.APPROVED, staff)
    booths.assign_booth(application.pk, booth(expo, "A02").pk, staff)
    booths.decide(application.pk, Status.REJECTED, staff)

    mails = sent_mail()
    assert [mail.to for mail in mails] == [[application.applicant.email]] * 4
    assert [mail.subject for mail in mails] == [
        f"Your booth application for {expo.title}: On the waiting list",
        f"Your booth application for {expo.title}: Approved",
        f"Your booth application for {expo.title}: Approved",
        f"Your booth application for {expo.title}: Rejected",
    ]
    assert "Your booth is Hall 1 A02." in mails[2].body
    assert "/en/events/" in mails[2].body


def test_the_same_decision_twice_changes_nothing_and_mails_once(expo, staff):
    application = factories.booth_application(expo)
    booths.decide(application.pk, Status.APPROVED, staff)
    sent_mail().clear()

    booths.decide(application.pk, Status.APPROVED, staff)

    assert sent_mail() == []


def test_rejecting_or_waitlisting_frees_the_booth(expo, staff):
    application = factories.booth_application(expo)
    booths.decide(application.pk, Status.APPROVED, staff)
    booths.assign_booth(application.pk, booth(expo, "A01").pk, staff)

    booths.decide(application.pk, Status.WAITLISTED, staff)

    application.refresh_from_db()
    assert application.booth is None
    assert list(booths.free_booths(expo).values_list("number", flat=True)) == ["A01", "A02"]


def test_an_unknown_decision_is_refused(expo, staff):
    application = factories.booth_application(expo)

    with pytest.raises(BoothError):
        booths.decide(application.pk, "maybe", staff)


def test_only_the_events_managers_decide(expo):
    application = factories.booth_application(expo)
    outsider = factories.organiser_staff(factories.event())

    with pytest.raises(NotAllowed):
        booths.decide(application.pk, Status.APPROVED, outsider)
    with pytest.raises(NotAllowed):
        booths.assign_booth(application.pk, booth(expo, "A01").pk, application.applicant)
    application.refresh_from_db()
    assert application.status == Status.PENDING


# --- Assigning -------------------------------------------------------------------------------------


def test_a_booth_goes_only_to_an_approved_application(expo, staff):
    application = factories.booth_application(expo)

    with pytest.raises(BoothError, match="Approve the application"):
        booths.assign_booth(application.pk, booth(expo, "A01").pk, staff)


def test_a_booth_is_never_given_twice(expo, staff):
    first, second = factories.booth_application(expo), factories.booth_application(expo)
    for application in (first, second):
        booths.decide(application.pk, Status.APPROVED, staff)
    booths.assign_booth(first.pk, booth(expo, "A01").pk, staff)

    with pytest.raises(BoothError, match="Booth Hall 1 A01 has just been given"):
        booths.assign_booth(second.pk, booth(expo, "A01").pk, staff)

    assert booth(expo, "A01").application == first


def stale_booth_check(monkeypatch) -> list[int]:
    """Makes assign_booth's check find every booth free, as it may without the hall lock;
    returns the booths it was asked about, so that a test can tell the check it replaced is
    the one assign_booth calls: it is replaced in the module assign_booth is defined in (and
    looks it up in), wherever that module is."""
    asked = []

    def stale(booth) -> bool:
        asked.append(booth.pk)
        return False

    monkeypatch.setattr(inspect.getmodule(booths.assign_booth), "booth_is_taken", stale)
    return asked


def test_when_the_check_missed_a_booth_just_given_the_database_refuses_it(expo, staff, monkeypatch):
    """Without the hall lock two organisers may both find a booth free; the second save then
    fails on the one-to-one constraint, and becomes the same clear refusal."""
    first, second = factories.booth_application(expo), factories.booth_application(expo)
    for application in (first, second):
        booths.decide(application.pk, Status.APPROVED, staff)
    booths.assign_booth(first.pk, booth(expo, "A01").pk, staff)
    asked = stale_booth_check(monkeypatch)

    with pytest.raises(BoothError, match="Booth Hall 1 A01 has just been given"):
        booths.assign_booth(second.pk, booth(expo, "A01").pk, staff)

    assert asked == [booth(expo, "A01").pk], "the stale check was not the one assign_booth asks"
    assert booth(expo, "A01").application == first
    second.refresh_from_db()
    assert (second.booth, second.decided_at is not None) == (None, True)


def test_a_booth_of_another_event_is_refused(expo, staff):
    other = factories.event()
    (elsewhere,) = factories.booth_spaces(other, count=1)
    application = factories.booth_application(expo)
    booths.decide(application.pk, Status.APPROVED, staff)

    with pytest.raises(BoothError, match="not on the event's hall plan"):
        booths.assign_booth(application.pk, elsewhere.pk, staff)


def test_moving_an_exhibitor_frees_its_first_booth(expo, staff):
    mover, newcomer = factories.booth_application(expo), factories.booth_application(expo)
    for application in (mover, newcomer):
        booths.decide(application.pk, Status.APPROVED, staff)
    booths.assign_booth(mover.pk, booth(expo, "A01").pk, staff)

    booths.assign_booth(mover.pk, booth(expo, "A02").pk, staff)
    booths.assign_booth(newcomer.pk, booth(expo, "A01").pk, staff)

    assert booth(expo, "A02").application == mover
    assert booth(expo, "A01").application == newcomer


def test_approving_with_the_next_free_booth_waitlists_once_the_hall_is_full(expo, staff):
    applications = [factories.booth_application(expo) for _ in range(3)]

    results = [booths.approve_and_assign_next_free(a.pk, staff) for a in applications]

    assert [(r.status, str(r.booth or "")) for r in results] == [
        (Status.APPROVED, "Hall 1 A01"),
        (Status.APPROVED, "Hall 1 A02"),
        (Status.WAITLISTED, ""),
    ]


# --- The public exhibitor list ------------------------------------------------------------------


def test_approved_exhibitors_are_listed_with_booth_numbers_in_the_pages_language(
    client, expo, staff
):
    enterprise = talent.enterprise(name_en="Chongqing Hotpot Co.", name_zh="重庆火锅公司")
    shown = factories.booth_application(expo, talent.recruiter(enterprise))
    hidden = factories.booth_application(expo)
    booths.approve_and_assign_next_free(shown.pk, staff)
    booths.decide(hidden.pk, Status.REJECTED, staff)
    chinese = factories.chinese_event(expo)

    english_page = client.get(expo.url).text
    chinese_page = client.get(chinese.url).text

    assert "Chongqing Hotpot Co." in english_page and "Hall 1 A01" in english_page
    assert hidden.organisation.name_en not in english_page
    assert "重庆火锅公司" in chinese_page and "Hall 1 A01" in chinese_page
    assert f"/en/events/{expo.pk}/booths/apply/" in english_page  # the event is ahead


def test_a_decision_shows_at_once_on_a_page_already_kept(client, expo, staff):
    # The exhibitor list is part of the event page's shared content (core.fragments): a
    # decision or a booth given must start a new content generation, or the kept list stays.
    application = factories.booth_application(expo, talent.recruiter())
    name = application.organisation.name_en
    assert name not in client.get(expo.url).text  # kept, still without the exhibitor

    booths.decide(application.pk, Status.APPROVED, staff)
    assert name in client.get(expo.url).text

    booths.assign_booth(application.pk, booth(expo, "A02").pk, staff)
    assert "A02" in client.get(expo.url).text
