"""Registration, tickets, calendars, check-in and booths, under the language prefix.

The event pages themselves are Wagtail pages (models.py, page_context.py); these are the
addresses around them. Names are in the `events` namespace: {% url 'events:ticket' token %}.
"""

from django.urls import path

from .views import attendee, staff

app_name = "events"

urlpatterns = [
    # attendee
    path("events/<int:event_id>/register/", attendee.register, name="event-register"),
    path("events/<int:event_id>/calendar.ics", attendee.event_ics, name="event-ics"),
    path(
        "events/<int:event_id>/register/check-your-email/",
        attendee.registration_mailed,
        name="registration-mailed",
    ),
    path("events/tickets/<str:access_token>/", attendee.ticket, name="ticket"),
    path(
        "events/tickets/<str:access_token>/confirm/", attendee.confirm_email, name="email-confirm"
    ),
    path("events/tickets/<str:access_token>/cancel/", attendee.cancel, name="ticket-cancel"),
    path("events/tickets/<str:access_token>/accept/", attendee.accept, name="offer-accept"),
    path("events/tickets/<str:access_token>/data/", attendee.my_data, name="ticket-data"),
    path(
        "events/tickets/<str:access_token>/data/download/",
        attendee.my_data_download,
        name="ticket-data-download",
    ),
    path("events/feeds/<str:city>.ics", attendee.feed, name="feed"),
    # staff
    path("events/<int:event_id>/manage/", staff.manage, name="event-manage"),
    path("events/<int:event_id>/export/", staff.export, name="event-export"),
    path("events/<int:event_id>/checkin/", staff.checkin, name="checkin"),
    path("events/<int:event_id>/booths/apply/", staff.booth_apply, name="booth-apply"),
    path("events/<int:event_id>/booths/", staff.booth_applications, name="booth-applications"),
    path("events/<int:event_id>/booths/decide/", staff.booth_decide, name="booth-decide"),
]
