"""Organisers run their events in the Wagtail admin: menu "Events" → Registrations (see
admin_registrations.py), Ticket types, Invitation codes, Questions, Hall plan (booth spaces),
Event staff; and the event pages in the page explorer.

Each organiser's staff sees and edits only the rows of the events their organisation
co-organises (`permissions.managed_source_events`); the event pages are narrowed by
`EventPage.permissions_for_user` (see permissions.py). Rows belong to the event page in the
default language, so the event is chosen among those pages.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from twincity.core.hooks import (
    DEMO_LOADERS,
    HOME_PAGE_SECTIONS,
    PERIODIC_JOBS,
    PERSONAL_DATA,
    PLACE_PAGE_EXTRAS,
    SEARCH_SOURCES,
    Extra,
    PersonalData,
)

from . import codes
from .admin_registrations import RegistrationViewSet
from .models import (
    ACTIVE_STATUSES,
    BoothSpace,
    EventIndexPage,
    EventStaff,
    InvitationCode,
    Question,
    TicketType,
)
from .permissions import (
    editable_event_ids,
    grant_event_admin,
    is_bound_to_organisers,
    managed_source_events,
    revoke_event_admin_if_unbound,
)

HOME_UPCOMING_EVENTS = 4


class EventRowForm(WagtailAdminModelForm):
    """The event is one the user manages, in the default language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "event" in self.fields:
            event = self.fields["event"]
            event.queryset = managed_source_events(self.for_user)
            event.error_messages["invalid_choice"] = _(
                "Choose an event of your organisation, on its page in the default language."
            )


class TicketTypeForm(EventRowForm):
    def clean(self):
        data = super().clean()
        starts, ends = data.get("sale_starts_at"), data.get("sale_ends_at")
        if starts and ends and ends <= starts:
            self.add_error("sale_ends_at", _("Registration must close after it opens."))
        return data


class BoothSpaceForm(EventRowForm):
    def clean(self):
        data = super().clean()
        event, number = data.get("event"), (data.get("number") or "").strip()
        others = BoothSpace.objects.filter(event=event, number=number).exclude(pk=self.instance.pk)
        if event and number and others.exists():
            self.add_error("number", _("This event's hall plan has a booth %s already.") % number)
        data["number"] = number
        return data


class InvitationCodeForm(WagtailAdminModelForm):
    """For a ticket type by invitation of an event the user manages; one code once per ticket
    type, however it is written."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            ticket_type = self.fields["ticket_type"]
            ticket_type.queryset = TicketType.objects.filter(
                event__in=managed_source_events(self.for_user), by_invitation=True
            ).select_related("event")
            ticket_type.error_messages["invalid_choice"] = _(
                "Choose a ticket type by invitation of an event of your organisation."
            )

    def clean(self):
        data = super().clean()
        ticket_type, key = data.get("ticket_type"), codes.normalised(data.get("code", ""))
        twins = InvitationCode.objects.filter(ticket_type=ticket_type, key=key)
        if ticket_type and key and twins.exclude(pk=self.instance.pk).exists():
            self.add_error("code", _("This ticket type has this invitation code already."))
        return data


class OfManagedEvent:
    """A view of one row: only for those who manage the row's event."""

    def get_object(self, *args, **kwargs):
        row = super().get_object(*args, **kwargs)
        if not managed_source_events(self.request.user).filter(pk=row.event_id).exists():
            raise PermissionDenied
        return row


class IndexView(generic.IndexView):
    event_field = "event"  # the path from a row to its event

    def get_base_queryset(self) -> QuerySet:
        rows = super().get_base_queryset()
        managed = {f"{self.event_field}__in": managed_source_events(self.request.user)}
        return rows.filter(**managed).select_related(self.event_field)


class InvitationCodeIndexView(IndexView):
    event_field = "ticket_type__event"

    def get_base_queryset(self) -> QuerySet:
        return (
            super()
            .get_base_queryset()
            .annotate(
                used=Count("registrations", filter=Q(registrations__status__in=ACTIVE_STATUSES))
            )
        )


class EditView(OfManagedEvent, generic.EditView):
    pass


class DeleteView(OfManagedEvent, generic.DeleteView):
    pass


class CopyView(OfManagedEvent, generic.CopyView):
    pass


class RowHistoryView(OfManagedEvent, HistoryView):
    pass


class RowUsageView(OfManagedEvent, UsageView):
    pass


class EventRowViewSet(ModelViewSet):
    """Rows that belong to one event: listed and opened only for the events one manages."""

    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    copy_view_class = CopyView
    history_view_class = RowHistoryView
    usage_view_class = RowUsageView
    add_to_admin_menu = False
    list_filter = ["event"]


class TicketTypeViewSet(EventRowViewSet):
    name = "event_ticket_types"
    url_prefix = "events/ticket-types"
    model = TicketType
    icon = "tag"
    menu_label = _("Ticket types")
    list_display = [
        "name_en",
        "event",
        "kind",
        "capacity",
        "price",
        "by_invitation",
        "sale_starts_at",
        "sale_ends_at",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_zh")]),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("capacity"), FieldPanel("price")]),
            FieldRowPanel([FieldPanel("sale_starts_at"), FieldPanel("sale_ends_at")]),
            FieldPanel("by_invitation"),
            FieldPanel("offer_hours"),
            FieldPanel(
                "is_withdrawn",
                help_text=_("A ticket type with registrations is withdrawn, never deleted."),
            ),
        ],
        base_form_class=TicketTypeForm,
    )


class InvitationCodeViewSet(EventRowViewSet):
    """Codes for the ticket types by invitation (press, speakers); a code left empty is made
    up (codes.py). A code that was used is kept: the registrations made with it point at it."""

    name = "event_invitation_codes"
    url_prefix = "events/invitation-codes"
    model = InvitationCode
    icon = "key"
    menu_label = _("Invitation codes")
    index_view_class = InvitationCodeIndexView
    list_filter = ["ticket_type"]
    list_display = [
        "code",
        "ticket_type",
        Column("uses", label=_("Used"), accessor=lambda code: f"{code.used} / {code.max_uses}"),
        "note",
    ]
    search_fields = ["code", "note"]
    edit_handler = ObjectList(
        [
            FieldPanel("ticket_type"),
            FieldRowPanel([FieldPanel("code"), FieldPanel("max_uses")]),
            FieldPanel("note"),
        ],
        base_form_class=InvitationCodeForm,
    )


class QuestionViewSet(EventRowViewSet):
    name = "event_questions"
    url_prefix = "events/questions"
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["text_en", "event", "kind", "required", "sort_order"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldPanel("text_en"),
            FieldPanel("text_zh"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("required"), FieldPanel("sort_order")]),
            FieldPanel("choices_en"),
            FieldPanel("choices_zh"),
        ],
        base_form_class=EventRowForm,
    )


class BoothSpaceViewSet(EventRowViewSet):
    name = "event_booth_spaces"
    url_prefix = "events/hall-plan"
    model = BoothSpace
    icon = "table"
    menu_label = _("Hall plan")
    list_display = ["number", "hall", "size_sqm", "event"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldRowPanel([FieldPanel("hall"), FieldPanel("number"), FieldPanel("size_sqm")]),
        ],
        base_form_class=BoothSpaceForm,
    )


class EventStaffForm(WagtailAdminModelForm):
    """The person is found by user name or e-mail address: a list of every account would be
    thousands long."""

    account = forms.CharField(label=_("User name or e-mail address"), max_length=254)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("account", self.instance.user.get_username())

    def clean_account(self):
        text = self.cleaned_data["account"].strip()
        users = get_user_model().objects.filter(Q(username__iexact=text) | Q(email__iexact=text))
        found = list(users[:2])
        if len(found) != 1:
            raise forms.ValidationError(
                _("No account has this user name or e-mail address.")
                if not found
                else _("Several accounts have this e-mail address: give the user name.")
            )
        return found[0]

    def clean(self):
        data = super().clean()
        user, organisation = data.get("account"), data.get("organisation")
        twins = EventStaff.objects.filter(user=user, organisation=organisation)
        if user and organisation and twins.exclude(pk=self.instance.pk).exists():
            self.add_error("account", _("This person is event staff of this organisation already."))
        return data

    def save(self, commit=True):
        self.instance.user = self.cleaned_data["account"]
        return super().save(commit)


class StaffIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet:
        return super().get_base_queryset().select_related("user", "organisation")


class StaffCreateView(generic.CreateView):
    def save_instance(self):
        staff = super().save_instance()
        grant_event_admin(staff.user)  # into the admin, narrowed to their organisation's events
        return staff


class StaffEditView(generic.EditView):
    def save_instance(self):
        previous_user = EventStaff.objects.get(pk=self.object.pk).user
        staff = super().save_instance()
        grant_event_admin(staff.user)
        revoke_event_admin_if_unbound(previous_user)
        return staff


class StaffDeleteView(generic.DeleteView):
    def delete_action(self):
        user = self.object.user
        super().delete_action()
        revoke_event_admin_if_unbound(user)


class EventStaffViewSet(ModelViewSet):
    """Who manages events for which organisation: for the site's editors (model rights on
    event staff), never for organisers' staff themselves."""

    name = "event_staff"
    url_prefix = "events/staff"
    model = EventStaff
    icon = "group"
    menu_label = _("Event staff")
    add_to_admin_menu = False
    index_view_class = StaffIndexView
    add_view_class = StaffCreateView
    edit_view_class = StaffEditView
    delete_view_class = StaffDeleteView
    copy_view_enabled = False
    list_display = ["user", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["user__username", "user__email", "organisation__name_en"]
    edit_handler = ObjectList(
        [FieldPanel("account"), FieldPanel("organisation")], base_form_class=EventStaffForm
    )


class EventsAdminGroup(ModelViewSetGroup):
    menu_label = _("Events")
    menu_icon = "date"
    menu_order = 240
    items = (
        RegistrationViewSet,
        TicketTypeViewSet,
        InvitationCodeViewSet,
        QuestionViewSet,
        BoothSpaceViewSet,
        EventStaffViewSet,
    )


@hooks.register("register_admin_viewset")
def register_events_admin():
    return EventsAdminGroup()


@hooks.register("construct_explorer_page_queryset")
def only_own_events_in_explorer(parent_page, pages, request):
    """Organisers' staff see in the explorer the events they may edit, not everyone's."""
    if isinstance(parent_page.specific_deferred, EventIndexPage) and is_bound_to_organisers(
        request.user
    ):
        return pages.filter(pk__in=editable_event_ids(request.user))
    return pages


@hooks.register(PERIODIC_JOBS)
def expire_seat_offers() -> None:
    """Seats offered from an event's waiting list, or held for an e-mail confirmation, and not
    taken up in time pass on."""
    from .services import expire_offers

    expire_offers()


@hooks.register(PERSONAL_DATA)
def registrations_as_personal_data() -> PersonalData:
    """An account's registrations, tickets, check-ins and answers (by account or address), in
    its data download and erased with it."""
    from . import personal_data

    return PersonalData("event_registrations", personal_data.data_about, personal_data.erase)


@hooks.register(HOME_PAGE_SECTIONS, order=20)
def home_upcoming_events(home, request) -> Extra:
    """The next events of the home page's language, beside the news."""
    from .selectors import upcoming_events

    return Extra(
        "events/includes/home_events.html",
        {
            "upcoming_events": upcoming_events(home.locale_id, limit=HOME_UPCOMING_EVENTS),
            "events_index": EventIndexPage.objects.child_of(home).live().first(),
        },
    )


@hooks.register(DEMO_LOADERS, order=40)
def load_events_demo(homes, locales) -> str:
    """After the directory (events name its organisations) and the talent demo (the seed's
    job-fair event links to its fair)."""
    from .demo import load_events

    return f"{load_events(homes, locales)} events added"


@hooks.register(PLACE_PAGE_EXTRAS)
def events_near_a_place(place, request) -> Extra | None:
    """Events at or near a travel place, on the place's page."""
    from .selectors import events_near

    found = events_near(place.latitude, place.longitude, place.locale_id)
    return Extra("events/includes/events_near_place.html", {"nearby_events": found})


@hooks.register(SEARCH_SOURCES, order=30)
def searched_events():
    from .search import EVENTS

    return EVENTS
