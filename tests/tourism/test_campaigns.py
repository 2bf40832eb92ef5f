"""Joint promotion campaigns: shown while running, counted without anything personal."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone

from twincity.tourism.models import Campaign, CampaignDailyCount
from twincity.tourism.services import count

SITE = "http://testserver"


@pytest.fixture
def campaign(db):
    return Campaign.objects.get(title_en="A Tale of Two Cities")


def figures(campaign, side):
    rows = CampaignDailyCount.objects.filter(campaign=campaign, side=side)
    return sum(row.views for row in rows), sum(row.clicks for row in rows)


@pytest.mark.django_db
def test_each_partner_promotes_the_other(client, campaign):
    hongyadong = client.get("/en/travel/hongyadong/").content.decode()
    promotion = hongyadong[hongyadong.index('<aside class="promotion"') :]
    promotion = promotion[: promotion.index("</aside>")]
    assert "A Tale of Two Cities" in promotion and "Kuanzhai Alleys" in promotion
    assert f"/en/campaigns/{campaign.pk}/go/chengdu/" in promotion
    assert f'data-seen-url="/en/campaigns/{campaign.pk}/seen/chengdu/"' in promotion
    assert 'rel="nofollow"' in promotion
    assert "<img" in promotion and 'alt="Drawing: the stilt houses' in promotion
    chinese = client.get("/zh-hans/travel/kuanzhai-alleys/").content.decode()
    assert "双城记" in chinese and "洪崖洞" in chinese
    assert f"/zh-hans/campaigns/{campaign.pk}/go/chongqing/" in chinese
    # Places outside the campaign show no promotion.
    assert '<aside class="promotion"' not in client.get("/en/travel/jiefangbei/").content.decode()


@pytest.mark.django_db
def test_no_promotion_outside_the_dates(client, campaign):
    today = timezone.localdate()
    Campaign.objects.filter(pk=campaign.pk).update(
        starts_on=today + timedelta(days=1), ends_on=today + timedelta(days=9)
    )
    assert '<aside class="promotion"' not in client.get("/en/travel/hongyadong/").content.decode()
    assert "A Tale of Two Cities" not in client.get("/en/").content.decode()
    campaign.refresh_from_db()
    campaign.starts_on = campaign.ends_on = today
    campaign.save()  # as the admin saves it: a new content generation
    assert '<aside class="promotion"' in client.get("/en/travel/hongyadong/").content.decode()


@pytest.mark.django_db
def test_home_lists_running_campaigns_in_both_languages(client, campaign):
    english = client.get("/en/").content.decode()
    section = english[english.index('id="campaigns-heading"') :]
    assert "A Tale of Two Cities" in section and "/en/travel/hongyadong/" in section
    chinese = client.get("/zh-hans/").content.decode()
    assert "双城记" in chinese and "/zh-hans/travel/kuanzhai-alleys/" in chinese


@pytest.mark.django_db
def test_click_through_counts_from_our_pages_and_redirects(client, campaign):
    url = f"/en/campaigns/{campaign.pk}/go/chengdu/"
    response = client.get(url, HTTP_REFERER=f"{SITE}/en/travel/hongyadong/")
    assert response.status_code == 302 and response["Location"] == "/en/travel/kuanzhai-alleys/"
    assert figures(campaign, "chengdu") == (0, 1)
    # A request without our page as the referrer (a bot following the link) goes through
    # but is not counted; nor is one from another site.
    assert client.get(url).status_code == 302
    assert client.get(url, HTTP_REFERER="https://elsewhere.example/").status_code == 302
    assert figures(campaign, "chengdu") == (0, 1)
    chinese = client.get(
        f"/zh-hans/campaigns/{campaign.pk}/go/chongqing/",
        HTTP_REFERER=f"{SITE}/zh-hans/travel/kuanzhai-alleys/",
    )
    assert chinese["Location"] == "/zh-hans/travel/hongyadong/"
    assert figures(campaign, "chongqing") == (0, 1)
    assert not client.cookies or "sessionid" not in client.cookies  # nothing set on the visitor
    assert "Set-Cookie" not in response.headers


@pytest.mark.django_db
def test_view_beacon_counts_posts_from_our_pages(client, campaign):
    url = f"/en/campaigns/{campaign.pk}/seen/chongqing/"
    assert client.post(url, HTTP_ORIGIN=SITE).status_code == 204
    assert client.post(url, HTTP_REFERER=f"{SITE}/en/travel/kuanzhai-alleys/").status_code == 204
    assert figures(campaign, "chongqing") == (2, 0)
    assert client.post(url, HTTP_ORIGIN="https://elsewhere.example").status_code == 204
    assert client.post(url).status_code == 204  # no origin at all
    assert client.get(url, HTTP_REFERER=f"{SITE}/en/").status_code == 405  # links do not count
    assert figures(campaign, "chongqing") == (2, 0)


@pytest.mark.django_db
def test_nothing_counted_while_the_campaign_does_not_run(client, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(
        starts_on=date(2020, 4, 22), ends_on=date(2020, 5, 1)
    )
    client.post(f"/en/campaigns/{campaign.pk}/seen/chengdu/", HTTP_ORIGIN=SITE)
    client.get(f"/en/campaigns/{campaign.pk}/go/chengdu/", HTTP_REFERER=f"{SITE}/en/")
    assert figures(campaign, "chengdu") == (0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/en/campaigns/{pk}/go/paris/",
        "/en/campaigns/999999/go/chengdu/",
        "/en/campaigns/{pk}/go/CHENGDU/",
    ],
)
def test_unknown_campaign_or_side_is_404(client, campaign, path):
    response = client.get(path.format(pk=campaign.pk), HTTP_REFERER=f"{SITE}/en/")
    assert response.status_code == 404
    assert (
        client.post(
            path.replace("/go/", "/seen/").format(pk=campaign.pk), HTTP_ORIGIN=SITE
        ).status_code
        == 404
    )
    assert not CampaignDailyCount.objects.exists()


@pytest.mark.django_db
def test_counts_are_per_day_and_side(campaign):
    day1, day2 = date(2026, 12, 1), date(2026, 12, 2)
    for _ in range(3):
        count(campaign.pk, "chengdu", "views", day1)
    count(campaign.pk, "chengdu", "clicks", day1)
    count(campaign.pk, "chengdu", "views", day2)
    count(campaign.pk, "chongqing", "views", day2)
    rows = {(r.day, r.side): (r.views, r.clicks) for r in CampaignDailyCount.objects.all()}
    assert rows == {
        (day1, "chengdu"): (3, 1),
        (day2, "chengdu"): (1, 0),
        (day2, "chongqing"): (1, 0),
    }
    with pytest.raises(ValueError):
        count(campaign.pk, "chengdu", "likes", day1)


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser(
        "campaign-editor", "e@example.com", "pw-123456!"
    )
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_organiser_figures_chart_and_csv(editor_client, campaign):
    day = date(2026, 12, 1)
    for _ in range(4):
        count(campaign.pk, "chengdu", "views", day)
    count(campaign.pk, "chengdu", "clicks", day)
    page = editor_client.get(f"/admin/tourism/campaigns/{campaign.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-side="chengdu" data-figure="views">4<' in html
    assert 'data-side="chengdu" data-figure="clicks">1<' in html
    assert "25.0 %" in html  # 1 click in 4 views
    assert "Kuanzhai Alleys, promoted at Hongyadong" in html
    assert "<svg" in html  # the chart
    listing = editor_client.get("/admin/tourism/campaigns/").content.decode()
    assert "A Tale of Two Cities" in listing and "25.0 %" in listing
    csv = editor_client.get(f"/admin/tourism/campaigns/{campaign.pk}/?format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Day,Partner promoted,Views,Click-throughs,Click-through rate (per cent)"
    assert lines[1] == '2026-12-01,"Kuanzhai Alleys, promoted at Hongyadong",4,1,25.0'


@pytest.mark.django_db
def test_figures_need_an_editor(client, campaign):
    response = client.get(f"/admin/tourism/campaigns/{campaign.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_campaign_validation(campaign, place):
    from django.core.exceptions import ValidationError

    bad = Campaign(
        title_en="x", title_zh="x", message_en="m", message_zh="m",
        chengdu_place=place("hongyadong"), chongqing_place=place("kuanzhai-alleys"),
        starts_on=date(2027, 1, 2), ends_on=date(2027, 1, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert set(error.value.message_dict) >= {"ends_on", "chengdu_place", "chongqing_place"}


@pytest.mark.django_db
@override_settings(TWINCITY_RATE_LIMITS={**settings.TWINCITY_RATE_LIMITS, "beacon": "3/h"})
def test_one_address_counts_only_so_many_views_and_clicks(client, campaign):
    seen = f"/en/campaigns/{campaign.pk}/seen/chongqing/"
    go = f"/en/campaigns/{campaign.pk}/go/chongqing/"
    for _ in range(5):
        assert client.post(seen, HTTP_ORIGIN=SITE).status_code == 204
    assert figures(campaign, "chongqing") == (3, 0)
    assert client.get(go, HTTP_REFERER=f"{SITE}/en/").status_code == 302  # still sent on
    assert figures(campaign, "chongqing") == (3, 0)
    other_address = client.post(seen, HTTP_ORIGIN=SITE, REMOTE_ADDR="198.51.100.20")
    assert other_address.status_code == 204 and figures(campaign, "chongqing") == (4, 0)
