"""The site shell: languages, header and footer, breadcrumbs, error pages."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Site

from twincity.portal.models import PortalSettings

pytestmark = pytest.mark.django_db

SEED_PATH = "news/chengdu-chongqing-ramp-up-cooperation/"


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "/zh-hans/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-FR", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_html_lang_follows_the_language(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_language_switch_links_to_the_translation(client):
    html = client.get(f"/en/{SEED_PATH}").content.decode()
    assert f'href="/zh-hans/{SEED_PATH}" hreflang="zh-hans"' in html
    html = client.get(f"/zh-hans/{SEED_PATH}").content.decode()
    assert f'href="/en/{SEED_PATH}" hreflang="en"' in html


def test_language_switch_on_search_keeps_the_query(client):
    html = client.get("/en/search/", {"q": "Kuanzhai"}).content.decode()
    assert 'href="/zh-hans/search/?q=Kuanzhai"' in html


def test_header_and_footer_show_the_portal_settings(client):
    html = client.get("/zh-hans/").content.decode()
    assert "主办单位： 重庆市对外贸易经济委员会" in html
    assert "承办单位： 重庆市投资促进会" in html
    assert "+86-023-89018888" in html
    # The demo has no filing of its own: none is shown, and none is made up.
    assert "beian" not in html and "ICP备" not in html and "公网安备" not in html
    assert "<svg" in html and "微信二维码" in html
    english = client.get("/en/").content.decode()
    assert "Host: Chongqing Foreign Trade and Economic Relations Commission" in english
    assert "Undertaker: Chongqing Investment Promotion Association" in english


def test_editors_change_the_footer_in_settings(client):
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.telephone = "+86-28-12345678"
    portal.icp_number = "蜀ICP备00000001号"
    portal.public_security_number = "川公网安备51010402000001号"
    portal.save()
    html = client.get("/en/").content.decode()
    assert "+86-28-12345678" in html
    # On the English site too the numbers stay as issued, marked as Chinese text.
    assert (
        '<p class="filings" lang="zh-Hans">\n          '
        '<a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank">蜀ICP备00000001号</a>'
    ) in html
    assert "code=51010402000001" in html and "川公网安备51010402000001号" in html


def test_qr_code_encodes_the_configured_address(client):
    import segno

    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.wechat_url = "https://example.cn/wechat"
    portal.save()
    html = client.get("/en/").content.decode()
    expected = segno.make("https://example.cn/wechat", error="m").svg_inline(
        scale=3, dark="#1a1a1a", light="#ffffff", title="WeChat"
    )
    assert expected in html


def test_chinese_breadcrumb_reads_like_the_seed(client):
    html = client.get(f"/zh-hans/{SEED_PATH}").content.decode()
    assert "当前位置：" in html
    for step in ["首页", "新闻中心", "最新动态"]:
        assert f">{step}</a>" in html
    assert 'aria-current="page"' in html


def test_english_breadcrumb_marks_the_current_page(client):
    html = client.get("/en/news/").content.decode()
    assert "Position:" in html
    assert '<a href="/en/news/" aria-current="page">News center</a>' in html


@pytest.mark.parametrize(
    "path", ["/en/no-such-page/", "/zh-hans/no-such-page/", "/en/news/nothing-here/"]
)
def test_not_found_page_is_bilingual(client, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and "页面未找到" in html


def test_server_error_page_is_bilingual_and_needs_no_database():
    from twincity.portal.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html and "服务器出错了" in html


@override_settings(DEBUG=False)
def test_a_crashing_view_shows_the_bilingual_500(monkeypatch):
    from twincity.portal import views

    def explode(request):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.site_search, "check_query", explode)
    client = Client(raise_request_exception=False)
    response = client.get(reverse("portal:search"), {"q": "x"})
    assert response.status_code == 500
    assert "服务器出错了" in response.content.decode()


def test_pages_load_no_asset_from_another_host(client):
    for path in ["/en/", "/zh-hans/news/", f"/en/{SEED_PATH}", "/en/search/?q=tea"]:
        html = client.get(path).content.decode()
        for attribute in ['src="http', "src='http", 'href="//', 'src="//']:
            assert attribute not in html, f"{path} loads something from elsewhere: {attribute}"
        assert 'rel="stylesheet" href="/static/' in html
