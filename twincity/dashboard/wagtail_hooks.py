"""The dashboard's hooks: its section of the home page, the staff version in the Wagtail admin
("Circle figures", under Reports) and the demo's attendance."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from twincity.core.hooks import DEMO_LOADERS, HOME_PAGE_SECTIONS, Extra

from . import staff_views


class StaffFiguresMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return staff_views.can_see(request.user)


@hooks.register("register_admin_urls")
def register_staff_urls():
    return [path("circle/figures/", staff_views.staff_figures, name="dashboard_staff_figures")]


@hooks.register("register_reports_menu_item")
def register_staff_menu_item():
    return StaffFiguresMenuItem(
        _("Economic circle in figures"),
        reverse("dashboard_staff_figures"),
        icon_name="table",
        order=900,
    )


@hooks.register(HOME_PAGE_SECTIONS, order=70)
def home_circle_in_figures(home, request) -> Extra:
    """Each city's totals and what crossed between them, as the dashboard's map writes them
    (published values only), with the way to the whole dashboard."""
    from .figures import all_figures, map_data

    cities, flows = map_data({figure.key: figure for figure in all_figures()})
    return Extra("dashboard/includes/home_circle.html", {"cities": cities, "flows": flows})


@hooks.register(DEMO_LOADERS, order=90)
def load_demo_attendance(homes, locales) -> str:
    """After the events (order 40): visitors registered for the demo events."""
    from .demo import load_demo_attendance

    return load_demo_attendance()
