"""Registrations in the Wagtail admin (menu Events → Registrations): who registered, their
answers to the event's questions and their check-in, filtered by event, ticket type, status,
check-in and date, searched by name or e-mail address, and downloaded as CSV or Excel.

The list is for looking, never for changing: registrations are made, cancelled and checked in
through the services, which count seats under a lock, so the admin offers no add, edit or
delete (`ListedOnly`). Staff of a co-organiser see the registrations of the events their
organisation co-organises (`permissions.managed_source_events`, the rule of every events admin
page); event managers and superusers see all.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from twincity.core import spreadsheets
from twincity.core.localisation import localised

from . import exports
from .access import MANAGER_PERMISSION
from .dates import beijing_time
from .models import Question, Registration, TicketType
from .permissions import managed_source_events

VIEW_PERMISSION = "events.view_registration"


class ListedOnly(ModelPermissionPolicy):
    """Registrations may be viewed in the admin (with the right to view them, or as the site's
    event managers), never added, edited or deleted there."""

    def user_has_permission(self, user, action):
        return action == "view" and (
            user.has_perm(VIEW_PERMISSION) or user.has_perm(MANAGER_PERMISSION)
        )

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames(
            ["view_registration", MANAGER_PERMISSION.split(".")[1]]
        )


register_permission_policy(Registration, ListedOnly(Registration), exact_class=True)


def managed_registrations(user) -> QuerySet[Registration]:
    return Registration.objects.filter(ticket_type__event__in=managed_source_events(user))


# --- Filters -----------------------------------------------------------------------------------


def events_of(request) -> QuerySet:
    return managed_source_events(request.user).order_by("title")


def ticket_types_of(request) -> QuerySet[TicketType]:
    return (
        TicketType.objects.filter(event__in=managed_source_events(request.user))
        .select_related("event")
        .order_by("event__title", "pk")
    )


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("Event"), field_name="ticket_type__event", queryset=events_of
    )
    ticket_type = django_filters.ModelChoiceFilter(label=_("Ticket type"), queryset=ticket_types_of)
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Registration.Status.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    # "Yes": the registration has a check-in (its absence excluded), "No": it has none.
    checked_in = django_filters.BooleanFilter(
        label=_("Checked in"),
        field_name="check_in",
        lookup_expr="isnull",
        exclude=True,
        widget=BooleanRadioSelect,
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Registered between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Registration
        fields: list[str] = []


# --- Columns -----------------------------------------------------------------------------------


def answers_of(registration: Registration):
    """The registration's answers under their questions, one per line."""
    questions = registration.ticket_type.event.questions.all()  # prefetched with the page
    return format_html_join(
        "\n",
        "<p>{}: {}</p>",
        (
            (localised(question, "text"), registration.answers[str(question.pk)])
            for question in questions
            if str(question.pk) in registration.answers
        ),
    )


def check_in_of(registration: Registration) -> str:
    entry = getattr(registration, "check_in", None)
    if entry is None:
        return ""
    return f"{beijing_time(entry.checked_in_at)} · {entry.gate}"


REGISTERED_AT = Column(
    "created_at",
    label=_("Registered at"),
    sort_key="created_at",
    accessor=lambda registration: beijing_time(registration.created_at),
)
COLUMNS = [
    "name",
    Column("email", label=_("E-mail address"), sort_key="email"),
    Column("phone", label=_("Mobile phone number")),
    Column("event", label=_("Event"), accessor=lambda r: r.ticket_type.event.title),
    Column(
        "ticket_type", label=_("Ticket type"), accessor=lambda r: localised(r.ticket_type, "name")
    ),
    Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
    REGISTERED_AT,
    Column("check_in", label=_("Checked in"), accessor=check_in_of),
    Column("answers", label=_("Answers"), accessor=answers_of),
]


# --- Views -------------------------------------------------------------------------------------


class RegistrationIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet[Registration]:
        return (
            managed_registrations(self.request.user)
            .select_related("ticket_type__event", "check_in", "invitation_code")
            .prefetch_related(
                Prefetch(
                    "ticket_type__event__questions",
                    queryset=Question.objects.order_by("sort_order", "pk"),
                )
            )
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """The filtered registrations as the organisers' own exports write them (exports.py):
        a column per question, text never taken for a formula (core.spreadsheets)."""
        table = exports.registration_table(str(_("Registrations")), queryset)
        return spreadsheets.download([table], spreadsheet_format, self.get_filename())


class RegistrationInspectView(generic.InspectView):
    """One registration: only for those who manage its event."""

    def get_object(self, queryset=None):
        registration = super().get_object(queryset)
        if not managed_registrations(self.request.user).filter(pk=registration.pk).exists():
            raise PermissionDenied
        return registration

    def get_field_display_value(self, field_name, field):
        shown = {
            "answers": lambda: answers_of(self.object),
            "check_in": lambda: check_in_of(self.object),
            "created_at": lambda: beijing_time(self.object.created_at),
            "ticket_type": lambda: str(self.object.ticket_type),
        }
        if field_name in shown:
            return shown[field_name]()
        return super().get_field_display_value(field_name, field)

    def get_field_label(self, field_name, field):
        labels = {"answers": _("Answers"), "check_in": _("Checked in")}
        return labels.get(field_name) or super().get_field_label(field_name, field)


class RegistrationViewSet(ModelViewSet):
    name = "event_registrations"
    url_prefix = "events/registrations"
    model = Registration
    icon = "list-ul"
    menu_label = _("Registrations")
    add_to_admin_menu = False
    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = COLUMNS
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email"]
    search_backend_name = None  # the database's own search: registrations are not indexed
    list_export = ["name", "email", "phone", "ticket_type", "status", "created_at"]
    export_filename = "registrations"
    inspect_view_fields = [
        "name",
        "email",
        "phone",
        "organisation_name",
        "city_of_origin",
        "language",
        "ticket_type",
        "invitation_code",
        "status",
        "created_at",
        "answers",
        "check_in",
    ]
    ordering = "-created_at"

    def get_urlpatterns(self):
        """The list and a registration's page only: nothing here adds, edits or deletes one."""
        looking = {"index", "index_results", "inspect"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in looking]

    def get_form_class(self, for_update=False):
        return None  # no add or edit view (get_urlpatterns)
