"""Hooks of the investment app's figures part (see wagtail_hooks.py): the admin's "Investment
figures" page, in the "Investment" menu, and the demo's year of enquiries and projects."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from twincity.core.hooks import DEMO_LOADERS

from .hooks_enquiries import INVEST_ADMIN_MENU
from .views import figures as views


class FiguresMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return views.can_see_figures(request.user)


@hooks.register("register_admin_urls")
def register_figures_urls():
    return [
        path(
            "invest/figures/",
            views.figures_permission_required(views.investment_figures),
            name="invest_figures",
        )
    ]


@hooks.register(INVEST_ADMIN_MENU)
def register_figures_menu_item():
    return FiguresMenuItem(
        _("Investment figures"), reverse("invest_figures"), icon_name="table", order=900
    )


@hooks.register(DEMO_LOADERS, order=62)
def load_demo_cases(homes, locales) -> str:
    """After the offices (order 61): a year of invented enquiries and projects."""
    from .demo_cases import load_demo_cases

    return load_demo_cases()
