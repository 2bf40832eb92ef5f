"""The partner API in the Wagtail admin: Settings → Partner API (keys, webhook endpoints and
their delivery log; admin_views.py), and the worker's sweep of webhook deliveries due."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from twincity.core.hooks import PERIODIC_JOBS

from . import admin_views as views


class PartnerAccessMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return views.may_manage(request.user)


@hooks.register("register_admin_urls")
def register_partner_access_urls():
    return [
        path("partner-api/keys/", views.key_list, name="api_admin_keys"),
        path("partner-api/keys/new/", views.key_issue, name="api_admin_key_issue"),
        path(
            "partner-api/keys/<int:key_id>/revoke/", views.key_revoke, name="api_admin_key_revoke"
        ),
        path("partner-api/webhooks/", views.endpoint_list, name="api_admin_endpoints"),
        path("partner-api/webhooks/new/", views.endpoint_add, name="api_admin_endpoint_add"),
        path(
            "partner-api/webhooks/<int:endpoint_id>/toggle/",
            views.endpoint_toggle,
            name="api_admin_endpoint_toggle",
        ),
        path(
            "partner-api/webhooks/<int:endpoint_id>/deliveries/",
            views.delivery_log,
            name="api_admin_deliveries",
        ),
        path(
            "partner-api/deliveries/<int:delivery_id>/resend/",
            views.delivery_resend,
            name="api_admin_delivery_resend",
        ),
    ]


@hooks.register("register_settings_menu_item")
def register_partner_access_menu_item():
    return PartnerAccessMenuItem(
        _("Partner API"), reverse("api_admin_keys"), icon_name="key", order=910
    )


@hooks.register(PERIODIC_JOBS)
def send_webhooks_due() -> None:
    """Deliveries whose (re)try time has come: what the task backend could not schedule, or a
    worker that stopped while sending left behind."""
    from . import webhooks

    webhooks.send_due()


@hooks.register(PERIODIC_JOBS)
def prune_webhook_deliveries() -> None:
    """The delivery log is kept as long as the task rows (TWINCITY_TASK_RETENTION_DAYS)."""
    from . import webhooks

    webhooks.prune_finished()
