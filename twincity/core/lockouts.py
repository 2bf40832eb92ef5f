"""Staff lift sign-in locks (django-axes) in the admin: Settings → Locked sign-ins.

A lock ends by itself after settings.AXES_COOLOFF_TIME hours; a person who calls the office
should not have to wait. Superusers, and staff given axes' "delete access attempt" permission,
see who is locked and since when, and lift a lock by account or by address.
"""

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

UNLOCK_PERMISSION = "axes.delete_accessattempt"


def may_unlock(user) -> bool:
    return user.has_perm(UNLOCK_PERMISSION)


def current_locks():
    """Attempts that lock now: as many failures as the limit, the last within the cool-off."""
    since = timezone.now() - get_cool_off()
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


@require_http_methods(["GET", "POST"])
def locked_sign_ins(request):
    if not may_unlock(request.user):
        raise PermissionDenied
    if request.method == "POST":
        lifted = reset(
            username=request.POST.get("username") or None, ip=request.POST.get("address") or None
        )
        messages.success(request, _("Lock lifted (%(count)s records).") % {"count": lifted})
        return redirect("core_locked_sign_ins")
    return TemplateResponse(
        request,
        "core/admin/locked_sign_ins.html",
        {
            "locks": [
                {"attempt": attempt, "until": attempt.attempt_time + get_cool_off()}
                for attempt in current_locks()
            ],
            "page_title": _("Locked sign-ins"),
            # Wagtail's generic base template names the browser tab after header_title.
            "header_title": _("Locked sign-ins"),
            "header_icon": "lock",
        },
    )
