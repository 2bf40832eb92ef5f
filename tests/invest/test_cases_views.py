"""The case pages in the admin: who opens them, the lists' filters, the actions through the
forms (a refusal keeps what was typed), the trail in the reader's language."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.invest import factories
from twincity.invest.models import CaseEvent, Enquiry, EnquiryStage, Project, ProjectStage
from twincity.invest.services import cases

pytestmark = pytest.mark.django_db


@pytest.fixture
def chongqing():
    return factories.office("chongqing")


@pytest.fixture
def chengdu():
    return factories.office("chengdu")


@pytest.fixture
def officer(chongqing):
    return factories.group_member(chongqing, first_name="Wei", last_name="Li")


@pytest.fixture
def enquiry(chongqing):
    return factories.enquiry(offices=(chongqing,), company="Rhein Antriebe GmbH")


def signed_in(client, user):
    client.force_login(user)
    return client


def url(name, *args):
    return reverse(f"invest_cases:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def test_the_list_shows_only_the_cases_of_ones_offices(client, officer, enquiry, chengdu):
    elsewhere = factories.enquiry(offices=(chengdu,), company="Elsewhere Ltd")

    page = text(signed_in(client, officer).get(url("enquiries")))

    assert enquiry.reference in page and elsewhere.reference not in page
    refused = client.get(url("enquiry", elsewhere.pk))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")


def test_a_superuser_sees_every_case(client, enquiry, chengdu):
    elsewhere = factories.enquiry(offices=(chengdu,))
    admin = factories.staff(chengdu, is_superuser=True)

    page = text(signed_in(client, admin).get(url("enquiries")))

    assert enquiry.reference in page and elsewhere.reference in page


def test_staff_without_the_right_are_sent_back_to_the_admin_home(client, chongqing, enquiry):
    editor = factories.staff(chongqing)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))

    response = signed_in(client, editor).get(url("enquiry", enquiry.pk))

    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_the_filters(client, officer, chongqing, enquiry):
    big = factories.enquiry(offices=(chongqing,), high_value=True, company="Big Co")
    mine = factories.enquiry(offices=(chongqing,), owner=officer, company="Mine Co")
    cases.move_enquiry(mine, EnquiryStage.AWAITING_RESPONSE, actor=officer)
    client = signed_in(client, officer)

    def listed(**query):
        page = text(client.get(url("enquiries"), query))
        return {e.reference for e in (enquiry, big, mine) if e.reference in page}

    assert listed() == {enquiry.reference, big.reference, mine.reference}
    assert listed(high_value="on") == {big.reference}
    assert listed(mine="on") == {mine.reference}
    assert listed(stage="awaiting") == {mine.reference}
    assert listed(owner=officer.pk) == {mine.reference}
    assert listed(office=chongqing.pk) == {enquiry.reference, big.reference, mine.reference}


def test_the_list_costs_the_same_queries_for_many_cases(client, officer, chongqing):
    client = signed_in(client, officer)
    factories.enquiry(offices=(chongqing,))
    client.get(url("enquiries"))  # warm the session and the menu
    with CaptureQueriesContext(connection) as few:
        client.get(url("enquiries"))
    for _ in range(5):
        factories.enquiry(offices=(chongqing,), owner=officer)
    with CaptureQueriesContext(connection) as many:
        client.get(url("enquiries"))

    assert len(many) == len(few)


def test_the_case_page_shows_the_case(client, officer, enquiry):
    enquiry.score, enquiry.score_reasons = 40, []
    enquiry.save()
    cases.add_note(enquiry, "Called the investor", actor=officer)

    page = text(signed_in(client, officer).get(url("enquiry", enquiry.pk)))

    for shown in ("Rhein Antriebe GmbH", "Called the investor", "History", "Note added", "Wei Li"):
        assert shown in page
    assert "Opportunities and parks that fit" in page  # the matches


def test_moving_an_enquiry_through_the_page(client, officer, enquiry):
    client = signed_in(client, officer)

    response = client.post(url("enquiry-stage", enquiry.pk), {"stage": "awaiting"})

    assert response.status_code == 302
    assert Enquiry.objects.get(pk=enquiry.pk).stage == EnquiryStage.AWAITING_RESPONSE


def test_a_refused_close_keeps_the_page_and_says_why(client, officer, enquiry):
    response = signed_in(client, officer).post(
        url("enquiry-stage", enquiry.pk), {"stage": "not-applicable", "reason": ""}
    )

    assert response.status_code == 400
    assert "Say why the enquiry is closed." in text(response)
    assert Enquiry.objects.get(pk=enquiry.pk).stage == EnquiryStage.NEW


def test_a_refused_task_keeps_what_was_typed(client, officer, enquiry):
    response = signed_in(client, officer).post(
        url("enquiry-task", enquiry.pk), {"title": "Send the land prices", "due_on": "soon"}
    )

    assert response.status_code == 400
    assert 'value="Send the land prices"' in text(response)
    assert not CaseEvent.objects.filter(action="task").exists()


def test_handover_through_the_page(
    client, officer, enquiry, chengdu, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(client, officer).post(
            url("enquiry-handover", enquiry.pk), {"office": chengdu.pk, "note": "Wants Chengdu"}
        )

    assert response.status_code == 302
    assert Enquiry.objects.get(pk=enquiry.pk).lead_office == chengdu
    assert [m.to for m in mailoutbox] == [[chengdu.email]]
    # The Chongqing office keeps the case, its history included.
    page = text(client.get(url("enquiry", enquiry.pk)))
    assert "Handed over to another office" in page and "Wants Chengdu" in page


def engaged(enquiry, user):
    cases.move_enquiry(enquiry, EnquiryStage.AWAITING_RESPONSE, actor=user)
    return cases.move_enquiry(enquiry, EnquiryStage.ENGAGED, actor=user)


def test_converting_opens_the_project(client, officer, enquiry):
    engaged(enquiry, officer)

    response = signed_in(client, officer).post(
        url("enquiry-stage", enquiry.pk), {"stage": "project"}
    )

    project = Project.objects.get(enquiry=enquiry)
    assert response["Location"] == url("project", project.pk)


def test_the_project_page_hides_the_moves_one_may_not_make(client, officer, chongqing):
    project = factories.project(chongqing)

    page = text(signed_in(client, officer).get(url("project", project.pk)))

    assert 'value="negotiation"' in page and 'value="signed"' not in page
    assert "Needs a right you do not have." in page


def test_a_gate_refusal_on_the_page_lists_the_missing_fields(client, officer, chongqing):
    project = factories.project(chongqing)

    response = signed_in(client, officer).post(
        url("project-stage", project.pk), {"stage": "negotiation"}
    )

    assert response.status_code == 400
    assert "fill in: project manager, planned investment (yuan)" in text(response)
    assert Project.objects.get(pk=project.pk).stage == ProjectStage.LEAD


def test_a_refused_edit_keeps_what_was_typed(client, officer, chongqing):
    project = factories.project(chongqing)

    response = signed_in(client, officer).post(
        url("project-edit", project.pk),
        {
            "name": project.name,
            "investor": "Rhein Antriebe GmbH",
            "signed_on": "2026-09-01",
            "construction_started_on": "2026-08-01",
            "contract_value_yuan": "280000000",
        },
    )

    assert response.status_code == 400
    page = text(response)
    assert "cannot be before" in page and 'value="280000000"' in page
    assert Project.objects.get(pk=project.pk).contract_value_yuan is None


def test_the_trail_is_read_in_the_readers_language(client, officer, enquiry):
    cases.move_enquiry(enquiry, EnquiryStage.AWAITING_RESPONSE, actor=officer)
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "zh-hans"
    profile.save()

    page = text(signed_in(client, officer).get(url("enquiry", enquiry.pk)))

    trail = re.search(r'<section aria-labelledby="case-trail">.*?</section>', page, re.S).group(0)
    assert "阶段" in trail and "Stage changed" not in trail


def test_the_menu_shows_the_investment_items_to_case_workers(client, officer):
    page = text(signed_in(client, officer).get(reverse("wagtailadmin_home")))

    assert url("enquiries") in page and url("projects") in page
