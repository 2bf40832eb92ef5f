"""Views of the events: staff (thin: parse input, call a service, render)."""

urlpatterns: list = []
