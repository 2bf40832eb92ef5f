"""Nothing public before approval: an enterprise that a recruiter's sign-up adds stays out of
every public page until the organisers approve the sign-up; what staff, the import and the demo
add is public at once."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from tests.directory.conftest import form_fields
from tests.talent import factories
from twincity.directory.models import Organisation
from twincity.directory.services import import_organisations
from twincity.talent import services
from twincity.talent.models import Booth, Recruiter, Vacancy

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "zh-hans"]
NAME_EN = "Shadow Freight Ltd"
NAME_ZH = "影子货运有限公司"
SITEMAP_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def url(name: str, *args, language: str = "en") -> str:
    with override(language):
        return reverse(name, args=args)


@pytest.fixture
def signup(client) -> Recruiter:
    """A recruiter's sign-up through the form, naming an enterprise new to the directory."""
    response = client.post(
        url("talent:register-recruiter"),
        {
            "full_name": "Zhao Lei",
            "email": "zhao.lei@example.org",
            "password": factories.PASSWORD,
            "language": "en",
            "credit_code": factories.credit_code(),
            "organisation_name_en": NAME_EN,
            "organisation_name_zh": NAME_ZH,
            "city": "chengdu",
            "consent": "on",
        },
    )
    assert response.status_code == 302, response.text
    client.logout()
    recruiter = Recruiter.objects.select_related("organisation").get(
        user__email="zhao.lei@example.org"
    )
    factories.confirmed(recruiter.user)  # organisers decide on confirmed sign-ups only
    return recruiter


@pytest.fixture
def fair_with_the_enterprise(signup):
    """A fair where organisers gave the enterprise a booth, a seat among the fair's organisers
    and a vacancy in the admin (which approved recruiters would post themselves)."""
    enterprise = signup.organisation
    fair = factories.fair(title_en="Two-city logistics fair")
    fair.organisers.add(enterprise)
    Booth.objects.create(fair=fair, organisation=enterprise, number="B7")
    Vacancy.objects.create(
        organisation=enterprise,
        fair=fair,
        title_en="Night-shift sorter",
        title_zh="夜班分拣员",
        industry="logistics",
        city="chengdu",
        salary_min=4000,
        salary_max=5000,
        deadline=timezone.localdate() + timedelta(days=30),
    )
    return fair


def public_places(client, fair, enterprise: Organisation, language: str) -> dict[str, str]:
    """Each public place that could show the enterprise: its page text (or its status code)."""
    name = NAME_ZH if language == "zh-hans" else NAME_EN
    vacancy = enterprise.vacancies.get()
    pages = {
        "directory list": client.get(url("directory:index", language=language)),
        "directory search": client.get(url("directory:index", language=language), {"q": name}),
        "site search": client.get(url("portal:search", language=language), {"q": name}),
        "job search": client.get(url("talent:job-search", language=language)),
        "job search by name": client.get(url("talent:job-search", language=language), {"q": name}),
        "fair": client.get(url("talent:fair", fair.pk, language=language)),
    }
    places = {place: response.text for place, response in pages.items()}
    places["profile"] = client.get(url("directory:organisation", enterprise.pk, language=language))
    places["vacancy"] = client.get(url("talent:vacancy", vacancy.pk, language=language))
    places["sitemap"] = sitemap_locations(client)
    return places


def sitemap_locations(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return {loc.text for loc in ET.fromstring(response.content).iter(SITEMAP_LOC)}


def profile_urls(enterprise: Organisation) -> set[str]:
    base = settings.WAGTAILADMIN_BASE_URL
    return {
        base + url("directory:organisation", enterprise.pk, language=code) for code in LANGUAGES
    }


def test_a_signup_adds_its_enterprise_unlisted(signup):
    assert signup.status == Recruiter.Status.PENDING
    assert not signup.organisation.listed
    assert not Organisation.objects.public().filter(pk=signup.organisation.pk).exists()


def profile_link(enterprise: Organisation, language: str) -> str:
    return 'href="{}"'.format(url("directory:organisation", enterprise.pk, language=language))


LINKING_PLACES = ("directory list", "directory search", "site search", "fair")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_pending_enterprise_is_on_no_public_page(
    client, signup, fair_with_the_enterprise, language
):
    enterprise = signup.organisation
    places = public_places(client, fair_with_the_enterprise, enterprise, language)

    for place in LINKING_PLACES:
        assert profile_link(enterprise, language) not in places[place], place
    assert NAME_EN not in places["job search"] and NAME_ZH not in places["job search"]
    assert "Night-shift sorter" not in places["job search by name"]
    assert "夜班分拣员" not in places["job search by name"]
    assert NAME_EN not in places["fair"] and NAME_ZH not in places["fair"]
    assert places["profile"].status_code == 404
    assert places["vacancy"].status_code == 404
    assert not profile_urls(enterprise) & places["sitemap"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_after_approval_the_enterprise_is_public(
    client, signup, fair_with_the_enterprise, language
):
    enterprise = signup.organisation
    services.decide_recruiter(signup, True, by=factories.organiser())

    places = public_places(client, fair_with_the_enterprise, enterprise, language)

    for place in ("directory search", "site search", "fair"):
        assert profile_link(enterprise, language) in places[place], place
    title = "夜班分拣员" if language == "zh-hans" else "Night-shift sorter"
    assert title in places["job search by name"]
    name = NAME_ZH if language == "zh-hans" else NAME_EN
    assert places["profile"].status_code == 200 and name in places["profile"].text
    assert places["vacancy"].status_code == 200
    assert profile_urls(enterprise) <= places["sitemap"]


def test_a_rejected_signup_leaves_its_enterprise_unlisted(client, signup):
    services.decide_recruiter(signup, False, by=factories.organiser(), reason="Unknown licence.")

    signup.organisation.refresh_from_db()
    assert not signup.organisation.listed
    response = client.get(url("directory:organisation", signup.organisation.pk))
    assert response.status_code == 404


def test_staff_unlisting_an_enterprise_takes_its_vacancies_off_the_public_pages(client):
    vacancy = factories.vacancy(title_en="Cold-chain driver")
    assert "Cold-chain driver" in client.get(url("talent:job-search")).text

    vacancy.organisation.listed = False
    vacancy.organisation.save()

    assert "Cold-chain driver" not in client.get(url("talent:job-search")).text
    assert client.get(url("talent:vacancy", vacancy.pk)).status_code == 404
    assert client.get(url("directory:organisation", vacancy.organisation.pk)).status_code == 404


def test_every_organisation_of_the_demo_is_public():
    # The data migration keeps existing organisations public; the demo made them before.
    assert Organisation.objects.exists()
    assert not Organisation.objects.filter(listed=False).exists()


def test_organisations_from_the_import_and_the_admin_are_public(staff_with):
    csv = (
        "name_en,name_zh,kind,city,district,industry,website,contact_email,contact_phone,"
        "credit_code\nImported Polytechnic,导入职业学院,school,chengdu,,education,,,,\n"
    )
    import_organisations(csv.encode())
    assert Organisation.objects.get(name_en="Imported Polytechnic").listed

    # Posted as the browser sends the add form, its "shown on the public site" box as it comes.
    admin = staff_with("add_organisation")
    add = "/admin/snippets/directory/organisation/add/"
    data = form_fields(admin.get(add).text, "w-editor-form")
    data.update(name_en=["Admin Association"], name_zh=["后台协会"], kind=["association"])
    data.update(city=["chongqing"])
    response = admin.post(add, data)
    assert response.status_code == 302, response.text
    assert Organisation.objects.get(name_en="Admin Association").listed


def test_staff_find_the_enterprises_awaiting_approval_in_the_admin(staff_with, signup):
    admin = staff_with("change_organisation")

    page = admin.get("/admin/snippets/directory/organisation/", {"listed": "false"}).text

    assert NAME_EN in page
    assert "Chengdu Polytechnic" not in page
    assert "Chengdu Polytechnic" in admin.get("/admin/snippets/directory/organisation/").text
