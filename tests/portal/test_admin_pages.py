"""Every admin page the site's own apps add to Wagtail has a title of its own, in the editor's
language: the browser tab and the history say which page it is (not " - Wagtail")."""

import re
from datetime import date
from html import unescape

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import URLResolver, get_resolver
from wagtail.permissions import policy_registry
from wagtail.users.models import UserProfile

from tests.events import factories as event_factories
from tests.invest import factories as invest_factories
from tests.talent import factories as talent_factories

pytestmark = pytest.mark.django_db

# Views that answer with part of a page (a listing's results, a chooser's JSON) or a file.
PARTIAL_VIEW_NAMES = re.compile(r"(^|_)results$|^(choose|chosen|chosen_multiple|create)$")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
HAN = re.compile(r"[\u4e00-\u9fff]")


def sample_booth():
    from twincity.talent.models import Booth

    return Booth.objects.create(
        fair=talent_factories.fair(), organisation=talent_factories.enterprise(), number="A1"
    )


def sample_registration():
    from twincity.events.models import TicketType

    event = event_factories.event()
    return event_factories.register(TicketType.objects.get(event=event))


def sample_invitation_code():
    return event_factories.invitation_code(event_factories.ticket_type(event_factories.event()))


def sample_event_staff():
    from twincity.events.models import EventStaff

    return EventStaff.objects.get(user=event_factories.organiser_staff(event_factories.event()))


def sample_enquiry():
    return invest_factories.enquiry(offices=(invest_factories.office(),))


def sample_project():
    return invest_factories.project(invest_factories.office())


def sample_case_task():
    from twincity.invest.models import CaseTask

    return CaseTask.objects.create(
        enquiry=sample_enquiry(), title="Call the investor", due_on=date(2026, 12, 1)
    )


# Rows the test database lacks (the job fair's demo is not loaded: tests/conftest.py).
def sample_partner_key():
    from twincity.api import keys
    from twincity.api.models import Scope

    key, _text = keys.issue_key(talent_factories.enterprise(), "sample", [Scope.READ_EXTENDED])
    return key


def sample_webhook_endpoint():
    from twincity.api import webhooks

    return webhooks.create_endpoint(
        talent_factories.enterprise(), "https://partner.example/hooks", ["news.published"]
    )


def sample_webhook_delivery():
    from twincity.api.models import WebhookDelivery

    return WebhookDelivery.objects.create(
        endpoint=sample_webhook_endpoint(), event="news.published", payload={"id": 1}
    )


SAMPLE_MAKERS = {
    "api.partnerkey": sample_partner_key,
    "api.webhookendpoint": sample_webhook_endpoint,
    "api.webhookdelivery": sample_webhook_delivery,
    "talent.fair": talent_factories.fair,
    "talent.recruiter": talent_factories.recruiter,
    "talent.booth": sample_booth,
    "events.registration": sample_registration,
    "events.invitationcode": sample_invitation_code,
    "events.eventstaff": sample_event_staff,
    "invest.enquiry": sample_enquiry,
    "invest.project": sample_project,
    "invest.casetask": sample_case_task,
}
# Arguments of the apps' own views, by name, and the model whose row they name.
ARGUMENT_MODELS = {
    "key_id": "api.partnerkey",
    "endpoint_id": "api.webhookendpoint",
    "delivery_id": "api.webhookdelivery",
    "campaign_id": "tourism.campaign",
    "enquiry_id": "invest.enquiry",
    "project_id": "invest.project",
    "task_id": "invest.casetask",
}


def site_apps_admin_patterns():
    """(route, URL pattern, model or None) of each admin URL whose view or model is one of
    the site's own apps, found in the URL configuration: what an app adds is tested without
    being listed here."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern

    for route, pattern in walk(get_resolver().url_patterns):
        view = getattr(pattern.callback, "view_class", pattern.callback)
        model = getattr(pattern.callback, "view_initkwargs", {}).get("model")
        if isinstance(model, str):
            model = apps.get_model(model)
        own = view.__module__.startswith("twincity.") or (
            model is not None and model.__module__.startswith("twincity.")
        )
        if route.startswith("admin/") and own and not PARTIAL_VIEW_NAMES.search(pattern.name):
            yield route, pattern, model


def sample_pk(model) -> int:
    row = model._default_manager.order_by("pk").first()
    if row is None:
        maker = SAMPLE_MAKERS.get(model._meta.label_lower)
        assert maker, f"no {model._meta.label} in the demo: add a maker to SAMPLE_MAKERS"
        row = maker()
    return row.pk


def page_url(route: str, pattern, model) -> str:
    """The route with each argument filled in with a row of the demo."""
    path = "/" + route
    for name in pattern.pattern.converters:
        related = apps.get_model(ARGUMENT_MODELS[name]) if name in ARGUMENT_MODELS else model
        assert related is not None, f"{route}: say which model <{name}> names in ARGUMENT_MODELS"
        path = re.sub(rf"<(\w+:)?{name}>", str(sample_pk(related)), path)
    return path


def refused_to_superusers(pattern, model, superuser) -> bool:
    """Adding (or copying) a model whose permission policy lets nobody add one (recruiters
    sign up themselves): the admin sends even a superuser away from that form."""
    adds = pattern.name in {"add", "copy"} and model is not None
    return adds and not policy_registry.get_by_type(model).user_has_permission(superuser, "add")


def admin_pages(superuser) -> list[str]:
    urls = [
        page_url(route, pattern, model)
        for route, pattern, model in site_apps_admin_patterns()
        if not refused_to_superusers(pattern, model, superuser)
    ]
    assert len(urls) > 40  # the directory, talent, events, tourism and core pages
    return urls


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("title-editor", "t@example.com", "pw-123456!")
    client.force_login(user)
    return client, user


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_admin_page_of_the_apps_has_its_own_title(editor, language):
    client, user = editor
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    untitled = []
    for url in admin_pages(user):
        response = client.get(url)
        if response.status_code == 405:
            continue  # an action that only takes a POST (a case's stage move): no page of its own
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        title = unescape(TITLE.search(html).group(1)).strip()
        name = title.rsplit(" - ", 1)[0].strip() if " - " in title else ""
        if not name or (language == "zh-hans" and not HAN.search(name)):
            untitled.append(f"{url}: {title!r}")
    assert not untitled, "pages without a title of their own:\n" + "\n".join(untitled)
