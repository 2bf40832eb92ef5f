"""Who may manage an event: staff of any of its co-organisers, and the site's event managers."""

from django.utils.translation import gettext as _

from .errors import NotAllowed
from .models import EventPage, EventStaff

MANAGER_PERMISSION = "events.change_registration"


def can_manage(user, event: EventPage) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_perm(MANAGER_PERMISSION):
        return True
    source_id = event.source_page_id()
    if source_id is None:
        # A page not saved yet (a preview): its co-organisers are only in memory (modelcluster).
        organisers = [organisation.pk for organisation in event.source_page().co_organisers.all()]
        return EventStaff.objects.filter(user=user, organisation__in=organisers).exists()
    # One query, on every view of an event page.
    return EventStaff.objects.filter(user=user, organisation__events__id=source_id).exists()


def check_manager(user, event: EventPage) -> None:
    if not can_manage(user, event):
        raise NotAllowed(_("Only the staff of this event's organisers may do this."))
