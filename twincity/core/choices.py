"""A quicker `get_FOO_display()` for the project's models.

Django's own rebuilds a dict of the field's choices on every call, hashing each (value, label)
pair; a label is a lazy translation, and hashing it translates it. A vacancy card that shows a
city, an industry and a level of education pays some twenty translations for three words, and
a fair's page of fifty cards a thousand. Here each field's labels are gathered once, still lazy
(so a call shows the active language), and a call translates only the label it returns. The
answer is the same as Django's.
"""

from functools import partialmethod

from django.apps import apps
from django.db import models
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

PROJECT_PACKAGE = "twincity."


def _display(instance, *, field, labels: dict):
    value = getattr(instance, field.attname)
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


def _is_djangos_display(method) -> bool:
    """The method Field.contribute_to_class sets, not one a model defines itself."""
    return isinstance(method, partialmethod) and method.func is models.Model._get_FIELD_display


def quicker_choice_labels() -> None:
    """Give every field with fixed choices of the project's models the quicker display."""
    for model in apps.get_models():
        if not model.__module__.startswith(PROJECT_PACKAGE):
            continue
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            if field.choices is None or isinstance(field.choices, CallableChoiceIterator):
                continue  # choices computed on each use cannot be gathered once
            if not _is_djangos_display(model.__dict__.get(name)):
                continue  # inherited from a parent model (which gets it), or the model's own
            labels = {make_hashable(value): label for value, label in field.flatchoices}
            setattr(model, name, partialmethod(_display, field=field, labels=labels))
