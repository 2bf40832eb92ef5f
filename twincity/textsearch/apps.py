from django.apps import AppConfig


class TextsearchConfig(AppConfig):
    name = "twincity.textsearch"
    label = "textsearch"
