"""The main menu marks the section the visitor is in, and only that one."""

import re

import pytest
from django.utils import translation

from twincity.core.navigation import main_menu


def current(path: str, language: str = "en") -> list[str]:
    with translation.override(language):
        return [item.url for item in main_menu(path, language) if item.current]


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("/en/", "/en/"),
        ("/en/news/chengdu-chongqing-ramp-up-cooperation/", "/en/news/"),
        ("/en/jobs/", "/en/jobs/"),
        ("/en/jobs/17/", "/en/jobs/"),
        ("/en/jobs/fairs/3/", "/en/jobs/fairs/"),
        ("/en/travel/hongyadong/", "/en/travel/"),
        ("/en/directory/32/", "/en/directory/"),
    ],
)
def test_the_section_of_the_page_is_current(path, section):
    assert current(path) == [section]


def test_pages_outside_the_menu_mark_nothing_and_home_is_not_everyones_section():
    assert current("/en/search/") == []
    assert current("/en/trip-planner/") == []


@pytest.mark.django_db
def test_the_chinese_menu_reads_in_chinese_and_marks_its_own_section(client):
    html = client.get("/zh-hans/travel/").content.decode()
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.DOTALL).group(0)
    assert '<a href="/zh-hans/travel/" aria-current="page">旅游</a>' in menu
    assert menu.count('aria-current="page"') == 1
