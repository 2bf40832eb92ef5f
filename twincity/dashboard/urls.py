"""The economic circle in figures: public pages, open-data downloads, the staff version."""

from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("circle/", views.index, name="index"),
    path("circle/data/<slug:key>.<str:kind>", views.download, name="download"),
]
