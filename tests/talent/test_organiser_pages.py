"""The organisers' pages with the test client: who gets in, the stable assignment from run to
published offers, recruiter approvals, downloads, and the staff admin's booth form."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from tests.talent import factories
from tests.talent.factories import english_url
from tests.talent.matching.checkers import assert_valid_and_stable
from twincity.talent import demo, services
from twincity.talent.models import Application, AssignmentRun, Booth, Fair, Recruiter
from twincity.talent.selectors import dashboard_figures
from twincity.talent.services import assignment

pytestmark = pytest.mark.django_db


Status = Application.Status
REFUSAL = "Only the fair&#x27;s organisers may do this."


@pytest.fixture
def organiser(client):
    user = factories.organiser()
    client.force_login(user)
    return user


@pytest.fixture
def fair_with_applications():
    """Two enterprises, three openings, four graduates who applied and partly ranked."""
    fair = factories.fair()
    first, second = factories.recruiter(), factories.recruiter()
    clerk = factories.vacancy(first, fair=fair, headcount=1, title_en="Warehouse clerk")
    driver = factories.vacancy(second, fair=fair, headcount=2, title_en="Forklift driver")
    names = ["Zhang Wei", "Li Na", "Wang Fang", "Liu Yang"]
    graduates = [factories.graduate(full_name=name) for name in names]
    for graduate in graduates:
        factories.application(graduate, clerk)
    for graduate in graduates[1:]:
        factories.application(graduate, driver)
    # Li Na would rather drive; the driver's enterprise prefers Liu Yang, then Li Na.
    li_na = graduates[1]
    services.rank_my_applications(
        li_na.user,
        fair,
        [
            li_na.applications.get(vacancy=driver).pk,
            li_na.applications.get(vacancy=clerk).pk,
        ],
    )
    by_name = {a.graduate.full_name: a.pk for a in driver.applications.select_related("graduate")}
    services.rank_applicants(
        second.user, driver, [by_name["Liu Yang"], by_name["Li Na"], by_name["Wang Fang"]]
    )
    return fair


def organiser_urls(fair, run) -> list[tuple[str, str]]:
    return [
        ("get", english_url("talent:organiser-dashboard")),
        ("get", english_url("talent:organiser-fair", fair.pk)),
        ("get", english_url("talent:organiser-export") + "?format=csv"),
        ("get", english_url("talent:assignment", fair.pk)),
        ("post", english_url("talent:assignment", fair.pk)),
        ("post", english_url("talent:publish-assignment", run.pk)),
        ("get", english_url("talent:recruiter-approvals")),
    ]


@pytest.fixture
def a_run(fair_with_applications):
    return assignment.run_assignment(fair_with_applications, factories.organiser())


# --- Who gets in ---------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, fair_with_applications, a_run):
    for method, url in organiser_urls(fair_with_applications, a_run):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(english_url("talent:login") + "?next="), url


@pytest.mark.parametrize("kind", ["graduate", "recruiter"])
def test_graduates_and_recruiters_are_refused_with_a_reason(
    client, kind, fair_with_applications, a_run
):
    person = factories.graduate() if kind == "graduate" else factories.recruiter()
    client.force_login(person.user)

    for method, url in organiser_urls(fair_with_applications, a_run):
        response = getattr(client, method)(url, {"confirm": "on"})
        assert response.status_code == 403, url
        assert REFUSAL in response.text, url
    assert AssignmentRun.objects.count() == 1
    assert not Application.objects.filter(status=Status.OFFER).exists()


def test_the_refusal_is_in_chinese_on_chinese_pages(client):
    client.force_login(factories.graduate().user)

    response = client.get(english_url("talent:organiser-dashboard").replace("/en/", "/zh-hans/"))

    with translation.override("zh-hans"):
        refusal = translation.gettext("Only the fair's organisers may do this.")
    assert response.status_code == 403
    assert refusal != "Only the fair's organisers may do this." and refusal in response.text


def test_an_organiser_sees_the_dashboard_with_the_fairs(client, organiser, fair_with_applications):
    response = client.get(english_url("talent:organiser-dashboard"))

    assert response.status_code == 200
    assert str(fair_with_applications) in response.text
    assert english_url("talent:assignment", fair_with_applications.pk) in response.text


def test_an_unknown_fair_is_not_found(client, organiser):
    assert client.get(english_url("talent:organiser-fair", 999999)).status_code == 404
    assert client.get(english_url("talent:assignment", 999999)).status_code == 404


# --- The stable assignment ---------------------------------------------------------------------------


def matching_of(run: AssignmentRun) -> dict[int, int]:
    placed = Application.objects.filter(pk__in=run.matched_applications)
    return {application.graduate_id: application.vacancy_id for application in placed}


def test_the_page_explains_and_counts_who_takes_part(client, organiser, fair_with_applications):
    response = client.get(english_url("talent:assignment", fair_with_applications.pk))

    page = response.text
    assert "deferred acceptance" in page
    assert "<dt>Graduates</dt><dd>4</dd>" in page
    assert "<dt>Vacancies</dt><dd>2</dd>" in page
    assert "<dt>Openings</dt><dd>3</dd>" in page
    assert "<dt>Applications</dt><dd>7</dd>" in page
    assert "2 set, 5 by default" in page  # Li Na ranked her two
    assert "3 set, 4 by default" in page  # the driver's enterprise ranked its three
    assert "has not been run for this fair yet" in page


def test_an_organiser_runs_the_assignment_and_the_result_is_stable(
    client, organiser, fair_with_applications
):
    fair = fair_with_applications
    response = client.post(english_url("talent:assignment", fair.pk), follow=True)

    run = AssignmentRun.objects.get(fair=fair)
    assert "The assignment ran: 3 of 4 graduates placed." in response.text
    rankings = assignment.fair_rankings(fair, assignment.fair_applications(fair))
    assert_valid_and_stable(rankings, matching_of(run))
    # Li Na prefers driving and the driver's enterprise ranks her second of two openings.
    li_na = fair.vacancies.get(title_en="Forklift driver").applications.get(
        graduate__full_name="Li Na"
    )
    assert li_na.pk in run.matched_applications
    page = response.text
    assert "<dt>Graduates placed</dt><dd>3</dd>" in page
    assert "<dt>Graduates not placed</dt><dd>1</dd>" in page
    assert "Li Na" in page and "Liu Yang" in page
    assert not Application.objects.filter(status=Status.OFFER).exists(), "running offers nothing"


def test_the_run_is_stable_on_a_demo_fair_with_partial_rankings(client, organiser):
    demo.generate(demo.DemoSize(enterprises=6, openings=40, graduates=120), seed=11)
    fair = Fair.objects.get(title_en=demo.FAIR_TITLE_EN)

    client.post(english_url("talent:assignment", fair.pk))

    run = AssignmentRun.objects.get(fair=fair)
    applications = assignment.fair_applications(fair)
    assert any(a.graduate_rank for a in applications) and any(
        a.graduate_rank is None for a in applications
    ), "some graduates ranked, some left it to the default order"
    assert_valid_and_stable(assignment.fair_rankings(fair, applications), matching_of(run))
    assert len(run.matched_applications) > 0


def test_publishing_needs_the_confirmation_and_changes_nothing_without_it(client, organiser, a_run):
    response = client.post(english_url("talent:publish-assignment", a_run.pk))

    assert response.status_code == 200
    assert "Tick the box to confirm the offers." in response.text
    a_run.refresh_from_db()
    assert a_run.published_at is None
    assert not Application.objects.filter(status=Status.OFFER).exists()


def test_publishing_turns_the_placements_into_offers_and_e_mails_them(
    client, organiser, a_run, mailoutbox
):
    response = client.post(
        english_url("talent:publish-assignment", a_run.pk), {"confirm": "on"}, follow=True
    )

    assert "Published: 3 offers are on their way by e-mail." in response.text
    offers = Application.objects.filter(status=Status.OFFER).select_related("graduate__user")
    assert sorted(offers.values_list("pk", flat=True)) == sorted(a_run.matched_applications)
    recipients = {message.to[0] for message in factories.sent_mail()}
    assert {offer.graduate.user.email for offer in offers} <= recipients
    page = client.get(english_url("talent:assignment", a_run.fair_id)).text
    assert "was published on" in page
    assert page.count('<span class="status">Offer</span>') == 3
    assert "Run the assignment" not in page and "Publish the offers" not in page


def test_publishing_twice_is_refused_clearly(client, organiser, a_run):
    url = english_url("talent:publish-assignment", a_run.pk)
    client.post(url, {"confirm": "on"})

    response = client.post(url, {"confirm": "on"})

    assert "This assignment has been published already." in response.text
    assert Application.objects.filter(status=Status.OFFER).count() == 3


def test_an_older_run_is_not_published_once_a_newer_one_exists(client, organiser, a_run):
    assignment.run_assignment(a_run.fair, organiser)

    response = client.post(english_url("talent:publish-assignment", a_run.pk), {"confirm": "on"})

    assert "A newer run exists: publish the newest one." in response.text
    assert not Application.objects.filter(status=Status.OFFER).exists()


def test_running_a_fair_without_applications_says_so(client, organiser):
    fair = factories.fair()

    response = client.post(english_url("talent:assignment", fair.pk))

    assert response.status_code == 200
    assert "No applications at this fair take part yet." in response.text
    assert not AssignmentRun.objects.filter(fair=fair).exists()


# --- Recruiter approvals ---------------------------------------------------------------------------


def test_pending_recruiters_are_listed_with_their_enterprise(client, organiser):
    pending = factories.recruiter(approved=False)
    approved = factories.recruiter()

    response = client.get(english_url("talent:recruiter-approvals"))

    page = response.text
    enterprise = pending.organisation
    assert enterprise.credit_code in page and enterprise.name_zh in page
    assert "Chengdu" in page
    assert f'value="{pending.pk}"' in page
    assert f'value="{approved.pk}"' not in page


@pytest.mark.parametrize(("decision", "status"), [("approve", "approved"), ("reject", "rejected")])
def test_an_organiser_decides_and_the_recruiter_is_told(
    client, organiser, decision, status, mailoutbox
):
    pending = factories.recruiter(approved=False)

    response = client.post(
        english_url("talent:recruiter-approvals"),
        {"recruiter": pending.pk, "decision": decision, "reason": "Licence not found."},
        follow=True,
    )

    pending.refresh_from_db()
    assert pending.status == status
    assert pending.decided_by == organiser
    assert f"is {status} and has been told by e-mail" in response.text
    assert [m.to for m in factories.sent_mail()] == [[pending.user.email]]


def test_a_recruiter_decided_already_is_not_decided_again(client, organiser, mailoutbox):
    decided = factories.recruiter()
    factories.sent_mail()
    mailoutbox.clear()

    response = client.post(
        english_url("talent:recruiter-approvals"), {"recruiter": decided.pk, "decision": "reject"}
    )

    assert "This recruiter is no longer awaiting a decision." in response.text
    decided.refresh_from_db()
    assert decided.status == Recruiter.Status.APPROVED
    assert factories.sent_mail() == []


# --- Downloads ----------------------------------------------------------------------------------------


def csv_sections(content: bytes) -> dict[str, list[list[str]]]:
    """The CSV's tables by title: a title line, a header, rows, and a blank line between."""
    sections, rows = {}, None
    for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))):
        if not row:
            rows = None
        elif rows is None:
            rows = sections[row[0]] = []
        else:
            rows.append(row)
    return sections


def test_the_csv_download_has_the_dashboards_figures(client, organiser, fair_with_applications):
    fair = fair_with_applications
    figures = dashboard_figures(fair)

    response = client.get(
        english_url("talent:organiser-export"), {"format": "csv", "fair": fair.pk}
    )

    assert response["Content-Type"].startswith("text/csv")
    assert f"fair-{fair.pk}" in response["Content-Disposition"]
    sections = csv_sections(response.content)
    summary = dict(sections["Summary"][1:])
    assert summary["Enterprises"] == str(figures.enterprises) == "2"
    assert summary["Openings"] == str(figures.openings) == "3"
    assert summary["Applications"] == str(figures.applications) == "7"
    assert summary["Hires"] == "0" and summary["Fill rate (hires per opening, %)"] == "0.0"
    vacancies = sections["Vacancies"]
    assert vacancies[0][:2] == ["Vacancy number", "Enterprise (English)"]
    assert sorted(row[3] for row in vacancies[1:]) == ["Forklift driver", "Warehouse clerk"]
    assert sections["By industry"][1] == ["Logistics", "2", "2", "3"]


def test_the_excel_download_opens_and_agrees_with_the_dashboard(
    client, organiser, fair_with_applications
):
    figures = dashboard_figures()

    response = client.get(english_url("talent:organiser-export"), {"format": "xlsx"})

    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Summary" and "Vacancies" in workbook.sheetnames
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Vacancies"] == figures.vacancies
    assert summary["Openings"] == figures.openings
    assert summary["Offers"] == figures.offers
    assert workbook["Vacancies"].max_row == figures.vacancies + 1


def test_a_download_in_an_unknown_format_is_refused(client, organiser):
    response = client.get(english_url("talent:organiser-export"), {"format": "pdf"})

    assert response.status_code == 400
    assert "Choose CSV or Excel" in response.text


# --- Staff admin -----------------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_superuser("fair-admin", "admin@example.org", "x"))
    return client


def test_a_booth_number_given_twice_is_a_form_error_not_a_crash(staff_client):
    fair = factories.fair()
    first, second = factories.enterprise(), factories.enterprise()
    Booth.objects.create(fair=fair, organisation=first, number="A1")

    response = staff_client.post(
        reverse("wagtailsnippets_talent_booth:add"),
        {"fair": fair.pk, "organisation": second.pk, "number": "A1"},
    )

    assert response.status_code == 200
    assert f"Booth A1 at this fair is given to {first.name_zh} already." in response.text
    assert not Booth.objects.filter(organisation=second).exists()


def test_a_booth_number_is_assigned_in_the_admin(staff_client):
    fair = factories.fair()
    enterprise = factories.enterprise()
    booth = Booth.objects.create(fair=fair, organisation=enterprise)

    response = staff_client.post(
        reverse("wagtailsnippets_talent_booth:edit", args=[booth.pk]),
        {"fair": fair.pk, "organisation": enterprise.pk, "number": " B7 "},
    )

    assert response.status_code == 302
    booth.refresh_from_db()
    assert booth.number == "B7"


def test_a_fair_that_ends_before_it_starts_is_a_form_error(staff_client):
    response = staff_client.post(
        reverse("wagtailsnippets_talent_fair:add"),
        {
            "title_en": "Spring fair",
            "title_zh": "春季招聘会",
            "mode": "on_site",
            "city": "",
            "starts_at": "2026-06-04 14:00",
            "ends_at": "2026-06-04 09:00",
            "booking_closes_at": "2026-06-03 18:00",
            "min_gap_minutes": "10",
        },
    )

    assert response.status_code == 200
    assert "The fair must end after it starts." in response.text
    assert "A fair on site takes place in a city: choose it." in response.text


def test_staff_list_recruiters_by_status(staff_client):
    pending = factories.recruiter(approved=False)
    approved = factories.recruiter()

    response = staff_client.get(
        reverse("wagtailsnippets_talent_recruiter:list"), {"status": "pending"}
    )

    assert response.status_code == 200
    assert pending.organisation.name_en in response.text
    assert approved.organisation.name_en not in response.text


def test_staff_become_organisers_by_joining_the_organisers_group(client):
    from django.contrib.auth.models import Group

    from twincity.talent.apps import ORGANISERS_GROUP

    user = User.objects.create_user("fair-staff", password=factories.PASSWORD)
    user.groups.add(Group.objects.get(name=ORGANISERS_GROUP))
    client.force_login(user)
    assert client.get(english_url("talent:organiser-dashboard")).status_code == 200
    assert client.get("/admin/").status_code == 200
