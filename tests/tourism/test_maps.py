"""The map component: offline by default (the base layer shipped with the site), GCJ-02 on output
for a Chinese tile provider, numbered points in groups, and links to a phone's map apps."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation

from twincity.settings import MAP_TILE_PROVIDERS, tile_hosts
from twincity.tourism.geo import gcj02_to_wgs84, wgs84_to_gcj02
from twincity.tourism.maps import MapPoint, amap_link, baidu_link, map_data

POINTS = [
    MapPoint("Hongyadong", 29.5630, 106.5790, "/en/travel/hongyadong/", "1"),
    {"name": "London", "lat": 51.5007, "lon": -0.1246},
]
ROUTES = {"": [(29.5630, 106.5790), (29.5574, 106.5770)]}

# Published test vectors of the GCJ-02 offset (googollee/eviltransform's tests), WGS-84 -> GCJ-02.
EVILTRANSFORM_VECTORS = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),  # Shanghai
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),  # Shenzhen
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),  # Beijing
]


@pytest.mark.parametrize(("wgs", "gcj"), EVILTRANSFORM_VECTORS)
def test_gcj02_conversion_matches_published_values_and_inverts(wgs, gcj):
    assert wgs84_to_gcj02(*wgs) == pytest.approx(gcj, abs=1e-9)
    assert gcj02_to_wgs84(*gcj) == pytest.approx(wgs, abs=1e-7)


def test_gcj02_leaves_points_outside_china():
    assert wgs84_to_gcj02(51.5007, -0.1246) == (51.5007, -0.1246)


def test_without_tiles_coordinates_stay_wgs84_over_the_base_layer(settings):
    settings.TOURISM_MAP_TILES = None
    data = map_data(POINTS, ROUTES)
    assert data["tiles"] is None
    assert data["points"][0] == {
        "name": "Hongyadong", "lat": 29.563, "lon": 106.579,
        "url": "/en/travel/hongyadong/", "label": "1", "group": "",
    }  # fmt: skip
    assert data["routes"] == [{"group": "", "line": [[29.563, 106.579], [29.5574, 106.577]]}]
    assert data["base"]["url"] == static("tourism/map/districts.geojson")


def test_base_layer_names_are_in_the_pages_language(settings):
    settings.TOURISM_MAP_TILES = None
    with translation.override("zh-hans"):
        assert map_data(POINTS)["base"]["names"]["yuzhong"] == "渝中区"
    with translation.override("en"):
        names = map_data(POINTS)["base"]["names"]
    assert names["yuzhong"] == "Yuzhong" and names["jinjiang"] == "Jinjiang"


def test_gcj02_provider_gets_converted_coordinates(settings):
    settings.TOURISM_MAP_TILES = {"url": "https://tiles.example/{z}/{x}/{y}.png", "crs": "gcj02"}
    data = map_data(POINTS, ROUTES)
    lat, lon = wgs84_to_gcj02(29.5630, 106.5790)
    assert data["points"][0]["lat"] == round(lat, 6) != 29.563
    assert data["points"][0]["lon"] == round(lon, 6)
    assert data["points"][1]["lat"] == 51.5007  # outside China: unchanged
    assert data["routes"][0]["line"][0] == [round(lat, 6), round(lon, 6)]
    assert data["base"] is None  # the tiles draw the districts


def test_wgs84_provider_and_a_bad_crs(settings):
    settings.TOURISM_MAP_TILES = {"url": "https://tiles.example/{z}/{x}/{y}.png", "crs": "wgs84"}
    assert map_data(POINTS)["points"][0]["lat"] == 29.563
    settings.TOURISM_MAP_TILES = {"url": "https://tiles.example/{z}/{x}/{y}.png", "crs": "bd09"}
    with pytest.raises(ValueError, match="crs"):
        map_data(POINTS)


def test_ready_providers_draw_in_their_coordinates_with_labels_in_the_pages_language(settings):
    settings.TOURISM_MAP_TILES = MAP_TILE_PROVIDERS["amap"]
    with translation.override("en"):
        tiles = map_data(POINTS)["tiles"]
    assert tiles["crs"] == "gcj02" and tiles["subdomains"] == "1234"
    assert tiles["layers"] == [
        "https://webrd0{s}.is.autonavi.com/appmaptile?lang=en&size=1&scale=1&style=8&x={x}&y={y}&z={z}"
    ]
    settings.TOURISM_MAP_TILES = MAP_TILE_PROVIDERS["tianditu"]
    with translation.override("zh-hans"):
        tiles = map_data(POINTS)["tiles"]
    assert tiles["crs"] == "wgs84"  # CGCS2000
    assert [re.search(r"T=(\w+)", url).group(1) for url in tiles["layers"]] == ["vec_w", "cva_w"]


def test_the_content_security_policy_allows_exactly_the_tile_hosts():
    assert tile_hosts(None) == []
    assert tile_hosts(MAP_TILE_PROVIDERS["tianditu"]) == [
        f"https://t{number}.tianditu.gov.cn" for number in range(8)
    ]
    assert tile_hosts(MAP_TILE_PROVIDERS["amap"]) == [
        f"https://webrd0{number}.is.autonavi.com" for number in range(1, 5)
    ]
    assert tile_hosts({"url": "https://tiles.example/{z}/{x}/{y}.png"}) == ["https://tiles.example"]


@pytest.mark.django_db
def test_the_policy_of_the_default_settings_allows_no_other_host(client):
    response = client.get("/en/travel/hongyadong/")
    policy = response.headers["Content-Security-Policy"]
    assert "http" not in policy


def test_amap_link_carries_gcj02_and_baidu_link_wgs84():
    amap = urlsplit(amap_link(29.56538, 106.57531, "洪崖洞"))
    assert (amap.scheme, amap.netloc, amap.path) == ("https", "uri.amap.com", "/marker")
    query = parse_qs(amap.query)
    lat, lon = wgs84_to_gcj02(29.56538, 106.57531)
    assert query["position"] == [f"{lon:.6f},{lat:.6f}"]
    assert query["coordinate"] == ["gaode"] and query["name"] == ["洪崖洞"]
    baidu = urlsplit(baidu_link(29.56538, 106.57531, "洪崖洞", "渝中区嘉陵江滨江路88号"))
    assert (baidu.netloc, baidu.path) == ("api.map.baidu.com", "/marker")
    query = parse_qs(baidu.query)
    assert query["location"] == ["29.565380,106.575310"] and query["coord_type"] == ["wgs84"]
    assert query["title"] == ["洪崖洞"] and query["output"] == ["html"]


def test_include_renders_data_list_and_local_scripts(settings):
    settings.TOURISM_MAP_TILES = None
    html = render_to_string(
        "tourism/includes/map.html", {"points": POINTS, "routes": ROUTES, "map_id": "trip"}
    )
    data = json.loads(
        re.search(r'<script id="trip-data" type="application/json">(.*?)</script>', html).group(1)
    )
    assert len(data["points"]) == 2 and len(data["routes"][0]["line"]) == 2
    # Without JavaScript: the list of places with their (WGS-84) coordinates.
    assert '<a href="/en/travel/hongyadong/">Hongyadong</a>' in html
    assert "29.5630° N, 106.5790° E" in html
    assert "data-map-groups" not in html  # one group: nothing to choose
    # Leaflet and the base layer from our own static files; nothing from another host.
    leaflet = static("tourism/vendor/leaflet-1.9.4/leaflet.js")  # the collected, hashed file
    assert leaflet.startswith("/static/tourism/vendor/") and f'src="{leaflet}"' in html
    assert data["base"]["url"].startswith("/static/tourism/map/")
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_include_with_groups_offers_a_choice_and_lists_each_group(settings):
    settings.TOURISM_MAP_TILES = None
    points = [
        {"name": "A", "lat": 30.6, "lon": 104.0, "label": "1", "group": "1"},
        {"name": "B", "lat": 30.7, "lon": 104.1, "label": "2", "group": "1"},
        {"name": "C", "lat": 29.5, "lon": 106.5, "label": "1", "group": "2"},
    ]
    html = render_to_string(
        "tourism/includes/map.html",
        {"points": points, "map_id": "trip-map", "group_names": {"1": "Day 1", "2": "Day 2"}},
    )
    assert html.count('type="radio" name="trip-map-group"') == 2
    assert 'value="1" checked' in html
    lists = re.findall(
        r'<ol class="tourism-map__points" aria-labelledby="trip-map-group-(\d)">(.*?)</ol>',
        html,
        re.S,
    )
    assert [
        (group, re.findall(r'"map-label" aria-hidden="true">(\d)<', items))
        for group, items in lists
    ] == [
        ("1", ["1", "2"]),
        ("2", ["1"]),
    ]


@pytest.mark.django_db
def test_place_page_map_has_the_place_and_its_neighbours(client, settings):
    settings.TOURISM_MAP_TILES = None
    response = client.get("/en/travel/hongyadong/")
    page = response.content.decode()
    data = json.loads(
        re.search(
            r'<script id="place-map-data" type="application/json">(.*?)</script>', page
        ).group(1)
    )
    names = [point["name"] for point in data["points"]]
    assert names == ["Hongyadong"] + [item.title for item in response.context["nearby"]]
    assert [point["label"] for point in data["points"]][:3] == ["★", "1", "2"]
    assert data["tiles"] is None and data["base"]["names"]["yuzhong"] == "Yuzhong"


@pytest.mark.django_db
def test_place_page_opens_the_place_in_amap_and_baidu_maps(client):
    page = client.get("/zh-hans/travel/hongyadong/").content.decode()
    place = client.get("/zh-hans/travel/hongyadong/").context["page"]
    lat, lon = float(place.latitude), float(place.longitude)
    assert f'href="{amap_link(lat, lon, "洪崖洞")}"'.replace("&", "&amp;") in page
    assert "在高德地图中打开" in page and "在百度地图中打开" in page
    assert "location=" + f"{lat:.6f}%2C{lon:.6f}" in page
