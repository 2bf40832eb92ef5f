"""Data for investment tests. Offices and staff as an administrator sets them up; enquiries
made directly in the database until a test needs the sending service itself (then use
twincity.invest.services.enquiries).

Helpers may add functions here; keep each one small and built on the ones above it.
"""

import itertools

from django.contrib.auth.models import User
from django.utils import timezone

from twincity.invest.models import Enquiry, IntendedCity, Office, Project, Timeline

_numbers = itertools.count(1)
PASSWORD = "correct horse battery staple"


def unique(prefix: str) -> str:
    return f"{prefix}{next(_numbers)}"


def office(city: str = "chongqing", **fields) -> Office:
    names = {
        "chongqing": ("Chongqing investment office", "重庆招商办公室"),
        "chengdu": ("Chengdu investment office", "成都投资促进办公室"),
    }[city]
    fields = {"name_en": unique(names[0] + " "), "name_zh": unique(names[1]), **fields}
    return Office.objects.create(city=city, email=f"{unique('office')}@example.org", **fields)


def staff(office_: Office, *, is_staff: bool = True, **fields) -> User:
    """A member of the office's staff (Wagtail admin access unless is_staff=False)."""
    user = User.objects.create_user(
        username=unique("staff"), password=PASSWORD, is_staff=is_staff, **fields
    )
    office_.members.add(user)
    return user


def enquiry(*, offices: tuple[Office, ...] = (), **fields) -> Enquiry:
    values = {
        "name": "Anna Schmidt",
        "email": f"{unique('investor')}@example.com",
        "company": "Rhein Antriebe GmbH",
        "company_country": "Germany",
        "sector": "vehicles",
        "intended_city": IntendedCity.CHONGQING,
        "planned_investment_yuan": 200_000_000,
        "planned_jobs": 150,
        "timeline": Timeline.WITHIN_A_YEAR,
        "consented_at": timezone.now(),
        **fields,
    }
    created = Enquiry.objects.create(**values)
    if offices:
        created.offices.set(offices)
        created.lead_office = offices[0]
        created.save(update_fields=["lead_office"])
    return created


def project(office_: Office, **fields) -> Project:
    values = {
        "name": unique("Drive-unit plant "),
        "investor": "Rhein Antriebe GmbH",
        "sector": "vehicles",
        "city": office_.city,
        "office": office_,
        **fields,
    }
    return Project.objects.create(**values)


def routing_rule(offices: tuple[Office, ...], **fields):
    """An active rule routing to `offices` (the first leads)."""
    from twincity.invest.models import RouteOffice, RoutingRule

    rule = RoutingRule.objects.create(name=unique("Rule "), **fields)
    for order, office_ in enumerate(offices):
        RouteOffice.objects.create(rule=rule, office=office_, sort_order=order)
    return rule


def group_member(office_: Office, group: str = "Investment officers", **fields) -> User:
    """Staff of the office in one of the groups of the data migration ("Investment officers",
    "Investment managers")."""
    from django.contrib.auth.models import Group

    user = staff(office_, **fields)
    user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)  # without the permission cache of the user above
