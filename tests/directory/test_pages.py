"""The directory's public pages, in both languages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
        started_on=datetime.date(2021, 9, 1),
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
    assert "成都职业技术学院" in html  # listed: the unknown filters were left out
    english = client.get("/en/directory/", {"kind": "planet"}).content.decode()
    assert f"{Organisation.objects.count()} organisations" in english


def test_profile_shows_memberships_and_projects_in_the_visitors_language(
    client, group_with_members
):
    polytechnic, courier = group_with_members
    html = client.get(f"/zh-hans/directory/{polytechnic.pk}/").content.decode()
    assert "<h1>成都职业技术学院</h1>" in html
    assert "商贸物流职业教育集团" in html and "发起成员 · 2020年5月15日加入" in html
    assert "冷链订单班" in html and "订单班 · 进行中 · 2021年9月1日起" in html
    assert f'合作方： <a href="/zh-hans/directory/{courier.pk}/">演示快递公司</a>' in html
    assert 'aria-current="page">成都职业技术学院</a>' in html
    english = client.get(f"/en/directory/{courier.pk}/").content.decode()
    assert "<h1>Courier Demo Co.</h1>" in english and "914403001922038216" in english


def test_unknown_organisation_is_a_bilingual_404(client):
    response = client.get("/en/directory/999999/")
    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()


def test_a_directory_change_renews_the_content_generation(group_with_members):
    from twincity.core.generation import current_generation

    polytechnic, _courier = group_with_members
    before = current_generation()
    Membership.objects.filter(organisation=polytechnic).update(role="chair")  # no signal: stays
    assert current_generation() == before
    Membership.objects.get(organisation=polytechnic).save()
    assert current_generation() != before


def test_a_profile_lists_every_other_partner_and_marks_demo_projects(client, group_with_members):
    polytechnic, courier = group_with_members
    college = Organisation.objects.create(
        name_en="Partner College", name_zh="合作学院", kind="school", city="chongqing"
    )
    project = CooperationProject.objects.get(title_en="Cold-chain order class")
    project.partners.add(college)
    CooperationProject.objects.filter(pk=project.pk).update(is_demo=True)
    html = client.get(f"/en/directory/{polytechnic.pk}/").content.decode()
    assert "Cold-chain order class [demo] — Order class · Active · since 1 Sep 2021" in html
    assert (
        f'Partners: <a href="/en/directory/{courier.pk}/">Courier Demo Co.</a>, '
        f'<a href="/en/directory/{college.pk}/">Partner College</a>'
    ) in html
    assert f'<a href="/en/directory/{polytechnic.pk}/">' not in html  # not its own partner


def test_logos_show_in_the_list_and_on_the_profile_named_in_the_pages_language(
    client, group_with_members, make_logo
):
    polytechnic, _courier = group_with_members
    polytechnic.logo = make_logo("Polytechnic logo", size=(400, 200))
    polytechnic.save()
    listing = client.get("/zh-hans/directory/", {"q": "成都职业技术学院"}).content.decode()
    assert 'width="80" height="40" alt="成都职业技术学院"' in listing
    profile = client.get(f"/en/directory/{polytechnic.pk}/").content.decode()
    assert 'width="240" height="120" alt="Chengdu Polytechnic"' in profile
    assert "/media/images/polytechnic-logo.max-240x160.png" in profile


def test_a_logo_whose_file_is_gone_is_left_out(client, group_with_members, make_logo):
    polytechnic, _courier = group_with_members
    polytechnic.logo = make_logo("Lost logo")
    polytechnic.save()
    polytechnic.logo.file.storage.delete(polytechnic.logo.file.name)
    response = client.get(f"/en/directory/{polytechnic.pk}/")
    assert response.status_code == 200 and 'class="logo"' not in response.content.decode()


def test_the_list_takes_as_many_queries_for_many_logos_as_for_few(
    client, make_logo, django_assert_num_queries
):
    def add_schools_with_logos(count: int) -> None:
        for number in range(count):
            Organisation.objects.create(
                name_en=f"Logo School {Organisation.objects.count()}",
                name_zh="标志学校",
                kind="school",
                city="chengdu",
                logo=make_logo(f"School logo {number}"),
            )
        client.get("/en/directory/", {"q": "Logo School"})  # renditions are made once, here

    add_schools_with_logos(2)
    with CaptureQueriesContext(connection) as few:
        client.get("/en/directory/", {"q": "Logo School"})
    few_logos_queries = len(few.captured_queries)  # read now: the next request clears the log
    add_schools_with_logos(8)
    with django_assert_num_queries(few_logos_queries):
        html = client.get("/en/directory/", {"q": "Logo School"}).content.decode()
    assert html.count('class="logo"') == 10
