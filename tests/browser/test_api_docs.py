"""The API's interactive docs, served from the site itself: no foreign host, nothing the
Content-Security-Policy blocks (open_tab fails the test on a violation), the operations listed."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_api_docs_list_the_operations(open_tab, site):
    tab = open_tab()
    foreign = []
    tab.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if not request.url.startswith(site.base_url) and not request.url.startswith("data:")
            else None
        ),
    )
    tab.goto("/api/v1/docs/")
    expect(tab.get_by_text("/api/v1/events", exact=True).first).to_be_visible()
    expect(tab.get_by_text("/api/v1/places", exact=True).first).to_be_visible()
    assert not foreign, foreign
    html = tab.content()
    assert not re.search(r"""(src|href)=["']https?://""", html)
