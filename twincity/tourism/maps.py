"""The map component's data: points (numbered, in groups such as a trip's days), routes, and
what the map is drawn on, in the tile source's coordinates; and links that open a place in a
phone's map app.

Places are stored in WGS-84. A Chinese tile provider draws in GCJ-02, so with such a provider
(TOURISM_MAP_TILES["crs"] == "gcj02") every coordinate is converted here, on output only;
without tiles or with a WGS-84 provider the stored coordinates go out unchanged. Without tiles
the map draws the offline base layer (static/tourism/map/districts.geojson, WGS-84) with the
districts' names in the page's language, from the vocabulary.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twincity.core.cities import TWO_CITIES
from twincity.core.vocabulary import DISTRICTS

from .geo import wgs84_to_gcj02

CRS_CHOICES = {"wgs84", "gcj02"}


@dataclass(frozen=True)
class MapPoint:
    name: str
    lat: float
    lon: float
    url: str = ""
    label: str = ""
    group: str = ""  # markers of one group are shown together: "1" for a trip's first day

    @property
    def coordinates(self) -> str:
        """ "29.5630° N, 106.5790° E" in the page's language, for the list beside the map.
        Formatted here rather than by template filters: a listing's map has 131 points."""
        return _("%(lat)s° N, %(lon)s° E") % {"lat": f"{self.lat:.4f}", "lon": f"{self.lon:.4f}"}


def tiles() -> dict | None:
    """The tile source from settings, or None for the offline base layer. `layers` are the URL
    templates drawn one over the other, for the page's language where the provider has several
    (settings.MAP_TILE_PROVIDERS)."""
    config = getattr(settings, "TOURISM_MAP_TILES", None)
    if not config or not (config.get("url") or config.get("layers")):
        return None
    crs = config.get("crs", "wgs84")
    if crs not in CRS_CHOICES:
        raise ValueError(f"TOURISM_MAP_TILES crs must be one of {sorted(CRS_CHOICES)}, not {crs}")
    if "url" in config:
        layers = [config["url"]]
    else:
        by_language = config["layers"]
        layers = by_language.get(get_language() or "", next(iter(by_language.values())))
    return {
        "layers": layers,
        "subdomains": config.get("subdomains", "abc"),
        "attribution": config.get("attribution", ""),
        "crs": crs,
    }


def base_layer() -> dict:
    """The offline base layer: the districts' outlines (a static file, cached by the browser)
    and their names in the page's language."""
    return {
        "url": static("tourism/map/districts.geojson"),
        "names": {term.key: term.name() for term in DISTRICTS if term.city in TWO_CITIES},
    }


def for_display(lat: float, lon: float) -> tuple[float, float]:
    tile_source = tiles()
    if tile_source and tile_source["crs"] == "gcj02":
        lat, lon = wgs84_to_gcj02(lat, lon)
    return round(lat, 6), round(lon, 6)


def point(item) -> MapPoint:
    """A MapPoint from a MapPoint, a dict or anything with name/lat/lon attributes."""
    if isinstance(item, MapPoint):
        return item
    if isinstance(item, dict):
        return MapPoint(
            str(item["name"]),
            float(item["lat"]),
            float(item["lon"]),
            item.get("url", ""),
            str(item.get("label", "")),
            str(item.get("group", "")),
        )
    return MapPoint(
        str(item.name),
        float(item.lat),
        float(item.lon),
        item.url,
        str(item.label),
        str(getattr(item, "group", "")),
    )


def place_point(place, label: str = "") -> MapPoint:
    return MapPoint(place.title, float(place.latitude), float(place.longitude), place.url, label)


def map_data(points, routes=None) -> dict:
    """What tourism/map.js reads: the tiles (or the base layer), markers and the routes, each
    route a polyline of (lat, lon) pairs by the group of markers it joins ("" for none)."""
    markers = []
    for item in map(point, points):
        lat, lon = for_display(item.lat, item.lon)
        markers.append(
            {
                "name": item.name,
                "lat": lat,
                "lon": lon,
                "url": item.url,
                "label": item.label,
                "group": item.group,
            }
        )
    lines = [
        {
            "group": str(group),
            "line": [list(for_display(float(lat), float(lon))) for lat, lon in line],
        }
        for group, line in (routes or {}).items()
    ]
    tile_source = tiles()
    return {
        "tiles": tile_source,
        "base": None if tile_source else base_layer(),
        "points": markers,
        "routes": lines,
    }


# --- Links to a phone's map app ---------------------------------------------------------------
# Links the visitor follows (uri.amap.com and api.map.baidu.com open the app if it is there,
# else a web page); no request of ours. The source names us, as both APIs ask.
LINK_SOURCE = "twincity"


def amap_link(lat: float, lon: float, name: str) -> str:
    """AMap's URI API: position as lon,lat in GCJ-02, converted here ("gaode")."""
    gcj_lat, gcj_lon = wgs84_to_gcj02(lat, lon)
    query = {
        "position": f"{gcj_lon:.6f},{gcj_lat:.6f}",
        "name": name,
        "coordinate": "gaode",
        "callnative": "1",
        "src": LINK_SOURCE,
    }
    return "https://uri.amap.com/marker?" + urlencode(query)


def baidu_link(lat: float, lon: float, name: str, address: str = "") -> str:
    """Baidu Maps' URI API: location as lat,lng; Baidu converts WGS-84 itself (coord_type)."""
    query = {
        "location": f"{lat:.6f},{lon:.6f}",
        "title": name,
        "content": address or name,
        "coord_type": "wgs84",
        "output": "html",
        "src": f"webapp.{LINK_SOURCE}.portal",
    }
    return "https://api.map.baidu.com/marker?" + urlencode(query)
