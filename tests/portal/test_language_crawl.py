"""Each language's site reads in its language: a crawl of the public pages (language_crawl.py)."""

import pytest

from .language_crawl import Crawl

pytestmark = [pytest.mark.django_db, pytest.mark.layout]

START = {
    "zh-hans": ["/zh-hans/", "/zh-hans/search/?q=宽窄巷子", "/zh-hans/jobs/", "/zh-hans/travel/"],
    "en": ["/en/", "/en/search/?q=Kuanzhai", "/en/jobs/", "/en/travel/"],
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_public_pages_read_in_their_language(client, language):
    crawl = Crawl(client, language, START[language]).run()
    assert len(crawl.visited) > 40, crawl.visited
    report = "\n".join(f"{f.path}: {f.text}" for f in crawl.findings)
    assert not crawl.findings, f"{len(crawl.findings)} texts in the other language:\n{report}"
