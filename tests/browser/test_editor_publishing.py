"""An editor schedules a draft; it goes live when the worker runs, not before."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SCHEDULE_DRAFT = """
import datetime
from django.utils import timezone
from twincity.news.models import NewsArticlePage, NewsIndexPage
index = NewsIndexPage.objects.get(locale__language_code="en")
article = index.add_child(instance=NewsArticlePage(
    title="Chongqing night markets open a joint stall", slug="night-market-joint-stall",
    date=datetime.date(2026, 11, 20), lead="A scheduled article.", live=False,
    body=[{"type": "paragraph", "value": "<p>Hotpot, tea and zhuanzhuan noodles.</p>"}]))
article.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
article.save_revision().publish()
"""


def test_scheduled_draft_appears_after_the_worker_runs(page, site):
    site.manage("shell", stdin=SCHEDULE_DRAFT)
    path = "/en/news/night-market-joint-stall/"
    page.goto("/en/news/")  # cached for anonymous visitors from now on
    expect(
        page.get_by_role("link", name="Chongqing night markets open a joint stall")
    ).to_have_count(0)
    response = page.goto(path)
    assert response.status == 404, "a scheduled page must not be visible before its time"

    page.wait_for_timeout(2500)
    site.manage("worker", "--once")

    page.goto("/en/news/")
    expect(
        page.get_by_role("link", name="Chongqing night markets open a joint stall")
    ).to_be_visible()
    page.get_by_role("link", name="Chongqing night markets open a joint stall").click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))

    # Publishing queued a search-index update; the same worker run has done it.
    page.goto("/en/search/?q=zhuanzhuan")
    expect(
        page.locator(".search-results a", has_text="Chongqing night markets open a joint stall")
    ).to_be_visible()
