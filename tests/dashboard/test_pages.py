"""The public pages and downloads of the economic circle in figures, and the staff version:
small counts never appear (page, CSV, JSON), nor anything personal; both languages; the
licence; no cookie (the page cache keeps the page); staff only for the staff version."""

import csv
import io
import json
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.dashboard.test_suppression import assert_nothing_small_recoverable
from tests.events import factories as events
from tests.talent import factories as talent
from twincity.dashboard.suppression import Cell, SafeTable, State
from twincity.talent.models import Application

pytestmark = pytest.mark.django_db

INDEX = {"en": "/en/circle/", "zh-hans": "/zh-hans/circle/"}
SECRET_NAME = "Quintilian Oyelaran-Zhu"
SECRET_EMAIL = "quintilian.private@example.org"


@pytest.fixture
def small_placements():
    """Graduates of a Chengdu school placed at a fair: 2 in Chongqing (a small count), 9 and
    7 elsewhere in the table. The test database has no other placements (no talent demo)."""
    school = talent.school(city="chengdu")
    other_school = talent.school(city="chongqing")
    fair = talent.fair()
    chongqing = talent.vacancy(talent.recruiter(), city="chongqing", fair=fair)
    chengdu = talent.vacancy(talent.recruiter(), city="chengdu", fair=fair)
    for vacancy, from_school, count in [
        (chongqing, school, 2), (chengdu, school, 9), (chongqing, other_school, 7),
        (chengdu, other_school, 12),
    ]:  # fmt: skip
        for _ in range(count):
            Application.objects.create(vacancy=vacancy, school=from_school, status="hired")
    return [[9, 2, 0], [12, 7, 0], [0, 0, 0]]  # school city x job city, as the table orders them


@pytest.fixture
def someone_registered():
    page = events.event(city="chengdu")
    return events.register(page.ticket_types.get(), name=SECRET_NAME, email=SECRET_EMAIL)


def test_the_page_renders_in_english_with_every_figure(client, small_placements):
    response = client.get(INDEX["en"])

    assert response.status_code == 200
    page = response.content.decode()
    for title in ("Economic circle in figures", "Attendance across the two cities",
                  "Job-fair placements across the cities", "Joint tourism campaigns",
                  "Investment enquiries and signed projects", "CC BY 4.0"):  # fmt: skip
        assert title in page
    assert '<svg class="circle-map"' in page and 'class="bar-chart"' in page
    for key in ("events", "attendance", "placements", "campaigns", "investment"):
        assert reverse("dashboard:download", args=[key, "csv"]) in page


def test_the_page_renders_in_chinese(client, small_placements):
    response = client.get(INDEX["zh-hans"])

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page
    for words in ("经济圈数据", "两地活动", "招聘会跨城就业", "知识共享", "少于5"):
        assert words in page, words


def test_a_small_count_is_never_published(client, small_placements):
    page = client.get(INDEX["en"]).content.decode()
    row = re.search(r'<table class="data-table circle-table" id="table-placements-by-city">.*?</table>', page, re.S).group(0)  # fmt: skip
    chengdu = re.search(r'<tr data-row="chengdu">(.*?)</tr>', row, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", chengdu, re.S)
    assert "&lt;5" in cells[1]  # Chengdu's school, Chongqing's jobs: 2
    assert all(">2<" not in cell and cell.strip() != "2" for cell in cells)

    data = json.loads(
        client.get(reverse("dashboard:download", args=["placements", "json"])).content
    )
    table = data["tables"][0]
    assert table["rows"][0]["cells"][1] == {
        "value": None,
        "suppressed": True,
        "reason": "fewer-than-5",
    }
    assert data["suppression"]["threshold"] == 5

    text = client.get(reverse("dashboard:download", args=["placements", "csv"])).content.decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(text)))
    chengdu_row = next(r for r in rows if r and r[0] == "Chengdu")
    assert chengdu_row[2] == "<5" and "2" not in chengdu_row[1:]


def test_what_is_published_cannot_give_the_small_count_away(client, small_placements):
    """The published table, read back from the JSON, still fits more than one value of every
    small cell (the brute force of test_suppression)."""
    data = json.loads(
        client.get(reverse("dashboard:download", args=["placements", "json"])).content
    )
    table = data["tables"][0]

    def cell(item) -> Cell:
        if not item["suppressed"]:
            return Cell(item["value"], State.SHOWN)
        return Cell(None, State.SMALL if item["reason"].startswith("fewer") else State.WITHHELD)

    published = SafeTable(
        cells=[[cell(item) for item in row["cells"]] for row in table["rows"]],
        row_totals=[cell(row["total"]) for row in table["rows"]] if "total" in table["rows"][0] else None,
        column_totals=[cell(item) for item in table["column_totals"]] if "column_totals" in table else None,
        total=cell(table["total"]) if "total" in table else None,
    )  # fmt: skip
    assert any(c.state is State.WITHHELD for row in published.cells for c in row)
    assert_nothing_small_recoverable(small_placements, published, 5, 25)


def test_nothing_personal_on_the_page_or_in_the_downloads(client, someone_registered):
    addresses = [INDEX["en"], INDEX["zh-hans"]] + [
        reverse("dashboard:download", args=[key, kind])
        for key in ("events", "attendance", "placements", "campaigns", "investment")
        for kind in ("csv", "json")
    ]
    for address in addresses:
        body = client.get(address).content.decode("utf-8-sig")
        assert SECRET_NAME not in body and SECRET_EMAIL not in body, address
        assert "@example" not in body, address


def test_downloads_state_the_licence(client):
    data = json.loads(client.get(reverse("dashboard:download", args=["events", "json"])).content)
    assert data["licence"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    response = client.get(reverse("dashboard:download", args=["events", "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    first_lines = response.content.decode("utf-8-sig").splitlines()[:2]
    assert "CC BY 4.0" in first_lines[1]


def test_chinese_downloads_are_in_chinese(client):
    data = json.loads(client.get("/zh-hans/circle/data/events.json").content)
    assert data["title"] == "两地活动" and "知识共享" not in data["licence"]["name"]
    text = client.get("/zh-hans/circle/data/events.csv").content.decode("utf-8-sig")
    assert "许可" in text


def test_an_unknown_figure_is_a_404(client):
    assert client.get("/en/circle/data/secrets.json").status_code == 404
    assert client.get("/en/circle/data/events.xml").status_code == 404


def test_the_page_sets_no_cookie_and_holds_no_form_token(client):
    response = client.get(INDEX["en"])
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


# --- The staff version -----------------------------------------------------------------------

STAFF = "/admin/circle/figures/"


def test_the_staff_version_refuses_anonymous_visitors_and_non_staff(client):
    assert client.get(STAFF).status_code == 302
    client.force_login(User.objects.create_user("visitor@example.org", password="x" * 20))
    assert client.get(STAFF).status_code in (302, 403)


def test_the_staff_version_shows_figures_per_organisation(client, small_placements):
    chongqing_vacancy_owner = (
        Application.objects.filter(vacancy__city="chongqing").first().vacancy.organisation
    )
    staff = User.objects.create_superuser("circle-staff", "circle-staff@example.org", "x" * 20)
    client.force_login(staff)

    response = client.get(STAFF)

    assert response.status_code == 200
    page = response.content.decode()
    assert chongqing_vacancy_owner.name_en in page
    assert 'id="staff-placements"' in page
    # The enterprise's row: 2 from Chengdu (small), 7 from Chongqing.
    assert "&lt;5" in page


@pytest.fixture
def staff_client(client):
    staff = User.objects.create_superuser("circle-staff", "circle-staff@example.org", "x" * 20)
    client.force_login(staff)
    return client


def test_the_staff_version_downloads_as_csv_with_small_counts_still_hidden(
    staff_client, small_placements
):
    owner = Application.objects.filter(vacancy__city="chongqing").first().vacancy.organisation

    response = staff_client.get(STAFF, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith(
        'attachment; filename="twincity-circle-per-organisation-'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["For staff: not open data."] in rows
    owner_row = next(row for row in rows if row and row[0] == owner.name_en)
    # The enterprise's row as the page shows it: 2 graduates from Chengdu (small), the 7 from
    # Chongqing withheld (with the total of 9 they would give the 2 away), none from elsewhere.
    assert owner_row[1:] == ["<5", "–", "0", "9"]
    assert SECRET_NAME not in response.content.decode("utf-8-sig")


def test_the_staff_version_downloads_as_excel(staff_client, small_placements):
    response = staff_client.get(STAFF, {"format": "xlsx"})
    assert response.status_code == 200
    assert response.content.startswith(b"PK")  # a zip archive, as every .xlsx is


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Choose CSV or Excel"), ("zh-hans", "请选择 CSV 或 Excel")],
)
def test_an_unknown_download_format_says_which_there_are(client, language, message):
    staff = User.objects.create_superuser("circle-staff", "circle-staff@example.org", "x" * 20)
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()
    client.force_login(staff)
    response = client.get(STAFF, {"format": "pdf"})
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading", "small"),
    [("en", "Economic circle in figures", "fewer than 5"), ("zh-hans", "经济圈数据", "少于5")],
)
def test_the_home_page_shows_the_circle_as_the_dashboard_publishes_it(
    client, small_placements, language, heading, small
):
    page = client.get(f"/{language}/").content.decode()
    section = re.search(r'<section[^>]*aria-labelledby="circle-heading">.*?</section>', page, re.S)
    assert section, "no economic-circle section on the home page"
    html = section.group(0)
    assert heading in html and f'href="{INDEX[language]}"' in html
    # Jobs in Chengdu: 9 + 12 placed, in Chongqing 2 + 7; Chengdu's graduates placed in
    # Chongqing: 2, a small count published only as "fewer than 5".
    placed = re.findall(r"(?:Placements|就业)：?:? ?([^<·]+?)\s*(?:<|·)", html)
    assert placed[:2] == ["21", "9"], placed
    assert small in placed[2] and "2" not in placed[2]
