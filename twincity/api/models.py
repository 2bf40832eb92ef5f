"""Partners' keys to the API (issued by staff to an organisation of the directory), and the
webhooks that tell partners' systems what happened (webhooks.py sends them)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twincity.directory.models import Organisation


class Scope(models.TextChoices):
    """What a key may do beyond the public read API, which needs no key."""

    READ_EXTENDED = "read:extended", _("Read more fields (contact details, capacities)")
    VACANCIES_WRITE = "vacancies:write", _("Post vacancies for its own enterprise")
    REGISTRATIONS_WRITE = (
        "registrations:write",
        _("Register attendees for events the organisation co-organises"),
    )
    REGISTRATIONS_READ = (
        "registrations:read",
        _("Read the registrations and check-ins of events the organisation co-organises"),
    )


class PartnerKeyQuerySet(models.QuerySet):
    def active(self) -> "PartnerKeyQuerySet":
        return self.filter(revoked_at__isnull=True)


class PartnerKey(models.Model):
    """One key of one partner. Only a hash of the secret is stored: the whole key is shown
    once, when staff issue it (keys.issue_key)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="partner_keys",
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the partner uses it for, e.g. 'mini-program'.")
    )
    # The first characters of the key, stored as they are: how a key is found, and how staff
    # and the partner tell their keys apart in lists and logs.
    prefix = models.CharField(_("key prefix"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"), default=120, help_text=_("Beyond it the API answers 429.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    objects = PartnerKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner key")
        verbose_name_plural = _("partner keys")
        ordering = ["organisation", "name"]
        # Issuing and revoking keys, and managing webhooks, is for superusers and staff given
        # this permission (the admin pages of wagtail_hooks.py ask for it).
        permissions = [
            ("manage_partner_access", _("Can issue and revoke partner keys and manage webhooks"))
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name}"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class WebhookEvent(models.TextChoices):
    """What a partner's system may be told of (webhooks.py says who is told what)."""

    REGISTRATION_CREATED = "registration.created", _("A registration for a co-organised event")
    REGISTRATION_CANCELLED = (
        "registration.cancelled",
        _("A registration for a co-organised event cancelled"),
    )
    VACANCY_FILLED = "vacancy.filled", _("A vacancy closed (filled)")
    NEWS_PUBLISHED = "news.published", _("A news article published")


class WebhookEndpoint(models.Model):
    """A partner's URL that receives the events it subscribed to, signed with `secret`."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
    )
    # The key whose scopes decide what the payloads may carry (an attendee's name and e-mail
    # only with registrations:read); without one, the payloads carry no personal data.
    key = models.ForeignKey(
        PartnerKey,
        verbose_name=_("partner key"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="webhook_endpoints",
    )
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(_("webhook events"), default=list, blank=True)
    # Needed in clear to sign: shown to staff once, when the endpoint is made.
    secret = models.CharField(max_length=64, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["organisation", "pk"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event to one endpoint, and how its sending went (the delivery log)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        RETRYING = "retrying", _("Failed, will be retried")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed, no more retries")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("webhook event"), max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField(_("payload"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last status"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    resend_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} #{self.pk}"


class WebhookAttempt(models.Model):
    """One POST of a delivery: what the receiver answered, or what went wrong."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveSmallIntegerField()
    attempted_at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_once")
        ]

    def __str__(self) -> str:
        return f"{self.delivery_id}/{self.number}"
