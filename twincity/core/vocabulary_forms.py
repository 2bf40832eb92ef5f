"""Form pieces for the vocabulary (core/vocabulary.py): a text input that suggests its terms,
and a choice field that takes any spelling of a term."""

from collections.abc import Callable, Iterable

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from twincity.core.vocabulary import Vocabulary


class SuggestionsInput(forms.TextInput):
    """A text input offering the vocabulary's names in the page's language (a <datalist>);
    it still takes any text. `values`, if given, narrows the suggestions to the names of
    those stored values (e.g. the industries the directory holds), unknown ones included."""

    template_name = "core/widgets/suggestions_input.html"

    def __init__(
        self,
        vocabulary: Vocabulary,
        values: Callable[[], Iterable[str]] | None = None,
        attrs: dict | None = None,
    ):
        super().__init__(attrs)
        self.vocabulary = vocabulary
        self.values = values

    def suggestions(self) -> list[str]:
        if self.values is None:
            return [name for _key, name in self.vocabulary.choices()]
        return sorted(self.vocabulary.names(self.values()))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id') or name}-suggestions"
        context["widget"]["attrs"]["list"] = list_id
        context["widget"]["list_id"] = list_id
        context["widget"]["suggestions"] = self.suggestions()
        return context


def html_attributes(attrs: dict) -> str:
    """Attributes in their order, as Django's attrs.html writes them: True gives the bare
    name, False and None leave the attribute out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )


class TermSelect(forms.Select):
    """A <select> of a vocabulary's terms, written in Python. Django renders each <option>
    through two templates: the sixty districts of a listing's filter cost milliseconds on
    every request. The HTML is Django's; a select with option groups is left to Django."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = widget["optgroups"]
        if any(group_name for group_name, _options, _index in groups):
            return super().render(name, value, attrs, renderer)
        options = format_html_join(
            "\n  ",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected") if option["selected"] else "",
                    option["label"],
                )
                for _group, group_options, _index in groups
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>\n  {}\n</select>',
            widget["name"],
            html_attributes(widget["attrs"]),
            options,
        )


class TermChoiceField(forms.ChoiceField):
    """A choice among a vocabulary's keys that also takes any other spelling of a term
    (物流 or Logistics for "logistics"), so that a typed or shared URL in either language
    filters the same; the select shows the term chosen."""

    widget = TermSelect

    def __init__(self, *, vocabulary: Vocabulary, **kwargs):
        super().__init__(**kwargs)
        self.vocabulary = vocabulary

    def to_python(self, value) -> str:
        value = super().to_python(value)
        return self.vocabulary.key(value) or value

    def prepare_value(self, value):
        return (self.vocabulary.key(value) or value) if isinstance(value, str) else value
