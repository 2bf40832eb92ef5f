"""The graduate's own pages through the test client: each request as a browser sends it."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from tests.support import real_pdf
from twincity.talent import services
from twincity.talent.errors import NotAllowed
from twincity.talent.models import Application, InterviewBooking, SavedSearch

from . import factories

pytestmark = pytest.mark.django_db
Status = Application.Status

GRADUATE_PAGES = [
    ("talent:my-applications", ()),
    ("talent:my-profile", ()),
    ("talent:my-cv", ()),
    ("talent:my-searches", ()),
    ("talent:my-data", ()),
    ("talent:delete-account", ()),
]


@pytest.fixture
def graduate(client):
    profile = factories.graduate()
    client.force_login(profile.user)
    return profile


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def profile_data(**changes) -> dict:
    data = {
        "form": "profile",
        "full_name": "Wang Fang",
        "school": "",
        "major": "Logistics management",
        "graduation_year": str(timezone.localdate().year),
        "education": "2",
        "skills": "Excel，叉车、English, excel",
        "certificates": "forklift licence",
        "preferred_cities": ["chengdu", "chongqing"],
        "expected_salary": "5000",
        "phone": "13900000000",
        "language": "zh-hans",
        "visibility": "private",
    }
    return {**data, **changes}


# --- Who may come in --------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "args"), GRADUATE_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in_and_back(client, name, args):
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('talent:login')}?next={url}"


@pytest.mark.parametrize(("name", "args"), GRADUATE_PAGES)
def test_a_recruiter_gets_a_translated_403(client, name, args):
    client.force_login(factories.recruiter().user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 403
    assert "graduate account" in response.content.decode()
    with translation.override("zh-hans"):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_a_recruiter_cannot_apply_or_book(client):
    recruiter = factories.recruiter()
    vacancy = factories.vacancy(recruiter)
    client.force_login(recruiter.user)
    assert client.post(reverse("talent:apply", args=[vacancy.pk])).status_code == 403
    assert not Application.objects.filter(vacancy=vacancy).exists()


def test_pages_about_the_graduate_are_never_cached(client, graduate):
    response = client.get(reverse("talent:my-applications"))
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]


# --- Profile and CV ---------------------------------------------------------------------------


def test_the_profile_is_saved_with_lists_typed_either_way(client, graduate):
    school = factories.school()
    response = client.post(reverse("talent:my-profile"), profile_data(school=str(school.pk)))
    assert response.status_code == 302
    graduate.refresh_from_db()
    assert graduate.skills == ["Excel", "叉车", "English"]
    assert graduate.certificates == ["forklift licence"]
    assert graduate.preferred_cities == ["chengdu", "chongqing"]
    assert graduate.school == school
    assert graduate.expected_salary == 5000
    assert graduate.language == "zh-hans"
    page = client.get(reverse("talent:my-profile")).content.decode()
    assert 'value="Excel, 叉车, English"' in page


def test_schools_are_listed_by_their_name_in_the_page_language(client, graduate):
    factories.school(name_en="Aardvark College", name_zh="重庆某某学院")
    factories.school(name_en="Zebra College", name_zh="成都某某学院")
    page = client.get(reverse("talent:my-profile")).content.decode()
    assert page.index("Aardvark College") < page.index("Zebra College")
    assert (
        factories.enterprise().name_en
        not in client.get(reverse("talent:my-profile")).content.decode()
    )
    with translation.override("zh-hans"):
        page = client.get(reverse("talent:my-profile")).content.decode()
    assert page.index("成都某某学院") < page.index("重庆某某学院")


def test_a_profile_error_keeps_what_was_typed_and_changes_nothing(client, graduate):
    data = profile_data(graduation_year="1066", major="Cold-chain logistics")
    response = client.post(reverse("talent:my-profile"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cold-chain logistics" in page
    assert 'value="Excel，叉车、English, excel"' in page
    assert "field--invalid" in page
    graduate.refresh_from_db()
    assert graduate.major == ""
    assert graduate.skills == []


def test_the_profile_page_says_private_is_the_default(client, graduate):
    page = client.get(reverse("talent:my-profile")).content.decode()
    assert re.search(r'value="private"[^>]*checked', page)
    assert "Private is the default" in page


def test_a_pdf_cv_is_stored_and_only_its_owner_downloads_it(client, graduate):
    pdf = real_pdf("Wang Fang, CV")  # not the CV every factory graduate has
    response = client.post(
        reverse("talent:my-profile"), {"form": "cv", "cv": SimpleUploadedFile("my cv.pdf", pdf)}
    )
    assert response.status_code == 302
    page = client.get(reverse("talent:my-profile")).content.decode()
    assert reverse("talent:my-cv") in page
    assert "Uploaded on" in page
    download = client.get(reverse("talent:my-cv"))
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == pdf
    client.force_login(factories.graduate().user)
    other = client.get(reverse("talent:my-cv"))
    assert b"".join(other.streaming_content) != pdf


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Hello, I am not a PDF", "must be a PDF"),
        (real_pdf() + b"0" * (5 * 1024 * 1024), "at most 5 MB"),
    ],
)
def test_a_bad_cv_is_refused_with_a_clear_message(client, graduate, content, message):
    before = graduate.cv.name
    response = client.post(
        reverse("talent:my-profile"), {"form": "cv", "cv": SimpleUploadedFile("cv.pdf", content)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    graduate.refresh_from_db()
    assert graduate.cv.name == before


def test_without_a_cv_there_is_nothing_to_download(client):
    profile = factories.graduate(with_cv=False)
    client.force_login(profile.user)
    assert client.get(reverse("talent:my-cv")).status_code == 404


# --- Applying ---------------------------------------------------------------------------------


def test_apply_shows_the_vacancy_and_a_note_then_applies(client, graduate):
    vacancy = factories.vacancy()
    page = client.get(reverse("talent:apply", args=[vacancy.pk])).content.decode()
    assert vacancy.organisation.name_en in page
    assert 'name="cover_note"' in page
    response = client.post(
        reverse("talent:apply", args=[vacancy.pk]), {"cover_note": "Forklift licence since 2023."}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("talent:my-applications")
    application = Application.objects.get(graduate=graduate, vacancy=vacancy)
    assert application.cover_note == "Forklift licence since 2023."
    assert application.status == Status.APPLIED


def test_a_double_submit_says_already_applied_not_an_error(client, graduate):
    vacancy = factories.vacancy()
    client.post(reverse("talent:apply", args=[vacancy.pk]), {"cover_note": "first"})
    response = client.post(
        reverse("talent:apply", args=[vacancy.pk]), {"cover_note": "second"}, follow=True
    )
    assert response.status_code == 200
    assert "You have applied for this vacancy already." in messages_of(response)
    assert Application.objects.filter(graduate=graduate, vacancy=vacancy).count() == 1
    page = client.get(reverse("talent:apply", args=[vacancy.pk])).content.decode()
    assert "You have applied for this vacancy already." in page
    assert 'name="cover_note"' not in page


def test_applying_without_a_cv_links_to_the_profile_and_keeps_the_note(client):
    profile = factories.graduate(with_cv=False)
    client.force_login(profile.user)
    vacancy = factories.vacancy()
    response = client.post(reverse("talent:apply", args=[vacancy.pk]), {"cover_note": "Hire me"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Upload your CV (PDF) to your profile before you apply." in page
    assert reverse("talent:my-profile") in page
    assert "Hire me" in page
    assert not Application.objects.filter(vacancy=vacancy).exists()


def test_a_closed_vacancy_takes_no_application(client, graduate):
    vacancy = factories.vacancy(status="closed")
    response = client.post(reverse("talent:apply", args=[vacancy.pk]), {"cover_note": ""})
    assert "no longer takes applications" in response.content.decode()
    assert not Application.objects.filter(vacancy=vacancy).exists()


# --- The pipeline: withdraw, accept an offer --------------------------------------------------


def test_withdrawing_asks_for_confirmation_first(client, graduate):
    application = factories.application(graduate)
    url = reverse("talent:application-status", args=[application.pk])
    response = client.post(url, {"status": "withdrawn"})
    assert response.status_code == 200
    assert "Yes, withdraw it" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    response = client.post(url, {"status": "withdrawn", "confirmed": "on"}, follow=True)
    assert "You have withdrawn your application." in messages_of(response)
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert "Withdrawn" in response.content.decode()


def test_the_graduate_accepts_an_offer(client, graduate):
    recruiter = factories.recruiter()
    application = factories.application(graduate, factories.vacancy(recruiter))
    url = reverse("talent:application-status", args=[application.pk])
    response = client.post(url, {"status": "hired"}, follow=True)
    assert any("cannot become" in message for message in messages_of(response))
    application.refresh_from_db()
    assert application.status == Status.APPLIED

    services.change_status(application, Status.REVIEWED, recruiter.user)
    services.change_status(application, Status.OFFER, recruiter.user)
    page = client.get(reverse("talent:my-applications")).content.decode()
    assert "Accept the offer" in page
    response = client.post(url, {"status": "hired"}, follow=True)
    assert "Congratulations! You have accepted the offer." in messages_of(response)
    application.refresh_from_db()
    assert application.status == Status.HIRED
    assert list(application.changes.values_list("status", flat=True)) == [
        Status.APPLIED,
        Status.REVIEWED,
        Status.OFFER,
        Status.HIRED,
    ]


def test_a_graduate_cannot_make_their_own_offer(client, graduate):
    application = factories.application(graduate)
    url = reverse("talent:application-status", args=[application.pk])
    client.post(url, {"status": "offer"})
    application.refresh_from_db()
    assert application.status == Status.APPLIED


def test_home_shows_pipeline_history_interviews_and_recommendations(client):
    profile = factories.graduate(skills=["forklift"], preferred_cities=["chengdu"])
    client.force_login(profile.user)
    recruiter = factories.recruiter()
    fair = factories.fair()
    application = factories.application(profile, factories.vacancy(recruiter, fair=fair))
    services.change_status(application, Status.INTERVIEW, recruiter.user)
    slot = factories.interview_slots(recruiter, fair)[0]
    factories.booked(profile, slot)
    factories.vacancy(title_en="Forklift driver", skills=["forklift"])

    page = client.get(reverse("talent:my-applications")).content.decode()
    assert 'aria-current="step"><span class="status">Interview</span>' in page
    assert "✓ Applied" in page
    assert recruiter.organisation.name_en in page
    assert timezone.localtime(slot.starts_at).strftime("%Y-%m-%d %H:%M") in page
    assert "Booth A1" in page
    assert reverse("talent:cancel-booking", args=[slot.booking.pk]) in page
    assert reverse("talent:my-ranking", args=[fair.pk]) in page
    assert "Recommended for you" in page
    assert "Forklift driver" in page
    assert "Match " in page and " %" in page
    assert "skills asked for" not in page  # the engine's English reasons stay out

    with translation.override("zh-hans"):
        page = client.get(reverse("talent:my-applications")).content.decode()
    assert "完善个人信息" in page
    assert "skills asked for" not in page


# --- Interviews -------------------------------------------------------------------------------


def test_booking_a_slot_returns_to_the_fair_with_a_message(client, graduate):
    recruiter = factories.recruiter()
    fair = factories.fair()
    first, second, _third = factories.interview_slots(recruiter, fair, minutes=10)
    response = client.post(reverse("talent:book-slot", args=[first.pk]))
    assert response["Location"] == reverse("talent:fair", args=[fair.pk])
    assert InterviewBooking.objects.get(slot=first).graduate == graduate

    # The next slot starts when this one ends: closer than the fair's 10-minute gap.
    response = client.post(reverse("talent:book-slot", args=[second.pk]), follow=True)
    assert any("another interview" in message for message in messages_of(response))
    assert not InterviewBooking.objects.filter(slot=second).exists()


def test_cancelling_a_booking_frees_the_slot(client, graduate):
    slot = factories.interview_slots(factories.recruiter(), factories.fair())[0]
    booking = factories.booked(graduate, slot)
    response = client.post(reverse("talent:cancel-booking", args=[booking.pk]), follow=True)
    assert "Your interview is cancelled; the slot is free for others." in messages_of(response)
    assert not InterviewBooking.objects.filter(slot=slot).exists()


# --- Ranking for the stable assignment --------------------------------------------------------


@pytest.fixture
def three_applications_at_a_fair(graduate):
    fair = factories.fair()
    applications = [
        factories.application(graduate, factories.vacancy(fair=fair, title_en=f"Job {n}"))
        for n in range(3)
    ]
    return fair, applications


def test_the_graduate_ranks_their_applications(client, three_applications_at_a_fair):
    fair, (first, second, third) = three_applications_at_a_fair
    url = reverse("talent:my-ranking", args=[fair.pk])
    page = client.get(url).content.decode()
    assert page.index("Job 0") < page.index("Job 1") < page.index("Job 2")
    data = {f"rank-{first.pk}": "3", f"rank-{second.pk}": "1", f"rank-{third.pk}": "2"}
    response = client.post(url, data)
    assert response.status_code == 302
    ranks = dict(Application.objects.values_list("pk", "graduate_rank").filter(vacancy__fair=fair))
    assert ranks == {first.pk: 3, second.pk: 1, third.pk: 2}
    page = client.get(url).content.decode()
    assert page.index("Job 1") < page.index("Job 2") < page.index("Job 0")


@pytest.mark.parametrize(
    ("numbers", "message"),
    [
        (["1", "1", "2"], "a different number"),
        (["1", "2", "4"], "from 1 to 3"),
        (["1", "2", "0"], "from 1 to 3"),
        (["1", "2", ""], "Give this application a number."),
        (["1", "2", "x"], "Enter a whole number."),
    ],
)
def test_a_bad_ranking_is_explained_and_saves_nothing(
    client, three_applications_at_a_fair, numbers, message
):
    fair, applications = three_applications_at_a_fair
    data = {f"rank-{a.pk}": number for a, number in zip(applications, numbers, strict=True)}
    response = client.post(reverse("talent:my-ranking", args=[fair.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert all(f'value="{number}"' in page for number in numbers if number)
    assert not Application.objects.filter(vacancy__fair=fair, graduate_rank__isnull=False).exists()


def test_ranking_refuses_applications_of_others_and_of_other_fairs(three_applications_at_a_fair):
    fair, applications = three_applications_at_a_fair
    graduate = applications[0].graduate
    own_ids = [a.pk for a in applications]
    someone_elses = factories.application(vacancy_=applications[0].vacancy)
    with pytest.raises(NotAllowed):
        services.rank_my_applications(graduate.user, fair, [*own_ids, someone_elses.pk])
    elsewhere = factories.application(graduate, factories.vacancy(fair=factories.fair()))
    with pytest.raises(services.TalentError, match="this fair"):
        services.rank_my_applications(graduate.user, fair, [*own_ids, elsewhere.pk])
    with pytest.raises(services.TalentError, match="changed"):
        services.rank_my_applications(graduate.user, fair, own_ids[:2])
    assert not Application.objects.filter(graduate_rank__isnull=False).exists()


# --- Saved searches ---------------------------------------------------------------------------


def test_saved_searches_count_what_is_new_and_can_be_deleted(client, graduate):
    search = services.save_search(graduate.user, "Forklift in Chengdu", "q=forklift&city=chengdu")
    SavedSearch.objects.filter(pk=search.pk).update(last_seen_at=timezone.now() - timedelta(days=1))
    for _n in range(3):
        factories.vacancy(title_en="Forklift driver", city="chengdu")
    factories.vacancy(title_en="Forklift driver", city="chongqing")
    page = client.get(reverse("talent:my-searches")).content.decode()
    assert "Forklift in Chengdu" in page
    assert "3 new jobs" in page

    response = client.get(reverse("talent:open-search", args=[search.pk]))
    assert response["Location"] == reverse("talent:job-search") + "?q=forklift&city=chengdu"
    assert "3 new jobs" not in client.get(reverse("talent:my-searches")).content.decode()

    response = client.post(reverse("talent:delete-search", args=[search.pk]))
    assert response["Location"] == reverse("talent:my-searches")
    assert not SavedSearch.objects.filter(pk=search.pk).exists()


# --- Nobody else's data -----------------------------------------------------------------------


def test_another_graduates_application_cannot_be_moved(client, graduate):
    someone_elses = factories.application()
    url = reverse("talent:application-status", args=[someone_elses.pk])
    for status in ("withdrawn", "hired"):
        response = client.post(url, {"status": status, "confirmed": "on"})
        assert response.status_code == 404
    someone_elses.refresh_from_db()
    assert someone_elses.status == Status.APPLIED


def test_another_graduates_booking_cannot_be_cancelled(client, graduate):
    slot = factories.interview_slots(factories.recruiter(), factories.fair())[0]
    booking = factories.booked(factories.graduate(), slot)
    response = client.post(reverse("talent:cancel-booking", args=[booking.pk]))
    assert response.status_code == 403
    assert InterviewBooking.objects.filter(pk=booking.pk).exists()


def test_another_users_saved_search_cannot_be_opened_or_deleted(client, graduate):
    other = factories.graduate()
    search = services.save_search(other.user, "Theirs", "q=cook")
    seen = SavedSearch.objects.get(pk=search.pk).last_seen_at
    assert client.get(reverse("talent:open-search", args=[search.pk])).status_code == 403
    assert client.post(reverse("talent:delete-search", args=[search.pk])).status_code == 403
    assert SavedSearch.objects.get(pk=search.pk).last_seen_at == seen


def test_another_graduates_ranking_shows_only_ones_own(client, graduate):
    fair = factories.fair()
    someone_elses = factories.application(vacancy_=factories.vacancy(fair=fair, title_en="Theirs"))
    url = reverse("talent:my-ranking", args=[fair.pk])
    assert "Theirs" not in client.get(url).content.decode()
    client.post(url, {f"rank-{someone_elses.pk}": "1"})
    someone_elses.refresh_from_db()
    assert someone_elses.graduate_rank is None


def test_the_home_page_lists_only_ones_own(client, graduate):
    other = factories.graduate(full_name="Somebody Else")
    factories.application(other, factories.vacancy(title_en="Somebody else job"))
    page = client.get(reverse("talent:my-applications")).content.decode()
    assert "Somebody else job" not in page.split("Recommended for you")[0]
