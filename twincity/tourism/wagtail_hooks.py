"""Organisers' campaign figures in the Wagtail admin (menu "Campaign figures")."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from twincity.core.hooks import (
    DEMO_LOADERS,
    EVENT_PAGE_EXTRAS,
    HOME_PAGE_SECTIONS,
    SEARCH_SOURCES,
    Extra,
)

from . import selectors, views

HOME_FEATURED_PLACES = 4


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


@hooks.register(EVENT_PAGE_EXTRAS)
def nearby_attractions(event, request) -> Extra | None:
    """Places within walking distance of an event's venue, on the event page."""
    if event.latitude is None:
        return None
    places = selectors.attractions_near(event.latitude, event.longitude, event.locale_id)
    return Extra("tourism/includes/nearby_attractions.html", {"nearby_attractions": places})


@hooks.register(HOME_PAGE_SECTIONS, order=50)
def travel(home, request) -> Extra:
    """Featured places of both cities and the joint promotions that run today (Beijing
    date), in the home page's language."""
    from .models import PlaceIndexPage

    campaigns = selectors.home_campaigns(
        timezone.localdate(), home.locale_id, get_language() or "en"
    )
    return Extra(
        "tourism/includes/home_travel.html",
        {
            "featured_places": selectors.featured_places(home.locale_id, HOME_FEATURED_PLACES),
            "running_campaigns": campaigns,
            "travel_index": PlaceIndexPage.objects.child_of(home).live().first(),
        },
    )


@hooks.register(DEMO_LOADERS, order=50)
def load_tourism_demo(homes, locales) -> str:
    """Places from data/places.json, the first joint campaign and the guidebooks."""
    from .demo import load_tourism

    result = load_tourism(homes, locales)
    return f"places: {result.created} created, {result.updated} updated"


@hooks.register(SEARCH_SOURCES, order=10)
def searched_places():
    from .search import PLACES

    return PLACES


@hooks.register(SEARCH_SOURCES, order=60)
def searched_guidebooks():
    from .search import GUIDEBOOKS

    return GUIDEBOOKS
