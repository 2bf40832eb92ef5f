"""The map component's data: points and an optional route, in the tile source's coordinates.

Places are stored in WGS-84. A Chinese tile provider draws in GCJ-02, so with such a provider
(TOURISM_MAP_TILES["crs"] == "gcj02") every coordinate is converted here, on output only;
without tiles or with a WGS-84 provider the stored coordinates go out unchanged.
"""

from dataclasses import dataclass

from django.conf import settings

from .geo import wgs84_to_gcj02

CRS_CHOICES = {"wgs84", "gcj02"}


@dataclass(frozen=True)
class MapPoint:
    name: str
    lat: float
    lon: float
    url: str = ""
    label: str = ""


def tiles() -> dict | None:
    """The tile source from settings, or None for the plain offline background."""
    config = getattr(settings, "TOURISM_MAP_TILES", None)
    if not config or not config.get("url"):
        return None
    crs = config.get("crs", "wgs84")
    if crs not in CRS_CHOICES:
        raise ValueError(f"TOURISM_MAP_TILES crs must be one of {sorted(CRS_CHOICES)}, not {crs}")
    return {"url": config["url"], "attribution": config.get("attribution", ""), "crs": crs}


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
        )
    return MapPoint(str(item.name), float(item.lat), float(item.lon), item.url, str(item.label))


def place_point(place, label: str = "") -> MapPoint:
    return MapPoint(place.title, float(place.latitude), float(place.longitude), place.url, label)


def map_data(points, route=None) -> dict:
    """What tourism/map.js reads: the tiles (or none), markers and the route polyline."""
    markers = []
    for item in map(point, points):
        lat, lon = for_display(item.lat, item.lon)
        markers.append(
            {"name": item.name, "lat": lat, "lon": lon, "url": item.url, "label": item.label}
        )
    line = [list(for_display(float(lat), float(lon))) for lat, lon in (route or [])]
    return {"tiles": tiles(), "points": markers, "route": line}
