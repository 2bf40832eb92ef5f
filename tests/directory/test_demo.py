"""The demo directory: the seed article's group and founders, colleges of both cities, projects.

`load_demo` has loaded it once for the test database (tests/conftest.py); these tests check
what it made and that loading it again adds nothing.
"""

import datetime

import pytest

from twincity.directory.demo import load_directory_demo, read_directory
from twincity.directory.models import CooperationProject, Group, Membership, Organisation

pytestmark = pytest.mark.django_db

DIRECTORY = read_directory()
GROUP, PROJECTS = DIRECTORY["group"], DIRECTORY["projects"]


def directory_counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (Organisation, Group, Membership, CooperationProject)
    )


def test_loading_again_adds_nothing():
    before = directory_counts()
    assert load_directory_demo() == 0
    assert directory_counts() == before


def test_loading_into_an_empty_directory_adds_everything_once():
    for model in (CooperationProject, Group, Organisation):
        model.objects.all().delete()
    added = load_directory_demo()
    assert added == sum(directory_counts())
    assert load_directory_demo() == 0


def test_the_group_has_its_founders_from_the_day_it_was_founded():
    group = Group.objects.get(name_en=GROUP["name_en"])
    founded = datetime.date(2020, 5, 15)
    assert group.founded_on == founded
    founders = {
        (m.organisation.name_zh, m.joined_on, m.is_demo)
        for m in group.memberships.filter(role=Membership.Role.FOUNDER)
    }
    assert founders == {("成都职业技术学院", founded, False), ("四川城市技师学院", founded, False)}


def test_what_is_illustration_is_flagged_as_demo():
    group = Group.objects.get(name_en=GROUP["name_en"])
    assert not group.memberships.filter(role=Membership.Role.MEMBER, is_demo=False).exists()
    projects = demo_projects()
    assert len(projects) == len(PROJECTS) and all(project.is_demo for project in projects)
    assert all("[demo]" in str(project) for project in projects)


def test_colleges_of_both_cities_are_members():
    group = Group.objects.get(name_en=GROUP["name_en"])
    for city in ("chengdu", "chongqing"):
        schools = group.members.filter(kind="school", city=city)
        assert schools.count() >= 8, city


def test_every_demo_organisation_is_valid_and_named_in_both_languages():
    for organisation in Organisation.objects.filter(memberships__group__name_en=GROUP["name_en"]):
        organisation.full_clean()
        assert organisation.name_en and organisation.name_zh


def test_sf_express_is_left_out_until_its_credit_code_is_known():
    # demo.py explains why: no verified unified social credit code for it.
    assert not Organisation.objects.filter(name_zh__contains="顺丰").exists()


def test_every_project_has_partners_of_both_cities_or_beyond():
    for project in demo_projects():
        cities = set(project.partners.values_list("city", flat=True))
        assert len(cities) >= 2, project


def demo_projects() -> list[CooperationProject]:
    titles = [project["title_en"] for project in PROJECTS]
    return list(CooperationProject.objects.filter(title_en__in=titles).prefetch_related("partners"))
