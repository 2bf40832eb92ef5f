"""What every resource of the public API shares: the language, stable ids and the site's
addresses of pages in both languages, the site's own filter forms as validators, and the
fields only a key with `read:extended` sees."""

from collections.abc import Iterable
from typing import Annotated, Literal

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from wagtail.models import Page

from twincity.core.localisation import locale_id

from ..errors import ApiError
from ..language import LANGUAGES
from ..models import Scope

# The largest id a database row can have: a larger one is a 422, never a database error.
MAX_ID = 2**63 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID, description="The item's stable id.")]


class LanguageParams(Schema):
    lang: Literal["en", "zh-hans"] | None = Field(
        None, description="The answer's language; without it, Accept-Language chooses."
    )


def language(request: HttpRequest) -> str:
    return getattr(request, "LANGUAGE_CODE", None) or settings.LANGUAGE_CODE


def language_locale(request: HttpRequest) -> int | None:
    return locale_id(language(request))


def extended(request: HttpRequest) -> bool:
    partner = getattr(request, "partner", None)
    return partner is not None and partner.has_scope(Scope.READ_EXTENDED)


def choices_literal(values: Iterable[str]):
    """A Literal of the values, for the schema's enum of a filter."""
    return Literal[tuple(str(value) for value in values)]


def checked_filters(form_class: type[forms.Form], data: dict, **form_kwargs) -> dict:
    """The filters as the site's own listing form cleans them; a 422 with its (translated)
    messages when one is not valid, where the site's page would quietly drop it."""
    form = form_class({k: v for k, v in data.items() if v not in (None, "")}, **form_kwargs)
    if form.is_valid():
        return form.cleaned_data
    errors = [
        {"field": name, "message": str(message)}
        for name, messages in form.errors.items()
        for message in messages
    ]
    raise ApiError(422, _("Some parameters are not valid."), errors=errors)


def not_found() -> ApiError:
    return ApiError(404, _("Not found."))


# --- Pages: stable ids and addresses -------------------------------------------------------------


class PageLinks:
    """For pages of one language: the id of each one's default-language page (the stable id,
    the same in every language) and its address on the site in each language. One query for
    any number of pages."""

    def __init__(self, pages: list, request: HttpRequest) -> None:
        keys = {page.translation_key for page in pages}
        default_locale = locale_id(settings.LANGUAGE_CODE)
        self.ids: dict = {}
        self.urls: dict = {key: {} for key in keys}
        translations = (
            Page.objects.live()
            .filter(translation_key__in=keys)
            .select_related("locale")
            .only("id", "url_path", "translation_key", "locale__language_code")
        )
        for page in translations if keys else []:
            if page.locale_id == default_locale:
                self.ids[page.translation_key] = page.pk
            url = page.get_url(request=request)
            if url and page.locale.language_code in LANGUAGES:
                self.urls[page.translation_key][page.locale.language_code] = (
                    request.build_absolute_uri(url)
                )

    def id_of(self, page) -> int:
        return self.ids.get(page.translation_key, page.pk)

    def fields(self, page, request: HttpRequest) -> dict:
        urls = self.urls.get(page.translation_key, {})
        return {
            "id": self.id_of(page),
            "url": urls.get(language(request), ""),
            "urls": urls,
        }


def page_in_language(queryset, page_id: int, request: HttpRequest):
    """The page whose default-language page has `page_id`, in the request's language: the
    detail of a page resource. 404 when it does not exist or has no page in that language."""
    source = queryset.filter(pk=page_id, locale_id=locale_id(settings.LANGUAGE_CODE)).first()
    if source is None:
        raise not_found()
    if language(request) == settings.LANGUAGE_CODE:
        return source
    found = queryset.filter(
        translation_key=source.translation_key, locale_id=language_locale(request)
    ).first()
    if found is None:
        raise not_found()
    return found


# --- Plain models: addresses of their site pages -------------------------------------------------


def site_urls(request: HttpRequest, viewname: str, *args) -> dict:
    """The address of a (non-Wagtail) page of the site in each language."""
    urls = {}
    for code in LANGUAGES:
        with translation.override(code):
            urls[code] = request.build_absolute_uri(reverse(viewname, args=args))
    return urls


def links(request: HttpRequest, viewname: str, *args) -> dict:
    urls = site_urls(request, viewname, *args)
    return {"url": urls[language(request)], "urls": urls}
