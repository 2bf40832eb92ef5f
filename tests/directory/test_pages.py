"""The directory's public pages, in both languages."""

import datetime

import pytest

from twincity.directory.models import CooperationProject, Group, Membership, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_with_members():
    polytechnic = Organisation.objects.create(
        name_en="Chengdu Polytechnic",
        name_zh="成都职业技术学院",
        kind="school",
        city="chengdu",
        industry="education",
    )
    courier = Organisation.objects.create(
        name_en="Courier Demo Co.",
        name_zh="演示快递公司",
        kind="enterprise",
        city="chongqing",
        industry="logistics",
        credit_code="914403001922038216",
    )
    group = Group.objects.create(
        name_en="Vocational education group for commerce and logistics",
        name_zh="商贸物流职业教育集团",
        founded_on=datetime.date(2020, 5, 15),
    )
    Membership.objects.create(
        group=group, organisation=polytechnic, role="founder", joined_on=group.founded_on
    )
    project = CooperationProject.objects.create(
        title_en="Cold-chain order class",
        title_zh="冷链订单班",
        kind="order_class",
        status="active",
    )
    project.partners.set([polytechnic, courier])
    return polytechnic, courier


def test_list_filters_by_kind_city_and_name_in_either_script(client, group_with_members):
    polytechnic, courier = group_with_members
    html = client.get("/en/directory/", {"kind": "school"}).content.decode()
    assert "Chengdu Polytechnic" in html and "Courier Demo Co." not in html
    html = client.get("/en/directory/", {"city": "chongqing"}).content.decode()
    assert "Courier Demo Co." in html and "Chengdu Polytechnic" not in html
    html = client.get("/zh-hans/directory/", {"q": "职业技术"}).content.decode()
    assert "成都职业技术学院" in html and "演示快递公司" not in html
    html = client.get("/en/directory/", {"industry": "Logistics"}).content.decode()
    assert "Courier Demo Co." in html


def test_unknown_filter_values_are_explained_not_fatal(client, group_with_members):
    response = client.get("/zh-hans/directory/", {"kind": "planet", "city": "mars"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "部分筛选条件无法识别" in html
    assert "成都职业技术学院" in html and "演示快递公司" in html


def test_profile_shows_memberships_and_projects_in_the_visitors_language(
    client, group_with_members
):
    polytechnic, courier = group_with_members
    html = client.get(f"/zh-hans/directory/{polytechnic.pk}/").content.decode()
    assert "<h1>成都职业技术学院</h1>" in html
    assert "商贸物流职业教育集团" in html and "发起成员" in html and "2020年5月15日" in html
    assert "冷链订单班" in html and f'href="/zh-hans/directory/{courier.pk}/"' in html
    assert 'aria-current="page">成都职业技术学院</a>' in html
    english = client.get(f"/en/directory/{courier.pk}/").content.decode()
    assert "<h1>Courier Demo Co.</h1>" in english and "914403001922038216" in english


def test_unknown_organisation_is_a_bilingual_404(client):
    response = client.get("/en/directory/999999/")
    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()


def test_a_directory_change_renews_the_content_generation(group_with_members):
    from twincity.portal.generation import current_generation

    polytechnic, _courier = group_with_members
    before = current_generation()
    Membership.objects.filter(organisation=polytechnic).update(role="chair")  # no signal: stays
    assert current_generation() == before
    Membership.objects.get(organisation=polytechnic).save()
    assert current_generation() != before
