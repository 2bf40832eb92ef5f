"""The demo generator at a tiny scale: exact counts, valid credit codes, the same data on
every run, and real data left alone."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from tests.talent import factories
from twincity.directory.credit_code import problem_kind
from twincity.directory.models import Organisation
from twincity.talent import services
from twincity.talent.demo import FAIR_TITLE_EN, DemoSize, demo_enterprises, generate
from twincity.talent.models import Application, Booth, Fair, GraduateProfile, Vacancy

pytestmark = pytest.mark.django_db
TINY = DemoSize(enterprises=4, openings=37, graduates=40)


def demo_counts() -> dict:
    fair = Fair.objects.get(title_en=FAIR_TITLE_EN)
    vacancies = Vacancy.objects.filter(is_demo=True)
    return {
        "enterprises": demo_enterprises().count(),
        "openings": sum(vacancies.values_list("headcount", flat=True)),
        "vacancies": vacancies.count(),
        "graduates": GraduateProfile.objects.filter(is_demo=True).count(),
        "accounts": User.objects.filter(graduate__is_demo=True).count(),
        "booths": Booth.objects.filter(fair=fair).count(),
        "applications": Application.objects.filter(vacancy__is_demo=True).count(),
    }


@pytest.fixture
def real_data():
    """A real fair, enterprise, vacancy, graduate and application, made through the services."""
    fair = factories.fair()
    vacancy = factories.vacancy(fair=fair)
    application = factories.application(vacancy_=vacancy)
    return {"fair": fair, "vacancy": vacancy, "application": application}


def snapshot(real) -> tuple:
    application = Application.objects.select_related("graduate", "vacancy__organisation").get(
        pk=real["application"].pk
    )
    return (
        Fair.objects.filter(pk=real["fair"].pk).values().get(),
        Vacancy.objects.filter(pk=real["vacancy"].pk).values().get(),
        Organisation.objects.filter(pk=application.vacancy.organisation_id).values().get(),
        GraduateProfile.objects.filter(pk=application.graduate_id).values().get(),
        application.status,
        Booth.objects.filter(fair=real["fair"]).count(),
    )


def test_the_counts_asked_for_are_made_exactly():
    made = generate(TINY, seed=2021)

    counts = demo_counts()
    assert counts["enterprises"] == made["enterprises"] == 4
    assert counts["openings"] == made["openings"] == 37
    assert counts["graduates"] == counts["accounts"] == made["graduates"] == 40
    assert counts["booths"] == 4  # every enterprise has a booth at the fair
    assert counts["vacancies"] == made["vacancies"] >= 4
    assert counts["applications"] == made["applications"] > 0


def test_the_demo_fair_is_the_articles_fair_of_4_june_2021():
    generate(TINY, seed=2021)

    fair = Fair.objects.get(title_en=FAIR_TITLE_EN)
    assert fair.title_en.startswith("Chengdu–Chongqing school–industry job fair")
    assert fair.starts_at.date().isoformat() == "2021-06-04"
    assert set(Vacancy.objects.filter(is_demo=True).values_list("fair", flat=True)) == {fair.pk}


def test_enterprises_are_clearly_invented_with_valid_credit_codes():
    generate(TINY, seed=2021)

    for enterprise in demo_enterprises():
        assert problem_kind(enterprise.credit_code) is None, enterprise.credit_code
        assert enterprise.name_en.endswith("(demo)")
        assert enterprise.name_zh.endswith("（示例）")
        assert enterprise.city in {"chengdu", "chongqing"}


def test_vacancies_are_mostly_manufacturing_logistics_and_services():
    generate(DemoSize(enterprises=20, openings=400, graduates=0), seed=2021)

    vacancies = Vacancy.objects.filter(is_demo=True)
    core = vacancies.filter(industry__in=["manufacturing", "logistics", "services"]).count()
    assert core / vacancies.count() > 0.6
    assert set(vacancies.values_list("city", flat=True)) == {"chengdu", "chongqing"}
    assert all(v.title_en and v.title_zh and v.salary_min <= v.salary_max for v in vacancies)


def test_graduates_study_at_the_directorys_schools_and_none_are_created():
    factories.school(), factories.school()
    schools = set(Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).values_list("pk"))

    generate(TINY, seed=2021)

    assert set(Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).values_list("pk")) == (
        schools
    )
    graduates = GraduateProfile.objects.filter(is_demo=True)
    drawn = set(graduates.values_list("school"))
    assert graduates.count() == 40
    # Every graduate studies at one of the directory's schools, and they spread over several.
    assert drawn <= schools
    assert len(drawn) >= 4, drawn
    assert not any(
        user.has_usable_password() for user in User.objects.filter(graduate__in=graduates)
    )


def test_applications_spread_over_the_pipeline_without_overbooking():
    generate(DemoSize(enterprises=5, openings=60, graduates=300), seed=2021)

    applications = Application.objects.filter(vacancy__is_demo=True)
    assert len(set(applications.values_list("status", flat=True))) >= 6
    offered = applications.filter(status__in=["offer", "hired"])
    per_graduate = offered.values_list("graduate", flat=True)
    assert len(per_graduate) == len(set(per_graduate)), "at most one offer a graduate"
    for vacancy in Vacancy.objects.filter(is_demo=True):
        assert offered.filter(vacancy=vacancy).count() <= vacancy.headcount


def test_running_again_gives_the_same_data_and_keeps_the_enterprises():
    generate(TINY, seed=7)
    first = demo_counts()
    enterprises = list(demo_enterprises().order_by("pk").values_list("pk", "name_zh"))
    titles = sorted(Vacancy.objects.filter(is_demo=True).values_list("title_en", "headcount"))

    generate(TINY, seed=7)

    assert demo_counts() == first
    assert list(demo_enterprises().order_by("pk").values_list("pk", "name_zh")) == enterprises
    assert sorted(Vacancy.objects.filter(is_demo=True).values_list("title_en", "headcount")) == (
        titles
    )
    assert Fair.objects.filter(title_en=FAIR_TITLE_EN).count() == 1


def test_real_data_is_never_touched(real_data):
    before = snapshot(real_data)

    generate(TINY, seed=2021)
    generate(DemoSize(enterprises=2, openings=5, graduates=3), seed=3)

    assert snapshot(real_data) == before


def test_a_demo_enterprise_a_real_recruiter_joined_is_kept_when_the_demo_shrinks():
    generate(TINY, seed=2021)
    kept = demo_enterprises().order_by("-credit_code").first()
    services.request_recruiter_account(
        email="hr@example.org",
        password=factories.PASSWORD,
        full_name="Zhao Lei",
        credit_code=kept.credit_code,
    )

    generate(DemoSize(enterprises=1, openings=3, graduates=2), seed=2021)

    assert Organisation.objects.filter(pk=kept.pk).exists()


def test_the_command_scales_and_reports():
    out = io.StringIO()

    call_command("generate_talent_demo", "--scale", "0.02", "--seed", "5", stdout=out)

    assert "Demo job fair ready" in out.getvalue()
    counts = demo_counts()
    assert (counts["enterprises"], counts["openings"], counts["graduates"]) == (1, 42, 60)
