"""Abstract page bases and mixins that the apps' pages stand on (no tables of their own)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class DemoContentMixin(models.Model):
    """Content that `load_demo` created, labelled as such wherever editors list pages."""

    is_demo = models.BooleanField(
        _("demo content"),
        default=False,
        help_text=_("Created by the demo loader; safe to delete before going live."),
    )

    class Meta:
        abstract = True

    def get_admin_display_title(self):
        title = super().get_admin_display_title()
        return "{} [{}]".format(title, _("demo")) if self.is_demo else title


class SectionIndexPage(DemoContentMixin, Page):
    """The index page of a section (news, events, travel): an introduction over the section's
    listing. One per home page. Each section's page class defines `listing_context(self,
    request) -> dict`, what its template shows under the introduction (filters, a page of the
    listing), usually from its app's page_context module.

    The home page's model is named by the TWINCITY_HOME_PAGE_MODEL setting (as Django names
    the user model), so that core does not know the site shell that sits on top of it.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = [*Page.promote_panels, FieldPanel("is_demo")]
    parent_page_types = [settings.TWINCITY_HOME_PAGE_MODEL]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The template encloses the listing in {% shared_content listing %} (core.fragments):
        # a callable, so that the listing's queries run only when its HTML is not kept.
        context["listing"] = lambda: self.listing_context(request)
        context.update(self.heading_context(request))
        return context

    def heading_context(self, request) -> dict:
        """What the page shows outside the listing (breadcrumbs), computed on every request."""
        return {}


class Consent(models.Model):
    """That someone agreed to a privacy notice: which notice, in which version, when, in which
    language it was shown. By account (`user`) or, for people without one, by `email`.
    Part of the person's data download, and deleted with the rest of their data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
    )
    email = models.EmailField(_("e-mail address"), blank=True, db_index=True)
    notice = models.CharField(_("privacy notice"), max_length=50)
    version = models.CharField(_("version"), max_length=20)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["given_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(email=""),
                name="consent_names_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.notice} {self.version} at {self.given_at:%Y-%m-%d %H:%M}"


class SentMail(models.Model):
    """An e-mail handed to the mail server, by its Message-ID (core.mail): a task run again
    after its worker died does not send it a second time."""

    message_id = models.CharField(max_length=200, primary_key=True)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")

    def __str__(self) -> str:
        return self.message_id
