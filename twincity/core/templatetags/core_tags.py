"""Template tags every app uses: breadcrumbs, language switch, QR code, paired fields, and
the other apps' contributions to a page (`render_extra`)."""

from functools import lru_cache

import segno
from django import template
from django.conf import settings
from django.template.base import NodeList
from django.template.loader_tags import BlockNode
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from twincity.core.fragments import UseNotingToken, shared_html
from twincity.core.generation import GenerationMemo, generation_of
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
    request = context.get("request")
    steps: list[tuple[str, str | None]] = []
    if page is not None and page.pk is not None:
        steps = list(page_steps(page, request))
    steps.extend(trail or [])
    return {"steps": steps, "request": request}


# Both below are the same for every request to a page until the content changes: kept per
# content generation (a move or a retitle starts a new one), by page and address.
_steps_by_page = GenerationMemo()
_translations_by_page = GenerationMemo()


def page_steps(page: Page, request) -> tuple[tuple[str, str], ...]:
    """The page and its ancestors below the root as (title, url), from the home page down."""

    def steps() -> tuple[tuple[str, str], ...]:
        ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=1).only("title", "url_path")
        return tuple((ancestor.title, ancestor.get_url(request)) for ancestor in ancestors)

    key = (page.pk, request.get_host() if request else "")
    return _steps_by_page.get(key, generation_of(request.META) if request else "", steps)


def translation_urls(page: Page, request) -> dict[str, str]:
    """The URL of each live translation of the page, by language code."""

    def urls() -> dict[str, str]:
        siblings = (
            Page.objects.filter(translation_key=page.translation_key, live=True)
            .select_related("locale")
            .only("url_path", "locale__language_code")
        )
        return {sibling.locale.language_code: sibling.get_url(request) for sibling in siblings}

    key = (page.translation_key, request.get_host())
    return _translations_by_page.get(key, generation_of(request.META), urls)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language: the translation of this page when there is one, else its home."""
    request = context["request"]
    page = context.get("page")
    translations = translation_urls(page, request) if isinstance(page, Page) else {}
    links = []
    for code, name in settings.LANGUAGES:
        url = translations.get(code) or translate_url(address_as_read(request), code)
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


class SharedContentNode(template.Node):
    def __init__(self, name: str, variables, vary, nodelist):
        self.name = name
        self.variables = variables
        self.vary = vary
        self.nodelist = nodelist

    def render(self, context) -> str:
        def render_for_all() -> tuple[str, bool]:
            # Resolved here, on a miss only: a callable is called now, so a hit skips its queries.
            variables = self.variables.resolve(context) if self.variables else {}
            token = UseNotingToken(context.get("csrf_token"))
            with context.push(variables or {}, csrf_token=token):
                html = self.nodelist.render(context)
            return html, not token.used

        name = self.name
        if self.vary is not None:
            name = f"{name}|{self.vary.resolve(context)}"
        return shared_html(context.get("request"), name, render_for_all)


@register.tag
def shared_content(parser, token):
    """`{% shared_content [variables] [vary=value] %}…{% endshared_content %}`: what it encloses
    is the same for every visitor of this address (or for every visitor with the same `value`,
    such as the set of vacancies one applied to); rendered once per content generation
    (core.fragments). `variables`: a dict of what only the enclosed part uses, or a callable
    returning one."""
    bits = token.split_contents()[1:]
    vary = None
    if bits and bits[-1].startswith("vary="):
        vary = parser.compile_filter(bits.pop()[len("vary=") :])
    if len(bits) > 1:
        raise template.TemplateSyntaxError("shared_content takes [variables] [vary=value]")
    variables = parser.compile_filter(bits[0]) if bits else None
    nodelist = parser.parse(("endshared_content",))
    parser.delete_first_token()
    # One fragment per place in the templates: two on a page must not share a key.
    name = f"{parser.origin.template_name}:{token.lineno}"
    return SharedContentNode(name, variables, vary, nodelist)


# Where render_content_first leaves the content block's HTML (the template's render context).
EARLY_CONTENT = "twincity:content-rendered-first"


@register.simple_tag(takes_context=True)
def render_content_first(context) -> str:
    """Render the page's `content` block now, before <head> and the header, and keep its HTML
    for `{% content_rendered_first %}` where the block goes. The header's language links carry
    the query parameters the page read, and the content reads its filters itself, lazily
    (core.fragments): it has to come first. Renders as `{% block content %}` would, the most
    derived template's block with `{{ block.super }}` working."""
    context.render_context[EARLY_CONTENT] = BlockNode("content", NodeList()).render(context)
    return ""


@register.simple_tag(takes_context=True)
def content_rendered_first(context) -> str:
    return context.render_context.get(EARLY_CONTENT, "")
