"""The silence rule and the reminders the worker sends, with the time given as a parameter."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.invest import factories
from twincity.invest.models import CaseEvent, CaseTask, Enquiry, EnquiryStage, Project
from twincity.invest.services import cases

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_demo_cases():
    """The demo's year of cases is left out: the jobs here count what they did."""
    Project.objects.all().delete()
    Enquiry.objects.all().delete()


@pytest.fixture
def chongqing():
    return factories.office("chongqing")


@pytest.fixture
def officer(chongqing):
    return factories.group_member(chongqing, email="li.wei@example.org")


@pytest.fixture
def run(django_capture_on_commit_callbacks, mailoutbox):
    """Runs a job as the worker would, the e-mails it queued sent."""

    def run_job(job, now):
        with django_capture_on_commit_callbacks(execute=True):
            return job(now)

    return run_job


def awaiting(office, officer, at):
    enquiry = factories.enquiry(offices=(office,))
    return cases.move_enquiry(enquiry, EnquiryStage.AWAITING_RESPONSE, actor=officer, now=at)


def test_an_enquiry_silent_longer_than_the_limit_becomes_non_responsive(
    chongqing, officer, settings, run
):
    settings.INVEST_SILENCE_DAYS = 42
    start = timezone.now()
    silent = awaiting(chongqing, officer, start)

    assert run(cases.mark_silent_enquiries, start + timedelta(days=41, hours=23)) == 0
    assert run(cases.mark_silent_enquiries, start + timedelta(days=42, minutes=1)) == 1

    silent.refresh_from_db()
    assert silent.stage == EnquiryStage.NON_RESPONSIVE
    event = CaseEvent.objects.filter(enquiry=silent).last()
    assert (event.action, event.actor, event.after) == (
        "silence",
        None,
        {"stage": "non-responsive", "days": 42},
    )
    # Once marked, never again.
    assert run(cases.mark_silent_enquiries, start + timedelta(days=100)) == 0


def test_an_engaged_enquiry_is_never_marked_silent(chongqing, officer, run):
    enquiry = awaiting(chongqing, officer, timezone.now() - timedelta(days=100))
    cases.move_enquiry(enquiry, EnquiryStage.ENGAGED, actor=officer)

    assert run(cases.mark_silent_enquiries, timezone.now() + timedelta(days=60)) == 0


def test_a_late_first_response_is_reminded_once_to_the_owner(
    chongqing, officer, settings, run, mailoutbox
):
    settings.INVEST_FIRST_RESPONSE_HOURS = 48
    enquiry = factories.enquiry(offices=(chongqing,), owner=officer)
    sent = enquiry.created_at

    assert run(cases.remind_first_responses, sent + timedelta(hours=47)) == 0
    assert run(cases.remind_first_responses, sent + timedelta(hours=49)) == 1
    assert run(cases.remind_first_responses, sent + timedelta(hours=90)) == 0

    [message] = mailoutbox
    assert message.to == ["li.wei@example.org"]
    assert enquiry.reference in message.subject
    assert f"/admin/invest/enquiries/{enquiry.pk}/" in message.body
    assert CaseEvent.objects.get(enquiry=enquiry, action="reminded").actor is None


def test_without_an_owner_the_lead_office_is_reminded_in_chinese(chongqing, run, mailoutbox):
    enquiry = factories.enquiry(offices=(chongqing,))

    run(cases.remind_first_responses, enquiry.created_at + timedelta(days=3))

    [message] = mailoutbox
    assert message.to == [chongqing.email]
    assert "提醒" in message.subject, message.subject


def test_an_answered_enquiry_is_not_reminded(chongqing, officer, run, mailoutbox):
    enquiry = factories.enquiry(offices=(chongqing,))
    cases.move_enquiry(enquiry, EnquiryStage.AWAITING_RESPONSE, actor=officer)

    assert run(cases.remind_first_responses, enquiry.created_at + timedelta(days=3)) == 0


def test_a_task_past_due_is_reminded_once_to_its_assignee(chongqing, officer, run, mailoutbox):
    enquiry = factories.enquiry(offices=(chongqing,))
    task = cases.add_task(
        enquiry, "Send the land prices", date(2026, 3, 2), assignee=officer, actor=officer
    )
    done = cases.add_task(enquiry, "Call back", date(2026, 3, 1), assignee=officer, actor=officer)
    cases.set_task_done(done, True, actor=officer)
    on = lambda day: timezone.make_aware(timezone.datetime(2026, 3, day, 9))  # noqa: E731

    assert run(cases.remind_overdue_tasks, on(2)) == 0  # due today: not late yet
    assert run(cases.remind_overdue_tasks, on(3)) == 1
    assert run(cases.remind_overdue_tasks, on(4)) == 0

    [message] = mailoutbox
    assert message.to == ["li.wei@example.org"] and "Send the land prices" in message.body
    assert CaseTask.objects.get(pk=task.pk).reminder_sent_at == on(3)


def test_the_worker_runs_the_service_levels(chongqing, officer, settings, run):
    from wagtail import hooks

    from twincity.core.hooks import PERIODIC_JOBS

    settings.INVEST_SILENCE_DAYS = 0
    enquiry = awaiting(chongqing, officer, timezone.now() - timedelta(seconds=1))

    for job in hooks.get_hooks(PERIODIC_JOBS):
        job()

    assert Enquiry.objects.get(pk=enquiry.pk).stage == EnquiryStage.NON_RESPONSIVE
