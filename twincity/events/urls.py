"""Registration, tickets, calendars, check-in and booths, under the language prefix."""

from django.urls import include, path

from .views import attendee, pages, staff

urlpatterns = [
    path("events/", include(attendee.urlpatterns)),
    path("events/", include(staff.urlpatterns)),
    path("events/", include(pages.urlpatterns)),
]
