"""`{% sized_image image "card" alt %}`: an <img> of one of the site's image sizes
(core.images.IMAGE_SIZES), with its width and height, lazy unless told otherwise."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.images.models import SourceImageIOError

from twincity.core.images import rendition_spec

register = template.Library()


@register.simple_tag
def sized_image(image, size: str, alt: str = "", *, lazy: bool = True, css_class: str = "") -> str:
    if image is None:
        return ""
    try:
        rendition = image.get_rendition(rendition_spec(size))
    except SourceImageIOError:
        return ""  # the file has gone from storage: no picture beats a broken one
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}"{}{}>',
        rendition.url,
        rendition.width,
        rendition.height,
        alt,
        format_html(' class="{}"', css_class) if css_class else "",
        mark_safe(' loading="lazy"') if lazy else "",
    )
