"""The quicker get_FOO_display (core/choices.py) answers as Django's own does."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from twincity.core.choices import PROJECT_PACKAGE, _display

# Page models find their default locale in the database when created.
pytestmark = pytest.mark.django_db


def project_fields_with_choices():
    for model in apps.get_models():
        if model.__module__.startswith(PROJECT_PACKAGE):
            for field in model._meta.fields:
                if field.choices is not None:
                    yield model, field


def test_every_choice_shows_the_same_label_as_djangos_in_both_languages():
    compared = 0
    for model, field in project_fields_with_choices():
        values = [value for value, _label in field.flatchoices] + ["not-a-choice", None]
        for value in values:
            instance = model()
            setattr(instance, field.attname, value)
            for language in ("en", "zh-hans"):
                with translation.override(language):
                    shown = getattr(instance, f"get_{field.name}_display")()
                    assert shown == models.Model._get_FIELD_display(instance, field), (
                        model,
                        field.name,
                        value,
                    )
                    compared += 1
    assert compared > 100


def test_the_quicker_display_is_installed_on_the_project_models():
    from twincity.tourism.models import PlacePage

    method = PlacePage.__dict__["get_kind_display"]
    assert method.func is _display
    with translation.override("zh-hans"):
        place = PlacePage(kind="dining")
        assert place.get_kind_display() == models.Model._get_FIELD_display(
            place, PlacePage._meta.get_field("kind")
        )
        assert place.get_kind_display() != "Dining"  # translated when called, not when gathered
