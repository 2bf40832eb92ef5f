"""Template tags every app uses: breadcrumbs, language switch, QR code, paired fields, and
the other apps' contributions to a page (`render_extra`)."""

from functools import lru_cache

import segno
from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from twincity.core.hooks import Extra
from twincity.core.localisation import is_chinese, localised
from twincity.core.navigation import applied_filter_count, main_menu
from twincity.core.pagecache import address_as_read

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_items(context) -> list:
    """The main menu's sections, the visitor's marked (navigation.main_menu)."""
    request = context["request"]
    return main_menu(request.path, get_language())


@register.inclusion_tag("core/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, trail=None):
    """Home > ... > the current page, from the language's home page down.

    `trail` adds (title, url) steps below `page` for views that are not pages (search) or
    that stand for a filtered index (an article's category).
    """
    steps: list[tuple[str, str | None]] = []
    if page is not None:
        ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=1).only("title", "url_path")
        steps = [
            (ancestor.title, ancestor.get_url(context.get("request"))) for ancestor in ancestors
        ]
    steps.extend(trail or [])
    return {"steps": steps, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language: the translation of this page when there is one, else its home."""
    request = context["request"]
    page = context.get("page")
    translations = {}
    if isinstance(page, Page):
        siblings = (
            Page.objects.filter(translation_key=page.translation_key, live=True)
            .select_related("locale")
            .only("url_path", "locale__language_code")
        )
        translations = {translation.locale.language_code: translation for translation in siblings}
    links = []
    for code, name in settings.LANGUAGES:
        translation = translations.get(code)
        url = (
            translation.get_url(request)
            if translation
            else translate_url(address_as_read(request), code)
        )
        links.append({"code": code, "name": name, "url": url, "current": code == get_language()})
    return links


@lru_cache(maxsize=32)
def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(
        scale=3, dark="#1a1a1a", light="#ffffff", title="WeChat"
    )


@register.simple_tag
def qr_code(url: str):
    """An inline SVG QR code of `url`: no image file, no outside service."""
    return mark_safe(_qr_svg(url)) if url else ""  # noqa: S308 - segno escapes its own output


@register.filter
def open_graph_locale(language_code: str) -> str:
    return {"zh-hans": "zh_CN", "en": "en_US"}.get(language_code, "en_US")


@register.filter
def in_language(instance, field: str) -> str:
    """`{{ organisation|in_language:"name" }}`: name_zh on Chinese pages, name_en otherwise."""
    return localised(instance, field)


@register.simple_tag
def in_other_language(instance, field: str) -> dict:
    """The paired field in the language the page is not in, and that language's code, for a
    line such as the Chinese name under an English title: {"code": "zh-hans", "text": …}."""
    if is_chinese():
        return {"code": "en", "text": getattr(instance, f"{field}_en")}
    return {"code": "zh-hans", "text": getattr(instance, f"{field}_zh")}


@register.simple_tag(takes_context=True)
def render_extra(context, extra: Extra) -> str:
    """Another app's contribution to this page (core.hooks): its template, rendered with the
    page's context and the contribution's own variables on top."""
    template = context.template.engine.get_template(extra.template)
    with context.push(extra.context):
        return template.render(context)


@register.filter
def applied_filters(form) -> int:
    """`{{ form|applied_filters }}`: how many filters of a listing's form are in use."""
    return applied_filter_count(form)
