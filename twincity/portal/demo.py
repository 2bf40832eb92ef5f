"""Demo site: the two languages, their home pages and the portal settings from the seed."""

from urllib.parse import urlparse

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from twincity.core.demo import ensure_locales, translate_page

from .models import HomePage, PortalSettings

HOME = {
    "en": {
        "title": "Home",
        "intro": "<p>News, programmes and events of the Chengdu–Chongqing Economic Circle, "
        "in English and Chinese.</p>",
    },
    "zh-hans": {
        "title": "首页",
        "intro": "<p>成渝地区双城经济圈的新闻、合作项目与活动，中英双语。</p>",
    },
}

# From the seed article's header and footer (its "Commerce" and "Commision" are typos of
# the commission's name, written out correctly here).
SEED_SETTINGS = {
    "host_en": "Chongqing Foreign Trade and Economic Relations Commission",
    "host_zh": "重庆市对外贸易经济委员会",
    "undertaker_en": "Chongqing Investment Promotion Association",
    "undertaker_zh": "重庆市投资促进会",
    "telephone": "+86-023-89018888",
    "copyright_en": "Copyright © 2012 Chongqing Foreign Trade and Economic Relations Commission. "
    "All rights reserved. No copying without permission.",
    "copyright_zh": "版权所有 © 2012 重庆市对外贸易经济委员会　未经许可禁止复制",
}
# Filing numbers are the deployment's own: the seed site's ICP number is not this site's, and
# a made-up public-security number would be shown as real. The footer shows a filing only once
# the operator enters it in Settings → Portal settings. An earlier demo wrote these two.
NOT_THIS_SITES_FILINGS = {
    "icp_number": "渝ICP备12005872号-5",
    "public_security_number": "渝公网安备50010302000000号",
}


@transaction.atomic
def load_site() -> dict[str, HomePage]:
    """Home pages in both languages as the default site's root; returns them by language."""
    locales = ensure_locales()
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.filter(locale=locales["en"]).first()
    if home is None:
        placeholder = site.root_page  # Wagtail's "Welcome to your new Wagtail site!" page
        if placeholder.specific_class is Page and placeholder.slug == "home":
            Page.objects.filter(pk=placeholder.pk).update(slug="welcome-placeholder")
        home = Page.get_first_root_node().add_child(
            instance=HomePage(slug="home", locale=locales["en"], is_demo=True, **HOME["en"])
        )
        home.save_revision().publish()
        site.root_page = home
        site.save()
        if placeholder.specific_class is Page and not placeholder.get_children().exists():
            placeholder.delete()
    homes = {"en": home}
    for code in ("zh-hans",):
        homes[code] = home.get_translation_or_none(locales[code]) or translate_page(
            home, locales[code], HOME[code]
        )
    load_settings(site)
    use_base_url(site)
    return homes


def use_base_url(site: Site) -> None:
    """Full URLs (sitemap, feeds, share cards) use the site's address; Wagtail starts with localhost:80."""
    if site.hostname == "localhost" and site.port == 80:
        address = urlparse(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = address.hostname
        site.port = address.port or (443 if address.scheme == "https" else 80)
        site.save()


def load_settings(site: Site) -> None:
    portal = PortalSettings.for_site(site)
    for name, value in SEED_SETTINGS.items():
        if not getattr(portal, name):
            setattr(portal, name, value)
    for name, value in NOT_THIS_SITES_FILINGS.items():
        if getattr(portal, name) == value:
            setattr(portal, name, "")
    if not portal.wechat_url:
        portal.wechat_url = f"{settings.WAGTAILADMIN_BASE_URL}/zh-hans/"
    portal.save()
