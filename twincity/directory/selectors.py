"""Reads of the directory for its public pages."""

from django.db.models import Prefetch, Q, QuerySet

from .models import Membership, Organisation


def find_organisations(
    *, kind: str = "", city: str = "", industry: str = "", query: str = ""
) -> QuerySet:
    """Organisations matching every filter given; `query` matches either name or the industry."""
    organisations = Organisation.objects.all()
    if kind:
        organisations = organisations.filter(kind=kind)
    if city:
        organisations = organisations.filter(city=city)
    if industry:
        organisations = organisations.filter(industry__iexact=industry)
    if query:
        organisations = organisations.filter(
            Q(name_en__icontains=query) | Q(name_zh__icontains=query) | Q(industry__icontains=query)
        )
    return organisations.order_by("name_en")


def industries() -> list[str]:
    return list(
        Organisation.objects.exclude(industry="")
        .order_by("industry")
        .values_list("industry", flat=True)
        .distinct()
    )


def organisation_profile(pk: int) -> Organisation:
    """One organisation with its memberships and projects, in three queries."""
    return Organisation.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("group").order_by("group__name_en"),
        ),
        "cooperation_projects__partners",
    ).get(pk=pk)
