"""Staff edit a group's members and a project's partners on the admin's edit pages, posting
the forms as the browser would (every field the page holds, with the staff's changes)."""

import datetime

import pytest

from tests.directory.conftest import form_fields
from twincity.directory.demo import read_directory
from twincity.directory.models import CooperationProject, Group, Membership, Organisation

pytestmark = pytest.mark.django_db
GROUP = read_directory()["group"]
GROUPS = "/admin/snippets/directory/group/"
PROJECTS = "/admin/snippets/directory/cooperationproject/"


@pytest.fixture
def editor(staff_with):
    return staff_with("add_group", "change_group", "change_cooperationproject")


def post_form(client, url: str, changes: dict[str, str | list[str] | None], language="en"):
    """Loads the edit form at `url`, applies `changes` (None removes a field) and posts it."""
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    data = form_fields(page.content.decode(), "w-editor-form")
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)


def organisation(name_en: str) -> Organisation:
    return Organisation.objects.get(name_en=name_en)


def new_member(index: int, organisation_pk: int, role="member", joined_on="") -> dict:
    return {
        f"memberships-{index}-id": "",
        f"memberships-{index}-organisation": str(organisation_pk),
        f"memberships-{index}-role": role,
        f"memberships-{index}-joined_on": joined_on,
    }


def test_staff_create_a_group_with_its_members(editor):
    polytechnic = organisation("Chengdu Polytechnic")
    college = organisation("Chongqing City Management College")
    response = post_form(
        editor,
        GROUPS + "add/",
        {
            "name_en": "Two-city tourism education alliance",
            "name_zh": "双城旅游职业教育联盟",
            "founded_on": "2021-04-22",
            "memberships-TOTAL_FORMS": "2",
            **new_member(0, polytechnic.pk, "chair", "2021-04-22"),
            **new_member(1, college.pk),
        },
    )
    assert response.status_code == 302
    group = Group.objects.get(name_en="Two-city tourism education alliance")
    assert {(m.organisation, m.role, m.joined_on) for m in group.memberships.all()} == {
        (polytechnic, "chair", datetime.date(2021, 4, 22)),
        (college, "member", None),
    }


def test_staff_change_remove_and_add_members_of_a_group(editor):
    group = Group.objects.get(name_en=GROUP["name_en"])
    memberships = list(group.memberships.order_by("pk"))
    index = {membership.pk: i for i, membership in enumerate(memberships)}
    founder = memberships[0]
    leaving = memberships[-1]
    newcomer = Organisation.objects.create(
        name_en="Newcomer College", name_zh="新成员学院", kind="school", city="chongqing"
    )
    response = post_form(
        editor,
        f"{GROUPS}edit/{group.pk}/",
        {
            f"memberships-{index[founder.pk]}-role": "secretariat",
            f"memberships-{index[leaving.pk]}-DELETE": "1",
            "memberships-TOTAL_FORMS": str(len(memberships) + 1),
            **new_member(len(memberships), newcomer.pk, joined_on="2022-01-10"),
        },
    )
    assert response.status_code == 302
    founder.refresh_from_db()
    assert founder.role == "secretariat"
    assert not Membership.objects.filter(pk=leaving.pk).exists()
    assert group.memberships.get(organisation=newcomer).joined_on == datetime.date(2022, 1, 10)
    assert group.memberships.count() == len(memberships)


def test_the_same_organisation_twice_is_refused_and_nothing_changes(editor):
    group = Group.objects.get(name_en=GROUP["name_en"])
    before = set(group.memberships.values_list("organisation", "role"))
    count = group.memberships.count()
    already_member = group.memberships.first().organisation
    response = post_form(
        editor,
        f"{GROUPS}edit/{group.pk}/",
        {
            "memberships-0-role": "chair",
            "memberships-TOTAL_FORMS": str(count + 1),
            **new_member(count, already_member.pk),
        },
    )
    assert response.status_code == 200
    assert (
        "Please correct the duplicate data for group and organisation" in response.content.decode()
    )
    assert set(group.memberships.values_list("organisation", "role")) == before


def test_joining_before_the_group_was_founded_is_refused_in_the_staffs_language(editor):
    group = Group.objects.get(name_en=GROUP["name_en"])
    newcomer = Organisation.objects.create(
        name_en="Early Bird College", name_zh="早鸟学院", kind="school", city="chengdu"
    )
    count = group.memberships.count()
    response = post_form(
        editor,
        f"{GROUPS}edit/{group.pk}/",
        {
            "memberships-TOTAL_FORMS": str(count + 1),
            **new_member(count, newcomer.pk, joined_on="2019-12-31"),
        },
        language="zh-hans",
    )
    assert response.status_code == 200
    assert "成员加入日期不能早于集团成立日期" in response.content.decode()
    assert not group.memberships.filter(organisation=newcomer).exists()


def test_staff_choose_a_projects_partners(editor):
    project = CooperationProject.objects.filter(is_demo=True).first()
    partners = [
        organisation("Chengdu Textile College"),
        organisation("Chongqing Electric Power College"),
    ]
    response = post_form(
        editor,
        f"{PROJECTS}edit/{project.pk}/",
        {"partners": [str(partner.pk) for partner in partners], "status": "completed"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert set(project.partners.all()) == set(partners) and project.status == "completed"


def test_without_the_right_to_change_groups_nothing_changes(staff_with):
    client = staff_with("view_group")
    group = Group.objects.get(name_en=GROUP["name_en"])
    response = client.post(f"{GROUPS}edit/{group.pk}/", {"name_en": "Renamed", "name_zh": "改名"})
    assert response.status_code in {302, 403}
    group.refresh_from_db()
    assert group.name_en == GROUP["name_en"]


def test_staff_give_an_organisation_its_logo(staff_with, make_logo):
    client = staff_with("change_organisation")
    college = organisation("Chongqing Three Gorges Polytechnic College")
    logo = make_logo("Three Gorges logo")
    url = f"/admin/snippets/directory/organisation/edit/{college.pk}/"
    assert 'name="logo"' in client.get(url).content.decode()  # the image chooser
    assert post_form(client, url, {"logo": str(logo.pk)}).status_code == 302
    college.refresh_from_db()
    assert college.logo == logo
