"""Organisers' campaign figures in the Wagtail admin (menu "Campaign figures")."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


class CampaignMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("tourism.view_campaign") or request.user.has_perm(
            "tourism.change_campaign"
        )


def campaign_permission_required(view):
    from django.core.exceptions import PermissionDenied

    def wrapped(request, *args, **kwargs):
        if not CampaignMenuItem("", "").is_shown(request):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@hooks.register("register_admin_urls")
def register_campaign_figures_urls():
    return [
        path(
            "tourism/campaigns/",
            campaign_permission_required(views.campaign_list),
            name="tourism_campaign_figures_list",
        ),
        path(
            "tourism/campaigns/<int:campaign_id>/",
            campaign_permission_required(views.campaign_figures),
            name="tourism_campaign_figures",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_campaign_figures_menu_item():
    return CampaignMenuItem(
        _("Campaign figures"),
        reverse("tourism_campaign_figures_list"),
        icon_name="view",
        order=1100,
    )
