"""Who sees what on the enterprise's pages: each refusal is a 403 and changes nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from twincity.talent.models import Application, InterviewSlot

from . import factories

pytestmark = pytest.mark.django_db
Status = Application.Status


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def world():
    """Two enterprises; a graduate applied to the first and booked its interview."""
    ours, theirs = factories.recruiter(), factories.recruiter()
    fair = factories.fair()
    vacancy = factories.vacancy(ours, fair=fair)
    graduate = factories.graduate(full_name="Applied An")
    application = factories.application(graduate, vacancy)
    slot = factories.interview_slots(ours, fair, count=1)[0]
    booking = factories.booked(graduate, slot)
    return {
        "ours": ours,
        "theirs": theirs,
        "fair": fair,
        "vacancy": vacancy,
        "graduate": graduate,
        "application": application,
        "booking": booking,
    }


def employer_urls(world) -> list[str]:
    return [
        url("talent:vacancy-new"),
        url("talent:vacancy-edit", world["vacancy"].pk),
        url("talent:applicants"),
        url("talent:applicant", world["application"].pk),
        url("talent:applicant-cv", world["application"].pk),
        url("talent:candidates", world["vacancy"].pk),
        url("talent:graduate-profile", world["graduate"].pk),
        url("talent:employer-slots", world["fair"].pk),
        url("talent:vacancy-ranking", world["vacancy"].pk),
    ]


def assert_unchanged(application: Application) -> None:
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert application.changes.count() == 1


def test_another_enterprise_sees_none_of_our_applicants(client, world):
    client.force_login(world["theirs"].user)
    application = world["application"]
    table = client.get(url("talent:applicants")).content.decode()
    assert "Applied An" not in table and "0 applications" in table
    for name in ("talent:applicant", "talent:applicant-cv"):
        refused = client.get(url(name, application.pk))
        assert refused.status_code == 403
        assert "another enterprise" in refused.content.decode()
    moved = client.post(
        url("talent:applicants"), {"application": [application.pk], "status": "reviewed"}
    )
    assert moved.status_code == 403
    acted = client.post(url("talent:applicant", application.pk), {"status": "interview"})
    assert acted.status_code == 403
    assert_unchanged(application)


def test_another_enterprise_cannot_touch_our_vacancy_slots_or_ranking(client, world):
    client.force_login(world["theirs"].user)
    vacancy = world["vacancy"]
    for name in ("talent:vacancy-edit", "talent:candidates", "talent:vacancy-ranking"):
        assert client.get(url(name, vacancy.pk)).status_code == 403
    edited = client.post(url("talent:vacancy-edit", vacancy.pk), {"title_en": "Stolen"})
    assert edited.status_code == 403
    ranked = client.post(url("talent:vacancy-ranking", vacancy.pk), {})
    assert ranked.status_code == 403
    vacancy.refresh_from_db()
    assert vacancy.title_en == "Warehouse operator"
    booking = world["booking"]
    marked = client.post(
        url("talent:employer-slots", world["fair"].pk),
        {"action": "attendance", "booking": booking.pk, "attended": "no"},
    )
    assert marked.status_code == 403
    booking.refresh_from_db()
    assert booking.attended is None
    # Their own slot page shows none of ours.
    html = client.get(url("talent:employer-slots", world["fair"].pk)).content.decode()
    assert "Applied An" not in html
    assert not InterviewSlot.objects.filter(organisation=world["theirs"].organisation).exists()


def test_contact_data_stays_hidden_until_the_graduate_applies_or_books(client, world):
    theirs = world["theirs"]
    client.force_login(theirs.user)
    their_vacancy = factories.vacancy(theirs)
    visible = factories.graduate(full_name="Visible Ma", visibility="recruiters")
    for page in (
        client.get(url("talent:candidates", their_vacancy.pk)),
        client.get(url("talent:graduate-profile", visible.pk)),
    ):
        html = page.content.decode()
        assert page.status_code == 200
        assert "Visible Ma" not in html and visible.email not in html
        assert visible.phone not in html
    # "Applied An" is private and engaged with the first enterprise only.
    refused = client.get(url("talent:graduate-profile", world["graduate"].pk))
    assert refused.status_code == 403
    assert "not shared their profile" in refused.content.decode()


def test_booking_an_interview_shares_contact_data_with_that_enterprise(client, world):
    theirs = world["theirs"]
    client.force_login(theirs.user)
    graduate = factories.graduate(full_name="Booking Bo")
    assert client.get(url("talent:graduate-profile", graduate.pk)).status_code == 403
    slot = factories.interview_slots(theirs, world["fair"], count=1)[0]
    factories.booked(graduate, slot)
    html = client.get(url("talent:graduate-profile", graduate.pk)).content.decode()
    assert "Booking Bo" in html and graduate.email in html


def test_a_pending_recruiter_is_refused_everywhere(client, world):
    pending = factories.recruiter(world["ours"].organisation, approved=False)
    client.force_login(pending.user)
    for address in employer_urls(world):
        response = client.get(address)
        assert response.status_code == 403, address
        assert "awaiting approval" in response.content.decode()
    moved = client.post(
        url("talent:applicants"), {"application": [world["application"].pk], "status": "reviewed"}
    )
    assert moved.status_code == 403
    assert_unchanged(world["application"])


def test_a_graduate_cannot_open_employer_pages(client, world):
    client.force_login(world["graduate"].user)
    for address in [url("talent:employer-home"), *employer_urls(world)]:
        response = client.get(address)
        assert response.status_code == 403, address
        assert "recruiter account" in response.content.decode()
    assert_unchanged(world["application"])


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world):
    for address in [url("talent:employer-home"), *employer_urls(world)]:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(url("talent:login"))
