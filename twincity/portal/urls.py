"""The site shell's own pages (under the language prefix), in the `portal` namespace."""

from django.urls import path

from . import styleguide, views

app_name = "portal"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("styleguide/", styleguide.styleguide, name="styleguide"),
]
