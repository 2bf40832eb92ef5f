"""One world of users and their objects, built once per test module.

The world is made inside a transaction that is rolled back when the module's tests are done;
each test runs in a savepoint inside it (pytest-django's `django_db`), so a test that changes
something leaves the world as it found it, and no other module ever sees these rows.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.test import Client
from wagtail.models import Page

from tests.events import factories as events
from tests.talent import factories as talent
from twincity.events.models import EventPage
from twincity.events.permissions import grant_event_admin
from twincity.news.models import NewsArticlePage
from twincity.talent import services as talent_services
from twincity.talent.services import assignment
from twincity.tourism.models import Campaign, PlacePage

# The kinds of user of the matrix, in the order of its columns.
USERS = (
    "anonymous",
    "graduate",
    "recruiter_a",
    "recruiter_b",
    "pending",
    "staff_p",
    "staff_q",
    "organiser",
    "editor",
)


@dataclass
class World:
    users: dict[str, User | None] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)
    session_cookies: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:  # hypothesis prints the arguments of a failing example
        return "World(…)"

    def client(self, user: str) -> Client:
        """A fresh client signed in as `user` (the session was made once, with the world)."""
        client = Client()
        if self.session_cookies.get(user):
            from django.conf import settings

            client.cookies[settings.SESSION_COOKIE_NAME] = self.session_cookies[user]
        return client


def co_organise(page: EventPage, organisation) -> None:
    fresh = EventPage.objects.get(pk=page.pk)
    fresh.co_organisers.add(organisation)
    fresh.save_revision().publish()


def wagtail_editor() -> User:
    """A member of Wagtail's own "Editors" group: the association's editor, not a superuser."""
    user = User.objects.create_user(talent.unique("editor") + "@example.org", talent.PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return User.objects.get(pk=user.pk)


def talent_world(world: World) -> None:
    """Enterprise A and B, each with a vacancy, an application to it and interview slots at
    one fair; a pending recruiter of a third enterprise; the graduate; an organiser."""
    recruiter_a, recruiter_b = talent.recruiter(), talent.recruiter()
    # Signed up with an enterprise that was not in the directory: unlisted until approved.
    pending = talent_services.request_recruiter_account(
        email=talent.unique("pending") + "@example.org",
        password=talent.PASSWORD,
        full_name="Pending Pan",
        credit_code=talent.credit_code(),
        organisation_name_en="Pending Enterprise",
        organisation_name_zh="待批企业",
        language="en",
    )
    graduate = talent.graduate(full_name="Matrix Graduate")
    fair = talent.fair()
    vacancy_a = talent.vacancy(recruiter_a, fair=fair)
    vacancy_b = talent.vacancy(recruiter_b, fair=fair)
    application_a = talent.application(graduate, vacancy_a)
    application_b = talent.application(graduate, vacancy_b)
    withdrawn_a = talent.application(talent.graduate(), vacancy_a)
    talent_services.change_status(withdrawn_a, "withdrawn", withdrawn_a.graduate.user)
    slot_a, free_slot_a = talent.interview_slots(recruiter_a, fair, count=2)
    booking_a = talent.booked(graduate, slot_a)
    organiser = talent.organiser()
    run = assignment.run_assignment(fair, organiser)
    search = talent_services.save_search(graduate.user, "Forklift jobs", "q=forklift")
    world.users.update(
        graduate=graduate.user,
        recruiter_a=recruiter_a.user,
        recruiter_b=recruiter_b.user,
        pending=pending.user,
        organiser=organiser,
    )
    world.objects.update(
        graduate=graduate,
        fair=fair,
        vacancy_a=vacancy_a,
        vacancy_b=vacancy_b,
        application_a=application_a,
        application_b=application_b,
        withdrawn_a=withdrawn_a,
        slot_a=slot_a,
        free_slot_a=free_slot_a,
        booking_a=booking_a,
        run=run,
        search=search,
        enterprise_a=recruiter_a.organisation,
        pending_enterprise=pending.organisation,
    )


def events_world(world: World) -> None:
    """Event "shared" of co-organisers P and Q, event_p of P alone, event_q of Q alone; a
    registration (its ticket link) for the shared event."""
    shared = events.event(capacity=5)
    events.booth_spaces(shared, count=2)
    staff_p = events.organiser_staff(shared)
    staff_q = events.organiser_staff(shared)
    organiser_p = staff_p.event_staff.get().organisation
    organiser_q = staff_q.event_staff.get().organisation
    event_p, event_q = events.event(), events.event()
    co_organise(event_p, organiser_p)
    co_organise(event_q, organiser_q)
    chinese_shared = events.chinese_event(shared)
    registration = events.register(shared.ticket_types.get())
    for staff in (staff_p, staff_q):
        grant_event_admin(staff)  # as adding them as event staff in the admin does
    world.users.update(staff_p=staff_p, staff_q=staff_q)
    world.objects.update(
        shared=EventPage.objects.get(pk=shared.pk),
        chinese_shared=chinese_shared,
        event_p=EventPage.objects.get(pk=event_p.pk),
        event_q=EventPage.objects.get(pk=event_q.pk),
        ticket_type_p=event_p.ticket_types.get(),
        registration=registration,
    )


def pages_world(world: World) -> None:
    """Pages of the demo site, and a draft that nobody may read on the site."""
    article = NewsArticlePage.objects.live().filter(locale__language_code="en").first()
    place = PlacePage.objects.live().filter(locale__language_code="en").first()
    home = Page.objects.get(pk=world.objects["shared"].get_parent().get_parent().pk)
    draft = home.add_child(instance=Page(title="Matrix draft", slug="matrix-draft", live=False))
    world.objects.update(
        home=home,
        article=article,
        place=place,
        draft=draft,
        campaign=Campaign.objects.order_by("pk").first(),
    )


def build_world() -> World:
    world = World(users={"anonymous": None})
    talent_world(world)
    events_world(world)
    pages_world(world)
    world.users["editor"] = wagtail_editor()
    for name, user in world.users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            world.session_cookies[name] = client.session.session_key
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, rolled back after the module (so nothing leaks into other tests)."""
    from django.test import override_settings

    private = tmp_path_factory.mktemp("private")
    with override_settings(PRIVATE_MEDIA_ROOT=private), django_db_blocker.unblock():
        # Marked as Django's TestCase marks its class-wide block (setUpTestData): services
        # that insist on a durable transaction of their own run inside it as in any test.
        outer = transaction.atomic()
        outer._from_testcase = True
        with outer:
            yield build_world()
            transaction.set_rollback(True)
