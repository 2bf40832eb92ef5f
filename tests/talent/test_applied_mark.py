"""A vacancy the signed-in graduate applied to says so, with the date and a link to the
application, instead of offering to apply again: on its page and in the job search."""

import pytest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import override

from . import factories

pytestmark = pytest.mark.django_db
APPLY = {"en": "Apply with my CV", "zh-hans": "用我的简历投递"}


def url(name: str, *args, language: str = "en") -> str:
    with override(language):
        return reverse(name, args=args)


def applied_on(application, language: str) -> str:
    with override(language):
        # The page shows the date in Beijing time, a day ahead of UTC from 16:00 UTC.
        date = formats.date_format(timezone.localtime(application.created_at), "DATE_FORMAT")
    words = {"en": f"Applied on {date}", "zh-hans": f"已于 {date} 投递"}[language]
    link = f"{url('talent:my-applications', language=language)}#application-{application.pk}"
    return f'<a href="{link}">{words}</a>'


@pytest.fixture
def applied(client):
    """A graduate, signed in, who applied to one of two open vacancies."""
    application = factories.application()
    other = factories.vacancy(title_en="Cold-store picker", title_zh="冷库拣货员")
    client.force_login(application.graduate.user)
    return application, other


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_vacancy_page_shows_when_the_graduate_applied_instead_of_the_button(
    client, applied, language
):
    application, other = applied

    applied_page = client.get(url("talent:vacancy", application.vacancy.pk, language=language))
    other_page = client.get(url("talent:vacancy", other.pk, language=language))

    assert applied_on(application, language) in applied_page.content.decode()
    assert APPLY[language] not in applied_page.content.decode()
    assert APPLY[language] in other_page.content.decode()
    assert 'class="applied-mark"' not in other_page.content.decode()


def test_someone_else_sees_the_button(client, applied):
    application, _other = applied
    client.force_login(factories.graduate().user)

    page = client.get(url("talent:vacancy", application.vacancy.pk)).content.decode()

    assert APPLY["en"] in page and 'class="applied-mark"' not in page
    client.logout()
    assert APPLY["en"] in client.get(url("talent:vacancy", application.vacancy.pk)).text


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_job_search_marks_only_what_the_graduate_applied_to(client, applied, language):
    application, other = applied

    page = client.get(url("talent:job-search", language=language)).content.decode()

    assert page.count(applied_on(application, language)) == 1
    assert page.count('class="applied-mark"') == 1
    assert f'href="{url("talent:vacancy", other.pk, language=language)}"' in page


def test_the_job_search_costs_one_query_for_the_marks(
    client, applied, django_assert_max_num_queries
):
    for _number in range(5):
        factories.application(applied[0].graduate, factories.vacancy())
    client.get(url("talent:job-search"))  # warm caches (site, pages)

    with django_assert_max_num_queries(40) as captured:
        client.get(url("talent:job-search"))

    marks = [q for q in captured.captured_queries if "talent_application" in q["sql"]]
    assert len(marks) <= 2  # the marks, and the recommendations' "not applied yet"
