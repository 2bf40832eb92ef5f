"""Hooks of the investment app's cases part (see wagtail_hooks.py): the admin's "Investment"
menu's case lists (the submenu is the enquiries part's, INVEST_ADMIN_MENU), the case pages'
URLs, and the service levels the worker keeps."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from twincity.core.hooks import PERIODIC_JOBS

from . import permissions
from .hooks_enquiries import INVEST_ADMIN_MENU
from .views import cases as views


class CaseMenuItem(MenuItem):
    """Shown to those who work cases."""

    def is_shown(self, request) -> bool:
        return permissions.can_work_cases(request.user)


@hooks.register("register_admin_urls")
def register_case_urls():
    return [path("invest/", include((views.urlpatterns, views.app_name)))]


@hooks.register(INVEST_ADMIN_MENU)
def register_enquiries_menu_item():
    return CaseMenuItem(
        _("Enquiries"), reverse("invest_cases:enquiries"), icon_name="mail", order=100
    )


@hooks.register(INVEST_ADMIN_MENU)
def register_projects_menu_item():
    return CaseMenuItem(
        _("Projects"), reverse("invest_cases:projects"), icon_name="tasks", order=200
    )


@hooks.register(PERIODIC_JOBS)
def keep_case_service_levels() -> None:
    """Silent enquiries become non-responsive; overdue first responses and tasks are reminded
    once."""
    from .services.cases import run_service_levels

    run_service_levels()
