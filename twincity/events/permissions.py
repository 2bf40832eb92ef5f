"""Co-organisers edit their own events in the Wagtail admin, and nobody else's.

How the rights come together:
- The group "Event organisers" (`ensure_organisers_group`) opens the admin and gives page
  rights "change" and "publish" on every events index, in every language, plus the rights on
  ticket types, invitation codes, questions and booth spaces, and the right to view
  registrations (never to change them: `access.MANAGER_PERMISSION` is the site's event
  managers' right). Adding someone as event staff in the admin puts
  them in it (`grant_event_admin`).
- Those page rights would reach every event below the index, so `EventPagePermissionTester`
  (returned by `EventPage.permissions_for_user`) narrows them: a user bound to organisers (an
  event staff member, or a member of that group) keeps page rights only on the event pages
  whose co-organisers, as set on the page in the default language, include one of their
  organisations. Wagtail asks this tester before every edit, delete, publish, move, copy or
  revision view, so one rule guards them all.
- Superusers and the site's event managers (`access.MANAGER_PERMISSION`) are not narrowed,
  nor are the association's editors whose rights come from groups of their own.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import QuerySet
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    PagePermissionTester,
)

from .access import MANAGER_PERMISSION
from .models import (
    BoothSpace,
    EventIndexPage,
    EventPage,
    EventStaff,
    InvitationCode,
    Question,
    TicketType,
)

ORGANISERS_GROUP = "Event organisers"
PAGE_RIGHTS = ("change_page", "publish_page")
IMAGE_RIGHTS = ("add_image", "choose_image")
MANAGED_MODELS = (TicketType, InvitationCode, Question, BoothSpace)
# Registrations are listed in the admin, never changed there (admin_registrations.py).
VIEWED_MODELS = ("registration",)


def _cached(user, name: str, compute):
    """Computed once per user object, which lives as long as one request."""
    if not hasattr(user, name):
        setattr(user, name, compute())
    return getattr(user, name)


def staff_organisation_ids(user) -> frozenset[int]:
    return _cached(
        user,
        "_event_staff_organisation_ids",
        lambda: frozenset(
            EventStaff.objects.filter(user=user).values_list("organisation_id", flat=True)
        ),
    )


def is_event_manager(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(MANAGER_PERMISSION))


def is_bound_to_organisers(user) -> bool:
    """Whose page rights are narrowed to their organisations' events."""
    if not user.is_authenticated or is_event_manager(user):
        return False
    in_group = _cached(
        user,
        "_in_event_organisers_group",
        lambda: user.groups.filter(name=ORGANISERS_GROUP).exists(),
    )
    return in_group or bool(staff_organisation_ids(user))


def managed_source_events(user) -> QuerySet:
    """Event pages in the default language (those that own registrations, tickets and booths)
    that `user` may manage: all for event managers, else their organisations' events."""
    events = EventPage.objects.filter(locale=Locale.get_default())
    if is_event_manager(user):
        return events
    if not user.is_authenticated:
        return events.none()
    return events.filter(co_organisers__in=staff_organisation_ids(user)).distinct()


def editable_event_ids(user) -> frozenset[int]:
    """Every language's page of the events `user` may manage (one query, once per request)."""
    return _cached(
        user,
        "_editable_event_ids",
        lambda: frozenset(
            EventPage.objects.filter(
                translation_key__in=managed_source_events(user).values("translation_key")
            ).values_list("pk", flat=True)
        ),
    )


class EventPagePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        self.refused = is_bound_to_organisers(user) and page.pk not in editable_event_ids(user)
        if self.refused:
            self.permissions = set()

    def can_edit(self):
        # Wagtail lets a workflow's reviewers into the editor whatever their page rights;
        # an organiser's staff is refused someone else's event all the same.
        return not self.refused and super().can_edit()


def _permissions(app_label: str, codenames) -> QuerySet:
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


@transaction.atomic
def ensure_organisers_group() -> Group:
    """The group with the admin rights of organisers' staff; safe to call again (also after a
    new events index was added in another language: it gets the rights too)."""
    group, _created = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    model_rights = [
        f"{action}_{model._meta.model_name}"
        for model in MANAGED_MODELS
        for action in ("add", "change", "delete", "view")
    ] + [f"view_{model_name}" for model_name in VIEWED_MODELS]
    group.permissions.add(
        *_permissions("wagtailadmin", ["access_admin"]), *_permissions("events", model_rights)
    )
    page_rights = list(_permissions("wagtailcore", PAGE_RIGHTS))
    for index in EventIndexPage.objects.all():
        for permission in page_rights:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )
    root = Collection.get_first_root_node()
    for permission in _permissions("wagtailimages", IMAGE_RIGHTS):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )
    return group


def grant_event_admin(user) -> None:
    """Let a new event staff member into the admin, where the tester above narrows them."""
    user.groups.add(ensure_organisers_group())


def revoke_event_admin_if_unbound(user) -> None:
    """After a staff row went: someone no longer staff of any organisation leaves the group."""
    if not EventStaff.objects.filter(user=user).exists():
        user.groups.remove(*Group.objects.filter(name=ORGANISERS_GROUP))
