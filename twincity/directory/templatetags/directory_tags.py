"""`{% organisation_logo organisation "list" %}`: the logo, sized for its place, named in the
page's language for those who cannot see it."""

from django import template
from wagtail.images.models import SourceImageIOError

from twincity.core.localisation import localised

from ..models import Organisation
from ..selectors import LOGO_FILTERS

register = template.Library()


@register.inclusion_tag("directory/includes/logo.html")
def organisation_logo(organisation: Organisation, place: str) -> dict:
    if organisation.logo is None:
        return {}
    try:
        rendition = organisation.logo.get_rendition(LOGO_FILTERS[place])
    except SourceImageIOError:
        return {}  # the file has gone from storage: no logo beats a broken image
    return {"rendition": rendition, "alt": localised(organisation, "name")}
