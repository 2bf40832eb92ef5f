"""Partners' keys to the API (issued by staff to an organisation of the directory)."""

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

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name}"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes
