"""The enterprise's pages, through the test client: vacancies, applicants, candidates, slots."""

import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from tests.support import real_pdf
from twincity.talent import services
from twincity.talent.models import (
    Application,
    AssignmentRun,
    Booth,
    GraduateProfile,
    InterviewSlot,
    Vacancy,
)
from twincity.talent.services.privacy import delete_graduate

from . import factories

pytestmark = pytest.mark.django_db
Status = Application.Status


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def url(name: str, *args, query: str = "") -> str:
    with translation.override("en"):
        return reverse(name, args=args) + (f"?{query}" if query else "")


@pytest.fixture
def recruiter():
    return factories.recruiter()


@pytest.fixture
def signed_in(client, recruiter):
    client.force_login(recruiter.user)
    return client


def vacancy_data(**changes) -> dict:
    data = {
        "title_en": "Forklift driver",
        "title_zh": "叉车司机",
        "description_en": "Drive forklifts in our Shuangliu warehouse.",
        "industry": "logistics",
        "city": "chengdu",
        "district": "Shuangliu",
        "salary_min": "5000",
        "salary_max": "7000",
        "headcount": "3",
        "education": "1",
        "majors": "Logistics management",
        "skills": "forklift、Excel, safety",
        "certificates": "Forklift licence",
        "deadline": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "status": "open",
    }
    return {**data, **changes}


# --- Home ----------------------------------------------------------------------------------------


def test_a_pending_recruiter_is_told_to_wait_and_can_do_nothing_else(client):
    pending = factories.recruiter(approved=False)
    client.force_login(pending.user)
    home = client.get(url("talent:employer-home"))
    assert home.status_code == 200
    assert "Awaiting approval" in home.content.decode()
    refused = client.get(url("talent:vacancy-new"))
    assert refused.status_code == 403
    assert "awaiting approval" in refused.content.decode()


def test_the_home_page_lists_vacancies_with_their_applications_and_the_booths(signed_in, recruiter):
    fair = factories.fair(title_en="Spring fair of both cities")
    vacancy = factories.vacancy(recruiter, fair=fair, headcount=4)
    factories.application(vacancy_=vacancy)
    Booth.objects.filter(fair=fair).update(number="B-12")
    html = signed_in.get(url("talent:employer-home")).content.decode()
    assert "Warehouse operator" in html
    assert f'<a href="/en/employer/applicants/?vacancy={vacancy.pk}">1</a>' in html
    assert "1 new" in html
    assert "Spring fair of both cities" in html and "B-12" in html
    assert url("talent:employer-slots", fair.pk) in html


# --- Vacancies -----------------------------------------------------------------------------------


def test_a_vacancy_is_posted_with_its_lists_split(signed_in, recruiter):
    fair = factories.fair()
    response = signed_in.post(url("talent:vacancy-new"), vacancy_data(fair=str(fair.pk)))
    assert response.status_code == 302
    vacancy = recruiter.organisation.vacancies.get()
    assert vacancy.skills == ["forklift", "Excel", "safety"]
    assert vacancy.majors == ["Logistics management"]
    assert vacancy.posted_by == recruiter.user
    assert Booth.objects.filter(fair=fair, organisation=recruiter.organisation).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"salary_min": "9000", "salary_max": "5000"}, "must not be lower than the salary"),
        ({"deadline": "2020-01-01"}, "cannot be in the past"),
        ({"headcount": "0"}, "at least one opening"),
        ({"title_en": "", "title_zh": ""}, "in English, in Chinese or in both"),
    ],
)
def test_a_vacancy_with_a_mistake_is_refused_and_nothing_typed_is_lost(
    signed_in, recruiter, changes, message
):
    response = signed_in.post(url("talent:vacancy-new"), vacancy_data(**changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and "Constraint" not in html
    assert 'value="forklift、Excel, safety"' in html
    assert "Drive forklifts in our Shuangliu warehouse." in html
    assert not recruiter.organisation.vacancies.exists()


def test_a_vacancy_with_only_a_chinese_title_is_fine(signed_in, recruiter):
    signed_in.post(url("talent:vacancy-new"), vacancy_data(title_en=""))
    assert recruiter.organisation.vacancies.get().title_zh == "叉车司机"


def test_a_vacancy_is_edited_and_closed_even_after_its_deadline(signed_in, recruiter):
    vacancy = factories.vacancy(recruiter)
    Vacancy.objects.filter(pk=vacancy.pk).update(deadline=timezone.localdate() - timedelta(days=3))
    form = signed_in.get(url("talent:vacancy-edit", vacancy.pk)).content.decode()
    assert 'value="forklift"' in form
    past = (timezone.localdate() - timedelta(days=3)).isoformat()
    response = signed_in.post(
        url("talent:vacancy-edit", vacancy.pk), vacancy_data(deadline=past, status="closed")
    )
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.title_en) == ("closed", "Forklift driver")


# --- Applicants ----------------------------------------------------------------------------------


@pytest.fixture
def two_applicants(recruiter):
    """Zhang (a good match, from one school) and Wang (a poor one, from another)."""
    vacancy = factories.vacancy(recruiter, skills=["forklift", "excel"], majors=["logistics"])
    good = factories.graduate(
        full_name="Zhang Wei",
        school=factories.school(),
        major="Logistics",
        skills=["forklift", "Excel"],
    )
    poor = factories.graduate(full_name="Wang Fang", school=factories.school(), major="Art")
    first = factories.application(poor, vacancy)
    second = factories.application(good, vacancy)
    return vacancy, first, second


def names_in_order(html: str) -> list[str]:
    return sorted(("Zhang Wei", "Wang Fang"), key=html.index)


def test_the_applicant_table_sorts_by_date_and_by_match(signed_in, two_applicants):
    html = signed_in.get(url("talent:applicants")).content.decode()
    assert names_in_order(html) == ["Zhang Wei", "Wang Fang"]  # newest first
    html = signed_in.get(url("talent:applicants", query="sort=oldest")).content.decode()
    assert names_in_order(html) == ["Wang Fang", "Zhang Wei"]
    html = signed_in.get(url("talent:applicants", query="sort=score")).content.decode()
    assert names_in_order(html) == ["Zhang Wei", "Wang Fang"]
    assert "100 %" in html


def test_the_applicant_table_filters(signed_in, two_applicants):
    vacancy, first, second = two_applicants
    other = factories.vacancy(vacancy.organisation.recruiters.get(), title_en="Driver")
    factories.application(factories.graduate(full_name="Liu Yang"), other)
    by_text = signed_in.get(url("talent:applicants", query="q=logist")).content.decode()
    assert "Zhang Wei" in by_text and "Wang Fang" not in by_text
    school = second.graduate.school_id
    by_school = signed_in.get(url("talent:applicants", query=f"school={school}")).content.decode()
    assert "Zhang Wei" in by_school and "Wang Fang" not in by_school
    by_vacancy = signed_in.get(
        url("talent:applicants", query=f"vacancy={other.pk}")
    ).content.decode()
    assert "Liu Yang" in by_vacancy and "Zhang Wei" not in by_vacancy
    by_status = signed_in.get(url("talent:applicants", query="status=offer")).content.decode()
    assert "No application matches these filters." in by_status


def test_a_bulk_move_changes_all_keeps_the_filters_and_mails_each_graduate(
    signed_in, two_applicants
):
    vacancy, first, second = two_applicants
    factories.sent_mail().clear()
    query = f"vacancy={vacancy.pk}&sort=score"
    response = signed_in.post(
        url("talent:applicants", query=query),
        {"application": [first.pk, second.pk], "status": "interview"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("talent:applicants", query=query)
    assert set(vacancy.applications.values_list("status", flat=True)) == {"interview"}
    mails = factories.sent_mail()
    assert len(mails) == 2
    assert all("Interview" in mail.subject for mail in mails)


def test_a_bulk_move_is_all_or_nothing_and_says_which_cannot_move(signed_in, two_applicants):
    vacancy, first, second = two_applicants
    services.change_status(second, Status.DECLINED, vacancy.organisation.recruiters.get().user)
    factories.sent_mail().clear()
    response = signed_in.post(
        url("talent:applicants", query="q=a"),
        {"application": [first.pk, second.pk], "status": "interview"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was changed" in html
    assert "Zhang Wei, Warehouse operator (Declined)" in html
    assert f'value="{first.pk}" id="select-{first.pk}" checked' in html
    first.refresh_from_db()
    assert first.status == Status.APPLIED
    assert factories.sent_mail() == []


def test_a_deleted_account_shows_as_such_and_cannot_be_moved(signed_in, two_applicants):
    vacancy, first, second = two_applicants
    delete_graduate(first.graduate.user)
    html = signed_in.get(url("talent:applicants")).content.decode()
    assert "Deleted account" in html
    assert f'id="select-{first.pk}"' not in html
    response = signed_in.post(
        url("talent:applicants"), {"application": [first.pk], "status": "reviewed"}
    )
    assert "Deleted account" in response.content.decode()
    first.refresh_from_db()
    assert first.status == Status.APPLIED
    detail = signed_in.get(url("talent:applicant", first.pk))
    assert detail.status_code == 200
    first.refresh_from_db()
    assert first.status == Status.APPLIED


def test_opening_an_applicant_or_the_cv_changes_nothing(signed_in, two_applicants):
    vacancy, first, second = two_applicants
    factories.sent_mail().clear()
    html = signed_in.get(url("talent:applicant", second.pk)).content.decode()
    assert signed_in.get(url("talent:applicant-cv", second.pk)).status_code == 200
    second.refresh_from_db()
    assert second.status == Status.APPLIED
    assert second.changes.count() == 1
    assert factories.sent_mail() == []
    assert second.graduate.email in html and "13800000000" in html
    assert "Skills" in html and "Place of work" in html
    assert "has 2 of 2 skills" not in html  # the engine's English reasons stay inside
    assert "Mark as reviewed" in html and "Invite to an interview" in html


def test_marking_an_applicant_reviewed_is_a_button(signed_in, two_applicants):
    vacancy, first, second = two_applicants
    factories.sent_mail().clear()
    response = signed_in.post(url("talent:applicant", second.pk), {"status": "reviewed"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == Status.REVIEWED
    assert "Reviewed" in factories.sent_mail()[0].subject
    html = signed_in.get(url("talent:applicant", second.pk)).content.decode()
    assert "Mark as reviewed" not in html and "Make an offer" in html


def test_the_applicant_page_invites_offers_and_mails_the_graduate(signed_in, two_applicants):
    vacancy, first, second = two_applicants
    signed_in.get(url("talent:applicant", second.pk))
    factories.sent_mail().clear()
    for status in ("interview", "offer"):
        response = signed_in.post(url("talent:applicant", second.pk), {"status": status})
        assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == Status.OFFER
    subjects = [mail.subject for mail in factories.sent_mail()]
    assert len(subjects) == 2 and "Interview" in subjects[0] and "Offer" in subjects[1]
    html = signed_in.get(url("talent:applicant", second.pk)).content.decode()
    assert "Mark as hired" in html and "Invite to an interview" not in html
    refused = signed_in.post(
        url("talent:applicant", second.pk), {"status": "interview"}, follow=True
    )
    assert "cannot become" in refused.content.decode()


def test_the_cv_is_served_as_a_pdf_attachment(signed_in, two_applicants):
    vacancy, first, second = two_applicants
    response = signed_in.get(url("talent:applicant-cv", second.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    served = b"".join(response.streaming_content)
    assert served == real_pdf()
    assert len(PdfReader(io.BytesIO(served)).pages) == 1


# --- Candidates ----------------------------------------------------------------------------------


def test_candidates_are_visible_profiles_ranked_without_names(signed_in, recruiter):
    vacancy = factories.vacancy(recruiter, skills=["forklift"])
    visible = GraduateProfile.Visibility.RECRUITERS
    factories.graduate(full_name="Hidden Hu", visibility="private", skills=["forklift"])
    fit = factories.graduate(
        full_name="Visible Ma", visibility=visible, skills=["forklift"], major="Welding"
    )
    factories.graduate(full_name="Visible Zhou", visibility=visible, major="Painting")
    html = signed_in.get(url("talent:candidates", vacancy.pk)).content.decode()
    assert "Hidden Hu" not in html and "Welding" in html and "Painting" in html
    assert "Visible Ma" not in html and fit.email not in html
    assert html.index("Welding") < html.index("Painting")
    factories.application(fit, vacancy)
    assert "Visible Ma" in signed_in.get(url("talent:candidates", vacancy.pk)).content.decode()


def test_a_graduate_profile_shows_contact_data_only_after_engagement(signed_in, recruiter):
    vacancy = factories.vacancy(recruiter)
    graduate = factories.graduate(full_name="Visible Ma", visibility="recruiters", major="Welding")
    page = signed_in.get(url("talent:graduate-profile", graduate.pk, query=f"vacancy={vacancy.pk}"))
    html = page.content.decode()
    assert page.status_code == 200 and "Welding" in html and "Match:" in html
    assert "Visible Ma" not in html and graduate.email not in html and "13800000000" not in html
    factories.application(graduate, vacancy)
    html = signed_in.get(url("talent:graduate-profile", graduate.pk)).content.decode()
    assert "Visible Ma" in html and graduate.email in html


# --- Fair: slots and attendance ------------------------------------------------------------------


BEIJING = ZoneInfo("Asia/Shanghai")


def open_slots(client, fair, local_start, count: int):
    """The recruiter types the first start as the fair's clocks show it."""
    data = {
        "action": "open",
        "first_start": local_start.strftime("%Y-%m-%dT%H:%M"),
        "count": str(count),
        "minutes": "10",
        "place": "Hall 2",
    }
    return client.post(url("talent:employer-slots", fair.pk), data)


def test_slots_are_opened_in_beijing_time_and_bookings_show_who(signed_in, recruiter):
    fair = factories.fair()
    local_start = timezone.localtime(fair.starts_at, BEIJING) + timedelta(hours=1)
    response = open_slots(signed_in, fair, local_start, count=3)
    assert response.status_code == 302
    slots = list(InterviewSlot.objects.filter(fair=fair).order_by("starts_at"))
    assert len(slots) == 3
    assert slots[0].starts_at == local_start.replace(second=0, microsecond=0)
    assert slots[2].ends_at - slots[0].starts_at == timedelta(minutes=30)
    graduate = factories.graduate(full_name="Booked Bai")
    booking = factories.booked(graduate, slots[1])
    html = signed_in.get(url("talent:employer-slots", fair.pk)).content.decode()
    assert "Booked Bai" in html and "Free" in html and "not assigned a booth number" in html
    signed_in.post(
        url("talent:employer-slots", fair.pk),
        {"action": "attendance", "booking": booking.pk, "attended": "yes"},
    )
    booking.refresh_from_db()
    assert booking.attended is True


def test_slots_outside_the_fair_are_refused_and_the_form_kept(signed_in, recruiter):
    fair = factories.fair()
    too_late = timezone.localtime(fair.ends_at, BEIJING) + timedelta(hours=1)
    html = open_slots(signed_in, fair, too_late, count=4).content.decode()
    assert "within the fair" in html and 'value="Hall 2"' in html
    assert not InterviewSlot.objects.filter(fair=fair).exists()


# --- Ranking -------------------------------------------------------------------------------------


def test_the_ranking_proposes_the_match_order_and_saves_the_recruiter_s(signed_in, recruiter):
    vacancy = factories.vacancy(recruiter, fair=factories.fair(), skills=["forklift"])
    poor = factories.application(factories.graduate(full_name="Wang Fang"), vacancy)
    good = factories.application(
        factories.graduate(full_name="Zhang Wei", skills=["forklift"]), vacancy
    )
    html = signed_in.get(url("talent:vacancy-ranking", vacancy.pk)).content.decode()
    assert html.index("Zhang Wei") < html.index("Wang Fang")
    refused = signed_in.post(
        url("talent:vacancy-ranking", vacancy.pk), {f"rank-{poor.pk}": "1", f"rank-{good.pk}": "1"}
    )
    assert "a different rank" in refused.content.decode()
    good.refresh_from_db()
    assert good.enterprise_rank is None
    signed_in.post(
        url("talent:vacancy-ranking", vacancy.pk), {f"rank-{poor.pk}": "1", f"rank-{good.pk}": "2"}
    )
    poor.refresh_from_db(), good.refresh_from_db()
    assert (poor.enterprise_rank, good.enterprise_rank) == (1, 2)


def test_rankings_close_once_the_fair_s_assignment_is_published(signed_in, recruiter):
    vacancy = factories.vacancy(recruiter, fair=factories.fair())
    application = factories.application(vacancy_=vacancy)
    AssignmentRun.objects.create(fair=vacancy.fair, published_at=timezone.now())
    response = signed_in.post(
        url("talent:vacancy-ranking", vacancy.pk), {f"rank-{application.pk}": "1"}
    )
    assert "rankings are closed" in response.content.decode()
    application.refresh_from_db()
    assert application.enterprise_rank is None
