"""The directory of organisations (under the language prefix), in the `directory` namespace."""

from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("directory/", views.organisation_list, name="index"),
    path("directory/<int:pk>/", views.organisation_detail, name="organisation"),
]
