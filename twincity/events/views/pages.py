"""Views of the events: pages (thin: parse input, call a service, render)."""

urlpatterns: list = []
