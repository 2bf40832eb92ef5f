"""The trip planner's addresses (under the language prefix)."""

from django.urls import path

from . import trip_views

urlpatterns = [
    path("trip-planner/", trip_views.trip_planner, name="trip-planner"),
    path("trip-planner/plan.ics", trip_views.trip_calendar, name="trip-calendar"),
    path("trip-planner/plan.pdf", trip_views.trip_pdf, name="trip-pdf"),
]
