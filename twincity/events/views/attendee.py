"""Views of the events: attendee (thin: parse input, call a service, render)."""

urlpatterns: list = []
