"""Working cases through the services: enquiry stages, project gates, permissions, handover,
notes and tasks, and the audit trail each change leaves."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission

from tests.invest import factories
from twincity.invest.models import (
    CaseEvent,
    CaseNote,
    CaseTask,
    Enquiry,
    EnquiryStage,
    Project,
    ProjectStage,
    ProjectStatus,
)
from twincity.invest.services import cases
from twincity.invest.services.cases import CaseError, CaseNotAllowed, GateNotMet

pytestmark = pytest.mark.django_db


@pytest.fixture
def chongqing():
    return factories.office("chongqing")


@pytest.fixture
def chengdu():
    return factories.office("chengdu")


@pytest.fixture
def officer(chongqing):
    return factories.group_member(chongqing)


@pytest.fixture
def manager(chongqing):
    return factories.group_member(chongqing, "Investment managers")


@pytest.fixture
def enquiry(chongqing):
    return factories.enquiry(offices=(chongqing,))


def trail(**case) -> list[str]:
    return list(CaseEvent.objects.filter(**case).values_list("action", flat=True))


# --- Enquiry stages ----------------------------------------------------------------------------


def test_the_first_response_is_recorded_once(enquiry, officer):
    moved = cases.move_enquiry(enquiry, EnquiryStage.AWAITING_RESPONSE, actor=officer)
    first = moved.first_response_at
    assert first is not None and moved.last_contact_at == first

    cases.move_enquiry(moved, EnquiryStage.ENGAGED, actor=officer)
    cases.move_enquiry(moved, EnquiryStage.AWAITING_RESPONSE, actor=officer)

    assert Enquiry.objects.get(pk=enquiry.pk).first_response_at == first


def test_a_move_that_makes_no_sense_is_refused_and_changes_nothing(enquiry, officer):
    with pytest.raises(CaseError, match="cannot move"):
        cases.move_enquiry(enquiry, EnquiryStage.PROJECT, actor=officer)
    with pytest.raises(CaseError, match="cannot move"):
        cases.move_enquiry(enquiry, EnquiryStage.NON_RESPONSIVE, actor=officer, reason="x")

    assert Enquiry.objects.get(pk=enquiry.pk).stage == EnquiryStage.NEW
    assert trail(enquiry=enquiry) == []


def test_closing_an_enquiry_needs_a_reason(enquiry, officer):
    with pytest.raises(CaseError) as refused:
        cases.move_enquiry(enquiry, EnquiryStage.NOT_APPLICABLE, actor=officer, reason="  ")
    assert refused.value.field == "reason"

    cases.move_enquiry(enquiry, EnquiryStage.NOT_APPLICABLE, actor=officer, reason="A reseller")
    event = CaseEvent.objects.get(enquiry=enquiry)
    assert (event.before, event.after, event.note) == (
        {"stage": "new"},
        {"stage": "not-applicable"},
        "A reseller",
    )


def test_the_offices_limit_who_works_a_case(enquiry, chengdu):
    stranger = factories.group_member(chengdu)
    with pytest.raises(CaseNotAllowed):
        cases.move_enquiry(enquiry, EnquiryStage.AWAITING_RESPONSE, actor=stranger)


def test_staff_without_the_right_to_work_cases_are_refused(enquiry, chongqing):
    member = factories.staff(chongqing)  # in the office, but in no investment group
    with pytest.raises(CaseNotAllowed):
        cases.add_note(enquiry, "Called", actor=member)


def engaged(enquiry, user):
    cases.move_enquiry(enquiry, EnquiryStage.AWAITING_RESPONSE, actor=user)
    return cases.move_enquiry(enquiry, EnquiryStage.ENGAGED, actor=user)


def test_an_engaged_enquiry_becomes_a_project_with_its_data(enquiry, officer, chongqing):
    engaged(enquiry, officer)

    project = cases.convert_to_project(enquiry, actor=officer)

    assert (project.investor, project.sector, project.city, project.office) == (
        enquiry.company,
        "vehicles",
        "chongqing",
        chongqing,
    )
    assert project.planned_investment_yuan == 200_000_000 and project.planned_jobs == 150
    assert project.stage == ProjectStage.LEAD
    assert Enquiry.objects.get(pk=enquiry.pk).stage == EnquiryStage.PROJECT
    assert "project-created" in trail(project=project)


# --- Project gates and permissions --------------------------------------------------------------


@pytest.fixture
def project(chongqing, officer):
    return factories.project(chongqing)


def test_a_gate_lists_what_is_missing_and_changes_nothing(project, manager):
    with pytest.raises(GateNotMet) as refused:
        cases.move_project(project, ProjectStage.SIGNED, actor=manager)

    assert refused.value.missing == [
        "project manager",
        "planned investment (yuan)",
        "formal contract value (yuan)",
        "signed on",
        "planned jobs",
    ]
    assert "fill in: project manager, planned investment (yuan)" in refused.value.message
    assert Project.objects.get(pk=project.pk).stage == ProjectStage.LEAD
    assert trail(project=project) == []


def test_the_gate_is_said_in_chinese_for_chinese_staff(project, manager):
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(GateNotMet) as refused:
        cases.move_project(project, ProjectStage.NEGOTIATION, actor=manager)

    assert "项目经理、" in refused.value.message, refused.value.message


SIGNABLE = {
    "planned_investment_yuan": 300_000_000,
    "contract_value_yuan": 280_000_000,
    "signed_on": date(2026, 9, 1),
    "planned_jobs": 200,
    "construction_started_on": date(2026, 10, 1),
    "funds_arrived_yuan": 50_000_000,
    "production_started_on": date(2026, 11, 1),
}

MOVES = [
    (ProjectStage.LEAD, ProjectStage.NEGOTIATION, "move_to_negotiation"),
    (ProjectStage.NEGOTIATION, ProjectStage.SIGNED, "move_to_signed"),
    (ProjectStage.SIGNED, ProjectStage.CONSTRUCTION, "move_to_construction"),
    (ProjectStage.CONSTRUCTION, ProjectStage.PRODUCTION, "move_to_production"),
]


def holding(office, *codenames):
    """Staff of the office who work cases and hold exactly these rights besides."""
    user = factories.staff(office)
    rights = Permission.objects.filter(
        content_type__app_label="invest", codename__in=["work_cases", *codenames]
    )
    user.user_permissions.add(*rights)
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize(("start", "target", "right"), MOVES)
def test_each_right_allows_exactly_its_move(chongqing, start, target, right):
    user = holding(chongqing, right)
    for _start, other, other_right in MOVES:
        if other_right == right:
            continue
        project = factories.project(chongqing, stage=_start, owner=user, **SIGNABLE)
        with pytest.raises(CaseNotAllowed, match="ask an investment manager"):
            cases.move_project(project, other, actor=user)
        assert Project.objects.get(pk=project.pk).stage == _start

    project = factories.project(chongqing, stage=start, owner=user, **SIGNABLE)
    assert cases.move_project(project, target, actor=user).stage == target


def test_officers_negotiate_and_managers_sign(project, officer, manager):
    cases.update_project(project, {"owner": officer, **SIGNABLE}, actor=officer)
    cases.move_project(project, ProjectStage.NEGOTIATION, actor=officer)

    with pytest.raises(CaseNotAllowed):
        cases.move_project(project, ProjectStage.SIGNED, actor=officer)
    cases.move_project(project, ProjectStage.SIGNED, actor=manager)

    assert Project.objects.get(pk=project.pk).stage == ProjectStage.SIGNED
    stages = CaseEvent.objects.filter(project=project, action="stage")
    assert [(e.actor, e.after["stage"]) for e in stages] == [
        (officer, "negotiation"),
        (manager, "signed"),
    ]


def test_a_jump_needs_every_gate_and_right_on_the_way(project, officer, manager):
    cases.update_project(project, {"owner": officer, **SIGNABLE}, actor=officer)
    with pytest.raises(CaseNotAllowed):
        cases.move_project(project, ProjectStage.SIGNED, actor=officer)
    assert cases.move_project(project, ProjectStage.PRODUCTION, actor=manager).stage == (
        ProjectStage.PRODUCTION
    )


def test_a_gate_field_of_a_reached_stage_stays_filled(project, officer, manager):
    cases.update_project(project, {"owner": officer, **SIGNABLE}, actor=officer)
    cases.move_project(project, ProjectStage.SIGNED, actor=manager)

    with pytest.raises(GateNotMet, match="formal contract value"):
        cases.update_project(project, {"contract_value_yuan": None}, actor=officer)
    assert Project.objects.get(pk=project.pk).contract_value_yuan == 280_000_000


def test_dates_follow_each_other(project, officer):
    with pytest.raises(CaseError) as refused:
        cases.update_project(
            project,
            {"signed_on": date(2026, 9, 1), "construction_started_on": date(2026, 8, 1)},
            actor=officer,
        )
    assert refused.value.field == "construction_started_on"


def test_an_edit_records_only_what_changed(project, officer):
    cases.update_project(
        project, {"name": project.name, "contract_value_yuan": 1_000_000}, actor=officer
    )
    event = CaseEvent.objects.get(project=project, action="edited")
    assert (event.before, event.after) == (
        {"contract_value_yuan": None},
        {"contract_value_yuan": "1000000"},
    )


def test_bad_statuses_need_a_reason_and_outcomes_a_manager(project, officer, manager):
    with pytest.raises(CaseError) as refused:
        cases.set_project_status(project, ProjectStatus.DELAYED, actor=officer)
    assert refused.value.field == "reason"
    cases.set_project_status(project, ProjectStatus.DELAYED, actor=officer, reason="Land")

    with pytest.raises(CaseNotAllowed):
        cases.set_project_status(project, ProjectStatus.LOST, actor=officer, reason="Went to Xi'an")
    cases.set_project_status(project, ProjectStatus.LOST, actor=manager, reason="Went to Xi'an")

    with pytest.raises(CaseError, match="set it ongoing again"):
        cases.move_project(project, ProjectStage.NEGOTIATION, actor=manager)


def test_only_a_signed_project_is_won(project, manager):
    with pytest.raises(CaseError, match="signed"):
        cases.set_project_status(project, ProjectStatus.WON, actor=manager)


# --- Owner, team, handover ---------------------------------------------------------------------


def test_owner_and_team_are_staff_of_the_case(enquiry, officer, chongqing, chengdu):
    colleague = factories.staff(chongqing)
    outsider = factories.staff(chengdu)

    cases.assign_team(enquiry, owner=officer, team=[colleague], actor=officer)
    with pytest.raises(CaseError, match="not on the staff"):
        cases.assign_team(enquiry, owner=officer, team=[colleague, outsider], actor=officer)

    assert list(enquiry.team.values_list("user", flat=True)) == [colleague.pk]
    event = CaseEvent.objects.get(enquiry=enquiry, action="team")
    assert event.after == {"owner": officer.username, "team": [colleague.username]}


def test_a_handover_moves_the_lead_and_both_offices_keep_the_case(
    enquiry, officer, chongqing, chengdu, django_capture_on_commit_callbacks, mailoutbox
):
    cases.assign_team(enquiry, owner=officer, team=[], actor=officer)
    chengdu_officer = factories.group_member(chengdu)
    cases.add_note(enquiry, "Prefers Chengdu", actor=officer)

    with django_capture_on_commit_callbacks(execute=True):
        cases.hand_over(enquiry, chengdu, actor=officer, note="Wants Tianfu New Area")

    enquiry.refresh_from_db()
    assert enquiry.lead_office == chengdu and enquiry.owner is None
    assert set(enquiry.offices.all()) == {chongqing, chengdu}
    # Both sides see the case and all of its history.
    for user in (officer, chengdu_officer):
        from twincity.invest.permissions import visible_enquiries

        assert visible_enquiries(user).filter(pk=enquiry.pk).exists()
    assert trail(enquiry=enquiry) == ["team", "note", "handover"]
    handover = CaseEvent.objects.get(enquiry=enquiry, action="handover")
    assert handover.before["lead_office"] == chongqing.pk
    assert handover.after["lead_office"] == chengdu.pk
    [message] = mailoutbox
    assert message.to == [chengdu.email]
    assert enquiry.reference in message.subject and "Wants Tianfu New Area" in message.body
    assert f"/admin/invest/enquiries/{enquiry.pk}/" in message.body


def test_a_handover_needs_a_note_and_another_office(enquiry, officer, chongqing, chengdu):
    with pytest.raises(CaseError) as refused:
        cases.hand_over(enquiry, chengdu, actor=officer, note=" ")
    assert refused.value.field == "note"
    with pytest.raises(CaseError, match="leads the case already"):
        cases.hand_over(enquiry, chongqing, actor=officer, note="x")
    assert Enquiry.objects.get(pk=enquiry.pk).lead_office == chongqing


# --- Notes and tasks -----------------------------------------------------------------------------


def test_notes_and_tasks_of_a_project_are_filed_with_its_enquiry(enquiry, officer):
    engaged(enquiry, officer)
    project = cases.convert_to_project(enquiry, actor=officer)

    cases.add_note(project, "Site visit", actor=officer)
    task = cases.add_task(
        project, "Send land prices", date(2026, 1, 5), assignee=officer, actor=officer
    )

    assert CaseNote.objects.get().enquiry == enquiry
    assert task.enquiry == enquiry and task.project is None
    cases.set_task_done(task, True, actor=officer)
    cases.set_task_done(task, False, actor=officer)
    assert CaseTask.objects.get().done_at is None
    assert trail(enquiry=enquiry)[-4:] == ["note", "task", "task-done", "task-undone"]


def test_a_task_needs_a_title_and_a_date(enquiry, officer):
    with pytest.raises(CaseError):
        cases.add_task(enquiry, "", date(2026, 1, 1), assignee=None, actor=officer)
    with pytest.raises(CaseError):
        cases.add_task(enquiry, "Call", None, assignee=None, actor=officer)
    assert not CaseTask.objects.exists()


# --- The audit trail -------------------------------------------------------------------------------


def test_every_change_of_a_case_is_in_its_trail_in_words(enquiry, officer, manager, chengdu):
    from django.utils import translation

    from twincity.invest.services import audit

    cases.assign_team(enquiry, owner=officer, team=[], actor=officer)
    engaged(enquiry, officer)
    cases.add_note(enquiry, "Visited the plant", actor=officer)
    task = cases.add_task(enquiry, "Send prices", date(2026, 1, 5), assignee=None, actor=officer)
    cases.set_task_done(task, True, actor=officer)
    project = cases.convert_to_project(enquiry, actor=officer)
    cases.update_project(project, {"owner": officer, **SIGNABLE}, actor=officer)
    cases.move_project(project, ProjectStage.SIGNED, actor=manager)
    cases.set_project_status(project, ProjectStatus.WON, actor=manager)
    cases.hand_over(enquiry, chengdu, actor=manager, note="Chengdu runs the plant")

    events = list(CaseEvent.objects.filter(enquiry=enquiry).select_related("actor"))
    assert [event.action for event in events] == [
        "team",
        "stage",
        "stage",
        "note",
        "task",
        "task-done",
        "stage",
        "project-created",
        "edited",
        "stage",
        "status",
        "handover",
    ]
    assert all(event.actor in (officer, manager) for event in events)
    for language in ("en", "zh-hans"):
        with translation.override(language):
            lines = audit.describe(events)
        assert all(line.action != event.action for line, event in zip(lines, events, strict=True))
    with translation.override("zh-hans"):
        handover = audit.describe(events[-1:])[0]
    assert handover.action == "移交其他部门"
    assert ("牵头部门", enquiry.lead_office.name_zh, chengdu.name_zh) in handover.changes
