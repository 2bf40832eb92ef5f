"""Staff manage partner access in the Wagtail admin (Settings → Partner API): issue a key to an
organisation of the directory (its whole text shown once), revoke one (refused from the next
request on), register webhook endpoints (their signing secret shown once), read the delivery
log and send a delivery again.

Superusers, and staff given the permission api.manage_partner_access, may do this.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from twincity.directory.models import Organisation

from . import keys, webhooks
from .models import PartnerKey, Scope, WebhookDelivery, WebhookEndpoint, WebhookEvent

PERMISSION = "api.manage_partner_access"
DELIVERIES_SHOWN = 100


def may_manage(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


def check_may_manage(request) -> None:
    if not may_manage(request.user):
        raise PermissionDenied


def page(request, template: str, title: str, context: dict, status: int = 200):
    response = TemplateResponse(
        request,
        f"api/admin/{template}",
        {**context, "page_title": title, "header_title": title, "header_icon": "key"},
        status=status,
    )
    # A key or a secret shown once must not stay in a cache.
    response["Cache-Control"] = "no-store"
    return response


# --- Keys -----------------------------------------------------------------------------------------


class KeyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.order_by("name_en")
    )
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the partner uses it for, e.g. 'mini-program'."),
    )
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Scopes"),
        choices=Scope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Without a scope the key reads the public API only, with its own limit."
        ),
    )
    requests_per_minute = forms.IntegerField(
        label=gettext_lazy("Requests per minute"), min_value=1, max_value=100000, initial=120
    )


def key_list(request):
    check_may_manage(request)
    rows = PartnerKey.objects.select_related("organisation").order_by("-created_at")
    return page(request, "keys.html", _("Partner keys"), {"keys": rows})


@require_http_methods(["GET", "POST"])
def key_issue(request):
    check_may_manage(request)
    form = KeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        key, text = keys.issue_key(
            data["organisation"],
            data["name"],
            data["scopes"],
            by=request.user,
            requests_per_minute=data["requests_per_minute"],
        )
        # Rendered, not redirected: the whole key exists only in this answer.
        return page(request, "key_issued.html", _("Key issued"), {"key": key, "text": text})
    return page(request, "key_form.html", _("Issue a partner key"), {"form": form})


@require_http_methods(["GET", "POST"])
def key_revoke(request, key_id: int):
    check_may_manage(request)
    key = get_object_or_404(PartnerKey.objects.select_related("organisation"), pk=key_id)
    if request.method == "POST":
        keys.revoke(key)
        messages.success(
            request,
            _("The key %(prefix)s… is revoked: it is refused from now on.")
            % {"prefix": key.prefix},
        )
        return redirect("api_admin_keys")
    return page(request, "key_revoke.html", _("Revoke a partner key"), {"key": key})


# --- Webhooks -------------------------------------------------------------------------------------


class EndpointForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.order_by("name_en")
    )
    key = forms.ModelChoiceField(
        label=gettext_lazy("Partner key"),
        queryset=PartnerKey.objects.active().select_related("organisation"),
        required=False,
        help_text=gettext_lazy(
            "Registration webhooks name the attendee only if this key may read registrations."
        ),
    )
    url = forms.URLField(label=gettext_lazy("URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Webhook events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        problem = webhooks.url_problem(url)
        if problem:
            raise forms.ValidationError(problem)
        return url

    def clean(self) -> dict:
        data = super().clean()
        key, organisation = data.get("key"), data.get("organisation")
        if key and organisation and key.organisation_id != organisation.pk:
            self.add_error("key", _("This key belongs to another organisation."))
        return data


def _state(*states) -> Q:
    return Q(deliveries__state__in=states)


def endpoint_list(request):
    check_may_manage(request)
    rows = (
        WebhookEndpoint.objects.select_related("organisation", "key")
        .annotate(
            failed=Count("deliveries", filter=_state(WebhookDelivery.State.FAILED)),
            waiting=Count(
                "deliveries",
                filter=_state(WebhookDelivery.State.PENDING, WebhookDelivery.State.RETRYING),
            ),
        )
        .order_by("organisation__name_en", "pk")
    )
    return page(request, "endpoints.html", _("Webhook endpoints"), {"endpoints": rows})


@require_http_methods(["GET", "POST"])
def endpoint_add(request):
    check_may_manage(request)
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        endpoint = webhooks.create_endpoint(
            data["organisation"], data["url"], data["events"], key=data["key"]
        )
        return page(
            request, "endpoint_made.html", _("Webhook endpoint added"), {"endpoint": endpoint}
        )
    return page(request, "endpoint_form.html", _("Add a webhook endpoint"), {"form": form})


@require_POST
def endpoint_toggle(request, endpoint_id: int):
    check_may_manage(request)
    endpoint = get_object_or_404(WebhookEndpoint, pk=endpoint_id)
    endpoint.is_active = not endpoint.is_active
    endpoint.save(update_fields=["is_active"])
    messages.success(
        request,
        _("The endpoint is active.") if endpoint.is_active else _("The endpoint is disabled."),
    )
    return redirect("api_admin_endpoints")


def delivery_log(request, endpoint_id: int):
    check_may_manage(request)
    endpoint = get_object_or_404(
        WebhookEndpoint.objects.select_related("organisation"), pk=endpoint_id
    )
    deliveries = endpoint.deliveries.prefetch_related("attempt_log")[:DELIVERIES_SHOWN]
    return page(
        request,
        "deliveries.html",
        _("Webhook deliveries"),
        {"endpoint": endpoint, "deliveries": deliveries},
    )


@require_POST
def delivery_resend(request, delivery_id: int):
    check_may_manage(request)
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_id)
    copy = webhooks.resend(delivery)
    messages.success(request, _("Queued again as delivery %(id)s.") % {"id": copy.pk})
    return redirect("api_admin_deliveries", delivery.endpoint_id)
