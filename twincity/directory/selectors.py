"""Reads of the directory for its public pages, each in a fixed number of queries."""

from django.db.models import F, Prefetch, Q, QuerySet
from wagtail.images import get_image_model

from twincity.core.vocabulary import DISTRICTS, INDUSTRIES

from .models import CooperationProject, Membership, Organisation

# Rendition of a logo per place it is shown; the `organisation_logo` template tag uses them.
LOGO_FILTERS = {"list": "max-80x80", "profile": "max-240x160"}


def find_organisations(
    *, kind: str = "", city: str = "", industry: str = "", district: str = "", query: str = ""
) -> QuerySet:
    """Organisations matching every filter given; `query` matches either name or the industry.
    An industry or district is found by any spelling of it (物流, Logistics, logistics).

    Their logos come with them, with the list's renditions: two queries for any number of logos.
    """
    organisations = Organisation.objects.public().prefetch_related(
        Prefetch(
            "logo", queryset=get_image_model().objects.prefetch_renditions(LOGO_FILTERS["list"])
        )
    )
    if kind:
        organisations = organisations.filter(kind=kind)
    if city:
        organisations = organisations.filter(city=city)
    if industry:
        organisations = organisations.filter(INDUSTRIES.stored_in("industry", industry))
    if district:
        organisations = organisations.filter(DISTRICTS.stored_in("district", district))
    if query:
        organisations = organisations.filter(
            Q(name_en__icontains=query)
            | Q(name_zh__icontains=query)
            | Q(industry__icontains=query)
            | (INDUSTRIES.stored_in("industry", query) if INDUSTRIES.key(query) else Q())
        )
    return organisations.order_by("name_en")


def industries() -> list[str]:
    return distinct_values("industry")


def districts() -> list[str]:
    return distinct_values("district")


def distinct_values(field: str) -> list[str]:
    return list(
        Organisation.objects.public()
        .exclude(**{field: ""})
        .order_by(field)
        .values_list(field, flat=True)
        .distinct()
    )


def organisation_profile(pk: int) -> Organisation:
    """One public organisation with its logo, memberships and projects, in four queries;
    Organisation.DoesNotExist for one that is not public.

    Each project gets `other_partners`: its public partners but this organisation.
    """
    organisation = (
        Organisation.objects.public()
        .select_related("logo")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("group").order_by("group__name_en"),
            ),
            Prefetch(
                "cooperation_projects",
                # Newest first; projects without a start date (planned ones) last on every database.
                queryset=CooperationProject.objects.order_by(
                    F("started_on").desc(nulls_last=True), "title_en"
                ).prefetch_related(Prefetch("partners", queryset=Organisation.objects.public())),
            ),
        )
        .get(pk=pk)
    )
    for project in organisation.cooperation_projects.all():
        project.other_partners = [
            partner for partner in project.partners.all() if partner.pk != organisation.pk
        ]
    return organisation
