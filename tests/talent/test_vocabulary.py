"""Districts, industries, majors, skills and certificates of the job fair in both languages:
on the pages, in the job search's filters, in the forms' suggestions and in the matching."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from twincity.core import fragments
from twincity.core.vocabulary import INDUSTRIES
from twincity.talent import jobsearch
from twincity.talent.models import GraduateProfile, Industry
from twincity.talent.profiles import match_score

from . import factories

pytestmark = pytest.mark.django_db


def url(name: str, *args, language: str = "en") -> str:
    with override(language):
        return reverse(name, args=args)


@pytest.fixture
def recruiter():
    return factories.recruiter()


@pytest.fixture
def chinese_vacancy(recruiter):
    """Typed by a recruiter who writes Chinese, with a district in pinyin."""
    return factories.vacancy(
        recruiter,
        title_en="Warehouse keeper",
        title_zh="仓库管理员",
        city="chongqing",
        district="Liangjiang",
        industry="logistics",
        majors=["物流管理", "供应链管理"],
        skills=["叉车驾驶", "WMS系统"],
        certificates=["叉车证"],
    )


@pytest.fixture
def english_vacancy(recruiter):
    """Typed by a recruiter who writes English, with a district in Chinese."""
    return factories.vacancy(
        recruiter,
        title_en="Logistics dispatcher",
        title_zh="物流调度员",
        city="chengdu",
        district="双流区",
        industry="logistics",
        majors=["Logistics management"],
        skills=["transport dispatching", "Excel"],
        certificates=["Driving licence"],
    )


# --- Pages ------------------------------------------------------------------------------------------


def test_the_english_vacancy_page_names_chinese_data_in_english(client, chinese_vacancy):
    html = client.get(url("talent:vacancy", chinese_vacancy.pk)).content.decode()
    assert "Chongqing · Liangjiang New Area" in html and "<dd>Logistics</dd>" in html
    assert "<dd>Logistics management, Supply chain management</dd>" in html
    assert "<dd>Forklift driving, WMS (warehouse management system)</dd>" in html
    assert "<dd>Forklift licence</dd>" in html
    for chinese in ("物流管理", "供应链管理", "叉车驾驶", "WMS系统", "叉车证", "两江"):
        assert chinese not in html


def test_the_chinese_vacancy_page_names_english_data_in_chinese(client, english_vacancy):
    html = client.get(
        url("talent:vacancy", english_vacancy.pk, language="zh-hans")
    ).content.decode()
    assert "成都 · 双流区" in html and "<dd>物流</dd>" in html
    assert "<dd>物流管理</dd>" in html
    assert "<dd>运输调度、Excel</dd>" in html
    assert "<dd>机动车驾驶证</dd>" in html
    for english in (
        "Logistics management",
        "transport dispatching",
        "Driving licence",
        "Shuangliu",
    ):
        assert english not in html
    assert "Liangjiang" not in html


def test_search_results_name_districts_and_industries_in_the_page_s_language(
    client, chinese_vacancy, english_vacancy
):
    chinese = client.get(url("talent:job-search", language="zh-hans")).content.decode()
    assert "<span>重庆 · 两江新区</span><span>物流</span>" in chinese
    assert "Liangjiang" not in chinese
    english = client.get(url("talent:job-search")).content.decode()
    assert "<span>Chengdu · Shuangliu</span><span>Logistics</span>" in english
    assert "双流区" not in english


def test_a_recruiter_reads_a_graduate_s_chinese_major_and_skills_in_english(client, recruiter):
    vacancy = factories.vacancy(recruiter, majors=["Logistics management"])
    graduate = factories.graduate(
        major="物流管理",
        skills=["叉车", "Excel"],
        certificates=["叉车证"],
        visibility=GraduateProfile.Visibility.RECRUITERS,
    )
    client.force_login(recruiter.user)
    page = client.get(url("talent:graduate-profile", graduate.pk) + f"?vacancy={vacancy.pk}")
    html = page.content.decode()
    assert "<dd>Logistics management</dd>" in html
    assert "<dd>Forklift driving, Excel</dd>" in html and "<dd>Forklift licence</dd>" in html
    assert "物流管理" not in html and "叉车" not in html
    candidates = client.get(url("talent:candidates", vacancy.pk)).content.decode()
    assert "<td>Logistics management</td>" in candidates


def test_the_industries_of_vacancies_are_the_vocabulary_s_in_both_languages():
    """Vacancies show an industry by its choice label, organisations by the vocabulary: the
    two must not disagree."""
    for language in ("en", "zh-hans"):
        with override(language):
            for industry in Industry:
                assert INDUSTRIES.name(industry.value) == str(industry.label)


# --- Filters ---------------------------------------------------------------------------------------


def found(client, language: str = "en", **filters) -> set[str]:
    fragments.clear()  # the listing's variables are in the context only when it is rendered
    response = client.get(url("talent:job-search", language=language), filters)
    assert response.status_code == 200 and not response.context["form"].errors
    return {vacancy.title_en for vacancy in response.context["vacancies"]}


@pytest.mark.parametrize(
    "major", ["物流管理", "Logistics management", "logistics mgmt", "现代物流管理"]
)
def test_the_major_filter_takes_either_language(client, chinese_vacancy, english_vacancy, major):
    other = factories.vacancy(title_en="Welder", majors=["焊接技术与自动化"])
    titles = found(client, major=major)
    assert {chinese_vacancy.title_en, english_vacancy.title_en} <= titles
    assert other.title_en not in titles


@pytest.mark.parametrize("skill", ["forklift", "Forklift driving", "叉车", "叉车驾驶"])
def test_the_skill_filter_takes_either_language(client, chinese_vacancy, english_vacancy, skill):
    assert found(client, "zh-hans", skill=skill) >= {chinese_vacancy.title_en}
    assert english_vacancy.title_en not in found(client, "zh-hans", skill=skill)


def test_a_skill_abbreviation_matches_whole_items_only(client, recruiter):
    photoshop = factories.vacancy(recruiter, title_en="Designer", skills=["Photoshop"])
    factories.vacancy(recruiter, title_en="DevOps engineer", skills=["DevOps"])
    assert found(client, skill="PS") == {photoshop.title_en}


def test_a_skill_the_vocabulary_does_not_know_is_looked_for_as_typed(client, recruiter):
    factories.vacancy(recruiter, title_en="Glass blower", skills=["Glass blowing"])
    assert found(client, skill="glass") == {"Glass blower"}


@pytest.mark.parametrize("industry", ["物流", "Logistics", "logistics"])
def test_the_industry_filter_takes_either_language(client, chinese_vacancy, industry):
    kitchen = factories.vacancy(title_en="Cook", industry="hospitality")
    response = client.get(url("talent:job-search"), {"industry": industry})
    titles = {vacancy.title_en for vacancy in response.context["vacancies"]}
    assert chinese_vacancy.title_en in titles and kitchen.title_en not in titles
    assert '<option value="logistics" selected>' in response.content.decode()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Logistics management", {"Warehouse keeper", "Logistics dispatcher"}),
        ("物流管理", {"Warehouse keeper", "Logistics dispatcher"}),
        ("叉车驾驶", {"Warehouse keeper"}),  # a Chinese skill, found in the stored list
        ("运输调度", {"Logistics dispatcher"}),  # found by its English spelling
    ],
)
def test_keywords_naming_a_major_or_skill_find_it_in_either_language(
    client, chinese_vacancy, english_vacancy, q, expected
):
    assert found(client, q=q) & {"Warehouse keeper", "Logistics dispatcher"} == expected


def test_the_search_form_suggests_majors_and_skills_in_the_page_s_language(client):
    chinese = client.get(url("talent:job-search", language="zh-hans")).content.decode()
    assert 'list="id_major-suggestions"' in chinese and '<option value="物流管理">' in chinese
    assert '<option value="叉车驾驶">' in chinese
    english = client.get(url("talent:job-search")).content.decode()
    assert '<option value="Logistics management">' in english
    assert '<option value="Forklift driving">' in english


# --- Forms ------------------------------------------------------------------------------------------


def test_the_profile_form_suggests_majors_skills_and_certificates(client):
    graduate = factories.graduate()
    client.force_login(graduate.user)
    chinese = client.get(url("talent:my-profile", language="zh-hans")).content.decode()
    for list_id, suggestion in [
        ("id_major-suggestions", "物流管理"),
        ("id_skills-suggestions", "叉车驾驶"),
        ("id_certificates-suggestions", "叉车证"),
    ]:
        assert f'list="{list_id}"' in chinese and f'<option value="{suggestion}">' in chinese
    english = client.get(url("talent:my-profile")).content.decode()
    assert '<option value="Logistics management">' in english


def test_free_text_is_still_taken_where_suggestions_are_offered(client):
    graduate = factories.graduate()
    client.force_login(graduate.user)
    data = {
        "form": "profile",
        "full_name": "Wang Fang",
        "education": "2",
        "language": "en",
        "visibility": "private",
        "major": "Underwater basket weaving",
        "skills": "Excel, juggling",
    }
    assert client.post(url("talent:my-profile"), data).status_code == 302
    graduate.refresh_from_db()
    assert graduate.major == "Underwater basket weaving"
    assert graduate.skills == ["Excel", "juggling"]


def test_the_vacancy_form_suggests_majors_skills_certificates_and_districts(client, recruiter):
    client.force_login(recruiter.user)
    html = client.get(url("talent:vacancy-new", language="zh-hans")).content.decode()
    for list_id, suggestion in [
        ("id_majors-suggestions", "物流管理"),
        ("id_skills-suggestions", "WMS系统"),
        ("id_certificates-suggestions", "1+X物流管理证书"),
        ("id_district-suggestions", "两江新区"),
    ]:
        assert f'list="{list_id}"' in html and f'<option value="{suggestion}">' in html


# --- Matching ---------------------------------------------------------------------------------------


def same_but_major(recruiter, majors: list[str], title: str):
    return factories.vacancy(
        recruiter, title_en=title, majors=majors, skills=["Excel"], city="chengdu"
    )


@pytest.mark.parametrize(
    ("graduate_major", "vacancy_major"),
    [("Logistics management", "物流管理"), ("物流管理", "Logistics management")],
)
def test_a_graduate_is_recommended_the_vacancy_asking_for_their_major_in_the_other_language(
    recruiter, graduate_major, vacancy_major
):
    graduate = factories.graduate(
        major=graduate_major, skills=["Excel"], preferred_cities=["chengdu"]
    )
    # Created first, so that on a tie the other one would come first.
    fitting = same_but_major(recruiter, [vacancy_major], "Fits the major")
    same_but_major(recruiter, ["焊接技术与自动化"], "Another major")

    recommended = jobsearch.recommended_vacancies(graduate, limit=2)

    assert [vacancy.title_en for vacancy, _score in recommended][0] == fitting.title_en
    major = next(part for part in recommended[0][1].parts if part.name == "major")
    assert major.value == 1.0


def test_skills_and_certificates_match_across_languages(recruiter):
    vacancy = factories.vacancy(recruiter, skills=["叉车驾驶", "Excel"], certificates=["叉车证"])
    graduate = factories.graduate(skills=["forklift", "excel"], certificates=["Forklift licence"])
    parts = {part.name: part.value for part in match_score(graduate, vacancy).parts}
    assert parts["skills"] == 1.0 and parts["certificates"] == 1.0
