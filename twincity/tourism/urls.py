"""The travel section's addresses around its pages (under the language prefix): the joint
campaigns' counters and the trip planner. Names are in the `tourism` namespace."""

from django.urls import path

from . import trip_views, views

app_name = "tourism"

urlpatterns = [
    path("campaigns/<int:campaign_id>/seen/<str:side>/", views.seen, name="campaign-seen"),
    path("campaigns/<int:campaign_id>/go/<str:side>/", views.go, name="campaign-go"),
    path("trip-planner/", trip_views.trip_planner, name="trip-planner"),
    path("trip-planner/plan.ics", trip_views.trip_calendar, name="trip-calendar"),
    path("trip-planner/plan.pdf", trip_views.trip_pdf, name="trip-pdf"),
]
