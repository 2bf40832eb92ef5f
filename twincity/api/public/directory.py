"""The directory: organisations of both cities (only those the public directory shows)."""

from datetime import date

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from twincity.core.cities import City
from twincity.core.localisation import localised
from twincity.directory.forms import DirectoryFilterForm
from twincity.directory.models import Group, Membership, Organisation
from twincity.directory.selectors import find_organisations

from ..pagination import CursorPagination, Listing
from ..schemas import LIST_ERRORS, READ_ERRORS
from .common import (
    Id,
    LanguageParams,
    checked_filters,
    choices_literal,
    extended,
    language,
    links,
    not_found,
)

router = Router(tags=["Organisations"])

Kind = choices_literal(Organisation.Kind.values)
OrgCity = choices_literal([City.CHENGDU, City.CHONGQING, City.OTHER])


class OrganisationQuery(LanguageParams):
    kind: Kind | None = None
    city: OrgCity | None = None
    industry: str | None = Field(None, max_length=100, description="In either language.")
    district: str | None = Field(None, max_length=100, description="In either language.")
    q: str | None = Field(None, max_length=100, description="Part of a name or the industry.")


class OrganisationOut(Schema):
    id: int
    name: str = Field(description="In the language asked for.")
    name_en: str
    name_zh: str
    kind: Kind
    kind_label: str
    city: OrgCity
    district: str
    industry: str
    website: str
    url: str
    urls: dict[str, str]
    contact_email: str | None = Field(None, description="read:extended only.")
    contact_phone: str | None = Field(None, description="read:extended only.")


OrganisationOut.model_config["json_schema_extra"] = {
    "examples": [
        {
            "id": 3,
            "name": "Chengdu Logistics Group",
            "name_en": "Chengdu Logistics Group",
            "name_zh": "成都物流集团",
            "kind": "enterprise",
            "kind_label": "Enterprise",
            "city": "chengdu",
            "district": "Qingbaijiang",
            "industry": "Logistics",
            "website": "https://example.com/",
            "url": "https://twincity.example/en/directory/3/",
            "urls": {
                "en": "https://twincity.example/en/directory/3/",
                "zh-hans": "https://twincity.example/zh-hans/directory/3/",
            },
        },
        {
            "id": 3,
            "name": "成都物流集团",
            "name_en": "Chengdu Logistics Group",
            "name_zh": "成都物流集团",
            "kind": "enterprise",
            "kind_label": "企业",
            "city": "chengdu",
            "district": "青白江区",
            "industry": "物流",
            "website": "https://example.com/",
            "url": "https://twincity.example/zh-hans/directory/3/",
            "urls": {
                "en": "https://twincity.example/en/directory/3/",
                "zh-hans": "https://twincity.example/zh-hans/directory/3/",
            },
        },
    ]
}


def organisation_item(organisation: Organisation, request: HttpRequest) -> dict:
    item = {
        "id": organisation.pk,
        "name": localised(organisation, "name", language(request)),
        "name_en": organisation.name_en,
        "name_zh": organisation.name_zh,
        "kind": organisation.kind,
        "kind_label": organisation.get_kind_display(),
        "city": organisation.city,
        "district": organisation.district,
        "industry": organisation.industry,
        "website": organisation.website,
        **links(request, "directory:organisation", organisation.pk),
    }
    if extended(request):
        item["contact_email"] = organisation.contact_email
        item["contact_phone"] = organisation.contact_phone
    return item


def organisation_items(organisations: list, request: HttpRequest) -> list[dict]:
    return [organisation_item(organisation, request) for organisation in organisations]


@router.get(
    "",
    response={200: list[OrganisationOut], **LIST_ERRORS},
    summary="List organisations",
    description="The public directory, by English name, with the directory page's filters.",
    exclude_unset=True,
)
@paginate(CursorPagination)
def list_organisations(request: HttpRequest, filters: Query[OrganisationQuery]):
    cleaned = checked_filters(DirectoryFilterForm, filters.dict(exclude={"lang"}))
    found = find_organisations(
        kind=cleaned.get("kind", ""),
        city=cleaned.get("city", ""),
        industry=cleaned.get("industry", ""),
        district=cleaned.get("district", ""),
        query=cleaned.get("q", ""),
    )
    return Listing(found.order_by("name_en", "pk"), organisation_items)


@router.get(
    "/{int:organisation_id}",
    response={200: OrganisationOut, **READ_ERRORS},
    summary="One organisation",
    exclude_unset=True,
)
def get_organisation(request: HttpRequest, organisation_id: Id, params: Query[LanguageParams]):
    organisation = Organisation.objects.public().filter(pk=organisation_id).first()
    if organisation is None:
        raise not_found()
    return organisation_item(organisation, request)


# --- Groups --------------------------------------------------------------------------------------

groups_router = Router(tags=["Organisations"])


class Member(Schema):
    id: int = Field(description="The organisation's id (/organisations/{id}).")
    name: str
    role: str
    role_label: str


class GroupOut(Schema):
    id: int
    name: str
    name_en: str
    name_zh: str
    founded_on: date | None
    members: list[Member] = Field(description="Its members in the public directory only.")


def groups():
    """Groups with their public members, as the organisations' profiles show them: two queries
    for any number of groups."""
    public = Membership.objects.filter(organisation__in=Organisation.objects.public())
    return Group.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=public.select_related("organisation").order_by("organisation__name_en"),
        )
    ).order_by("name_en", "pk")


def group_items(found: list, request: HttpRequest) -> list[dict]:
    lang = language(request)
    return [
        {
            "id": group.pk,
            "name": localised(group, "name", lang),
            "name_en": group.name_en,
            "name_zh": group.name_zh,
            "founded_on": group.founded_on,
            "members": [
                {
                    "id": membership.organisation_id,
                    "name": localised(membership.organisation, "name", lang),
                    "role": membership.role,
                    "role_label": membership.get_role_display(),
                }
                for membership in group.memberships.all()
            ],
        }
        for group in found
    ]


@groups_router.get(
    "",
    response={200: list[GroupOut], **LIST_ERRORS},
    summary="List groups of organisations",
    exclude_unset=True,
)
@paginate(CursorPagination)
def list_groups(request: HttpRequest, params: Query[LanguageParams]):
    return Listing(groups(), group_items)


@groups_router.get(
    "/{int:group_id}",
    response={200: GroupOut, **READ_ERRORS},
    summary="One group of organisations",
    exclude_unset=True,
)
def get_group(request: HttpRequest, group_id: Id, params: Query[LanguageParams]):
    group = groups().filter(pk=group_id).first()
    if group is None:
        raise not_found()
    return group_items([group], request)[0]
