"""The "Investment figures" admin page: who may open it, the filter and its errors, both
languages, and the CSV and Excel downloads holding the page's numbers."""

import csv
import io
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.invest import factories
from twincity.invest.models import Enquiry, ProjectStage

pytestmark = pytest.mark.django_db

URL = reverse("invest_figures")
PERIOD = {"start": "2021-01", "end": "2021-03"}


@pytest.fixture
def signed():
    """A Chongqing enquiry of January 2021 answered after 5 hours, signed as a 3.5亿元 project."""
    office = factories.office("chongqing")
    enquiry = factories.enquiry(offices=(office,))
    sent = datetime.fromisoformat("2021-01-12T09:00:00+08:00")
    Enquiry.objects.filter(pk=enquiry.pk).update(
        created_at=sent, first_response_at=sent + timedelta(hours=5)
    )
    return factories.project(
        office,
        enquiry=enquiry,
        stage=ProjectStage.SIGNED,
        signed_on=date(2021, 2, 3),
        contract_value_yuan=350_000_000,
        funds_arrived_yuan=70_000_000,
    )


def officer(language: str = "en"):
    user = factories.staff(factories.office("chengdu"))
    user.groups.add(Group.objects.get(name="Investment officers"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def test_an_officer_sees_the_signed_projects_contract_value(client, signed):
    client.force_login(officer())

    response = client.get(URL, PERIOD)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Investment figures" in page
    assert "CNY 350 million" in page
    assert "/static/invest/figures." in page
    assert 'id="invest-chart-month-enquiries-title"' in page


def test_in_chinese_the_amounts_are_in_yi_yuan(client, signed):
    client.force_login(officer("zh-hans"))

    response = client.get(URL, PERIOD)

    page = response.content.decode()
    assert "3.5亿元" in page and "7,000万元" in page
    assert "招商数据" in page


def test_without_a_query_the_page_shows_the_last_twelve_months(client):
    client.force_login(officer())

    response = client.get(URL)

    assert response.status_code == 200
    assert len(response.context["figures"].by_month) == 12


def editor():
    """An editor of the site's pages, in the admin but with no right on investment cases."""
    user = factories.staff(factories.office("chengdu"))
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_editors_without_the_right_are_turned_away(client):
    client.force_login(editor())

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_a_period_that_ends_before_it_starts_is_refused_and_kept(client, signed):
    client.force_login(officer())

    response = client.get(URL, {"start": "2021-05", "end": "2021-02", "sector": "vehicles"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "The period must start before it ends." in page
    assert 'value="2021-05"' in page and 'value="2021-02"' in page
    assert '<option value="vehicles" selected>' in page
    assert "figures" not in response.context


def test_a_month_that_is_no_month_is_refused_in_chinese(client):
    client.force_login(officer("zh-hans"))

    response = client.get(URL, {"start": "last spring", "end": "2021-02"})

    assert response.status_code == 400
    assert "请按“年-月”格式输入月份，例如 2026-03。" in response.content.decode()
    assert 'value="last spring"' in response.content.decode()


def csv_tables(content: bytes) -> dict[str, list[list[str]]]:
    """The CSV's tables by title (each under its title, a blank line apart)."""
    tables, title = {}, None
    for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))):
        if not row:
            title = None
        elif title is None:
            title = row[0]
            tables[title] = []
        else:
            tables[title].append(row)
    return tables


def same(value):
    """A cell of either file in a form both agree on: numbers as floats, none as ""."""
    if value is None or value == "":
        return ""
    try:
        return float(value)
    except ValueError:
        return value


def test_csv_and_excel_hold_the_same_numbers(client, signed):
    client.force_login(officer())

    as_csv = client.get(URL, {**PERIOD, "format": "csv"})
    as_xlsx = client.get(URL, {**PERIOD, "format": "xlsx"})

    assert as_csv["Content-Type"].startswith("text/csv")
    assert 'filename="investment-figures-2021-01-2021-03-' in as_csv["Content-Disposition"]
    tables = csv_tables(as_csv.content)
    assert list(tables) == ["By month", "By city", "By office", "By sector", "Totals"]
    header, *months = tables["By month"]
    assert header[6] == "Formal contract value (yuan)"
    assert [row[0] for row in months] == ["2021-01", "2021-02", "2021-03"]
    assert months[1][5:8] == ["1", "350000000", "70000000"]  # signed in February
    assert months[0][1:5] == ["1", "5.0", "100.0", "100.0"]
    workbook = openpyxl.load_workbook(io.BytesIO(as_xlsx.content))
    assert workbook.sheetnames == ["By month", "By city", "By office", "By sector", "Totals"]
    for title, rows in tables.items():
        sheet_rows = list(workbook[title].iter_rows(values_only=True))
        assert [[same(value) for value in row] for row in sheet_rows] == [
            [same(value) for value in row] for row in rows
        ], title
    totals = list(workbook["Totals"].iter_rows(values_only=True))[1]
    assert totals[6:8] == (350000000, 70000000)  # numbers, not text


def test_an_export_with_a_bad_filter_is_refused(client):
    client.force_login(officer())

    response = client.get(URL, {"start": "2021-05", "end": "2021-02", "format": "csv"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_the_menu_item_is_shown_to_officers_only(client):
    client.force_login(officer())
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(editor())
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()
