"""The site shell: the home page and the settings editors keep for header and footer."""

import copy

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail_localize.fields import SynchronizedField, TranslatableField

from twincity.core.generation import GenerationMemo, generation_of
from twincity.core.hooks import HOME_PAGE_SECTIONS, extras
from twincity.core.localisation import localised
from twincity.core.models import DemoContentMixin

# The live page at each URL path (its id and class), kept per content generation: a publish,
# move or unpublish starts a new one.
_live_pages_by_url_path = GenerationMemo()
# Each site's PortalSettings, kept the same way.
_portal_settings = GenerationMemo()


class HomePage(DemoContentMixin, Page):  # noqa: DJ008 - Page has __str__
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    # The banner at the top: a picture with a heading, a line of text and one link.
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("banner image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide picture; it is cropped to 8:3 around its focal point."),
    )
    banner_image_alt = models.CharField(
        _("banner image description"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for those who cannot see it."),
    )
    banner_heading = models.CharField(_("banner heading"), max_length=120, blank=True)
    banner_text = models.CharField(_("banner text"), max_length=300, blank=True)
    banner_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("banner link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    banner_link_label = models.CharField(_("banner link label"), max_length=60, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("banner_image"),
                FieldPanel("banner_image_alt"),
                FieldPanel("banner_heading"),
                FieldPanel("banner_text"),
                FieldPanel("banner_link"),
                FieldPanel("banner_link_label"),
            ],
            heading=_("Banner"),
        ),
        FieldPanel("intro"),
    ]
    # The picture is the same in every language; its description, the texts and the link's
    # label are translated, and the link leads to the page of the translation's language.
    # The link follows the page's language: the Chinese banner leads to the Chinese page
    # (a translatable relation is replaced by its translation in the target locale).
    override_translatable_fields = [
        SynchronizedField("banner_image"),
        TranslatableField("banner_link"),
    ]
    serve_select_related = ("banner_image",)
    promote_panels = [*Page.promote_panels, FieldPanel("is_demo")]
    subpage_types = ["news.NewsIndexPage", "events.EventIndexPage", "tourism.PlaceIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find a page below home by its URL path in two queries, not two per level of the tree.

        A page class may name the relations its template always shows in `serve_select_related`;
        they come with the page instead of one query each.
        """
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            found = _live_pages_by_url_path.get(
                url_path,
                generation_of(request.META),
                lambda: (
                    Page.objects.filter(url_path=url_path, live=True)
                    .values_list("pk", "content_type_id")
                    .first()
                ),
            )
            if found is not None:
                page_class = ContentType.objects.get_for_id(found[1]).model_class()
                related = getattr(page_class, "serve_select_related", ())
                return (
                    page_class.objects.select_related(*related).get(pk=found[0]).route(request, [])
                )
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The sections below the banner come from the apps (news, travel, ...), in their order.
        # A callable: the template's shared content (core.fragments) asks for them on a miss only.
        context["sections"] = lambda: extras(HOME_PAGE_SECTIONS, self, request)
        return context


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Header and footer lines of a Chinese government-style portal, editable by editors."""

    host_en = models.CharField(_("host (English)"), max_length=200, blank=True)
    host_zh = models.CharField(_("host (Chinese)"), max_length=200, blank=True)
    undertaker_en = models.CharField(_("undertaker (English)"), max_length=200, blank=True)
    undertaker_zh = models.CharField(_("undertaker (Chinese)"), max_length=200, blank=True)
    telephone = models.CharField(_("telephone"), max_length=50, blank=True)
    wechat_url = models.URLField(
        _("WeChat URL"),
        blank=True,
        help_text=_("The footer shows a QR code generated from this address."),
    )
    copyright_en = models.CharField(_("copyright line (English)"), max_length=300, blank=True)
    copyright_zh = models.CharField(_("copyright line (Chinese)"), max_length=300, blank=True)
    icp_number = models.CharField(
        _("ICP licence number"),
        max_length=100,
        blank=True,
        help_text=_("For example 渝ICP备12005872号-5"),
    )
    public_security_number = models.CharField(
        _("public-security filing number"),
        max_length=100,
        blank=True,
        help_text=_("For example 渝公网安备50010302000001号"),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("host_en"),
                FieldPanel("host_zh"),
                FieldPanel("undertaker_en"),
                FieldPanel("undertaker_zh"),
            ],
            heading=_("Header"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("telephone"),
                FieldPanel("wechat_url"),
                FieldPanel("copyright_en"),
                FieldPanel("copyright_zh"),
                FieldPanel("icp_number"),
                FieldPanel("public_security_number"),
            ],
            heading=_("Footer"),
        ),
    ]

    class Meta:
        verbose_name = _("portal settings")

    @classmethod
    def for_request(cls, request):
        """The site's settings for a page's header and footer: read on every page, so kept per
        content generation (saving them starts a new one); each request gets its own copy, as
        Wagtail marks the instance with the request."""
        attribute = cls.get_cache_attr_name()
        if not hasattr(request, attribute):
            site = Site.find_for_request(request)
            kept = _portal_settings.get(
                site.pk if site else None, generation_of(request.META), lambda: cls.for_site(site)
            )
            own = copy.copy(kept)
            own._request = request
            setattr(request, attribute, own)
        return getattr(request, attribute)

    @property
    def host(self) -> str:
        return localised(self, "host")

    @property
    def undertaker(self) -> str:
        return localised(self, "undertaker")

    @property
    def copyright(self) -> str:
        return localised(self, "copyright")

    @property
    def public_security_code(self) -> str:
        """The digits of the filing number, which the MPS site's link expects."""
        return "".join(ch for ch in self.public_security_number if ch.isdigit())
