"""Where a person's name or e-mail address is still written: every text column of every table.

Used by the tests of erasure (talent's account deletion, the attendees' erasure): after it, no
row of any model may hold the words, whatever app the row belongs to.
"""

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

TEXT_TYPES = {"CharField", "TextField", "JSONField", "FileField", "SlugField", "EmailField"}


def text_fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.get_internal_type() in TEXT_TYPES and not field.is_relation
    ]


def tables_mentioning(*words: str) -> list[str]:
    """ "app_label.Model.field" for each column that holds any of `words` (any case)."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in text_fields(model):
            as_text = model._base_manager.annotate(as_text=Cast(field.name, models.TextField()))
            for word in words:
                if as_text.filter(as_text__icontains=word).exists():
                    found.append(f"{model._meta.label}.{field.name}")
    return found
