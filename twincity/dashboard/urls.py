"""The economic circle in figures: public pages, open-data downloads, the staff version."""

from django.urls import path

app_name = "dashboard"

urlpatterns: list = []
