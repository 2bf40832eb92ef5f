"""Form pieces for the vocabulary (core/vocabulary.py): a text input that suggests its terms,
and a choice field that takes any spelling of a term."""

from collections.abc import Callable, Iterable

from django import forms

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


class TermChoiceField(forms.ChoiceField):
    """A choice among a vocabulary's keys that also takes any other spelling of a term
    (物流 or Logistics for "logistics"), so that a typed or shared URL in either language
    filters the same; the select shows the term chosen."""

    def __init__(self, *, vocabulary: Vocabulary, **kwargs):
        super().__init__(**kwargs)
        self.vocabulary = vocabulary

    def to_python(self, value) -> str:
        value = super().to_python(value)
        return self.vocabulary.key(value) or value

    def prepare_value(self, value):
        return (self.vocabulary.key(value) or value) if isinstance(value, str) else value
