"""The registries through which apps show something of each other without importing each other.

Core names each registry here; an app fills one with Wagtail's `hooks.register` in its
`wagtail_hooks.py` (Wagtail imports those modules of every installed app before the first
`get_hooks`), and the app that shows the contributions asks for them with the helpers below.
This is Wagtail's own pattern (`construct_homepage_panels`) and pretix's plugin signals: the
showing side never imports the contributing side.

    # tourism/wagtail_hooks.py: tourism's attractions on an event page
    @hooks.register(EVENT_PAGE_EXTRAS)
    def nearby_attractions(event, request):
        return Extra("tourism/includes/nearby_attractions.html", {"nearby_attractions": ...})
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wagtail import hooks

# fn(home_page, request) -> Extra | None: a section of the home page (news, campaigns, ...).
HOME_PAGE_SECTIONS = "twincity_home_page_sections"
# fn(event_page, request) -> Extra | None: shown below an event page's own content.
EVENT_PAGE_EXTRAS = "twincity_event_page_extras"
# fn(place_page, request) -> Extra | None: shown on a travel place's page.
PLACE_PAGE_EXTRAS = "twincity_place_page_extras"
# fn(organisation, request) -> Extra | None: shown on a directory organisation's profile.
ORGANISATION_PROFILE_EXTRAS = "twincity_organisation_profile_extras"
# fn() -> None: work the worker does every SCHEDULED_PUBLISHING_INTERVAL (pretix's periodic_task).
PERIODIC_JOBS = "twincity_periodic_jobs"
# fn(homes, locales) -> str | None: loads an app's demo content; registered with an `order`
# (Wagtail sorts hooks by it): an app that links to another's demo loads after it.
DEMO_LOADERS = "twincity_demo_loaders"
# fn() -> textsearch.sources.SearchSource: a kind of thing the site search finds (news
# articles, places, events, organisations, vacancies), registered with an `order`: the order
# of the groups on the results page.
SEARCH_SOURCES = "twincity_search_sources"
# fn() -> PersonalData: what an app holds about a person with an account, for their data
# download and for the deletion of their account (PIPL); asked through core.personal_data.
PERSONAL_DATA = "twincity_personal_data"


@dataclass(frozen=True)
class Extra:
    """A contribution to another app's page: a template and the variables it needs."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PersonalData:
    """An app's part of a person's data. `data_about(user)` gives plain data (JSON-ready, dates
    allowed) for the section named `section` of the download; `erase(user)` removes or
    anonymises it, keeping only anonymous counts. `erase` runs outside any transaction, before
    the account is deleted, and is safe to run twice."""

    section: str
    data_about: Callable[[Any], Any]
    erase: Callable[[Any], None]


def extras(hook_name: str, *args: Any) -> list[Extra]:
    """The contributions registered under `hook_name` for these arguments, in the order they
    were registered with (`hooks.register(name, order=...)`); a contributor that has nothing
    to show returns None."""
    found = (contribute(*args) for contribute in hooks.get_hooks(hook_name))
    return [extra for extra in found if extra is not None]
