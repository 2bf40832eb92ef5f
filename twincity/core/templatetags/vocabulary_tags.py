"""`{{ organisation.district|term:"districts" }}` and `{{ vacancy.majors|terms:"majors" }}`:
a stored value of a vocabulary (core/vocabulary.py) in the page's language, whatever language
or spelling it was stored in; a value the vocabulary does not know is shown as it is."""

from django import template
from django.utils.translation import pgettext

from twincity.core.vocabulary import VOCABULARIES

register = template.Library()


@register.filter
def term(value, vocabulary: str) -> str:
    return VOCABULARIES[vocabulary].name(value)


@register.filter
def terms(values, vocabulary: str) -> str:
    """A list of values, named and joined as the language writes a list (、 in Chinese)."""
    separator = pgettext("between the items of a list", ", ")
    return separator.join(VOCABULARIES[vocabulary].names(values))
