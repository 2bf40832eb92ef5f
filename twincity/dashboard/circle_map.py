"""The two cities on a map, drawn on the server as SVG: the districts of Chengdu and Chongqing
(the maps' offline base layer, tourism/static/tourism/map/districts.geojson), a circle on each
city and the flows of people between them, each labelled with its published figure.

The outlines are read once per process and simplified to the map's scale (a few kilometres):
the picture is for orientation, the figures are in the list beside it.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

import twincity.tourism

BASE_LAYER = Path(twincity.tourism.__file__).parent / "static/tourism/map/districts.geojson"
WIDTH, HEIGHT = 360, 240
WEST, EAST, SOUTH, NORTH = 102.9, 110.3, 28.1, 32.3
CENTRES = {"chengdu": (104.066, 30.657), "chongqing": (106.551, 29.563)}
FILLS = {"chengdu": "#f6e3dc", "chongqing": "#dcefe9"}  # light tints of the city colours
STROKE = "#ffffff"
INK = "#222222"
CITY_COLOURS = {"chengdu": "#b03a00", "chongqing": "#0b6657"}  # site.css --chengdu/--chongqing


def project(lon: float, lat: float) -> tuple[float, float]:
    """Longitude and latitude to the drawing (equirectangular, squeezed at the cities' latitude)."""
    squeeze = math.cos(math.radians((SOUTH + NORTH) / 2))
    span_x = (EAST - WEST) * squeeze
    span_y = NORTH - SOUTH
    scale = min(WIDTH / span_x, HEIGHT / span_y)
    return round((lon - WEST) * squeeze * scale, 1), round((NORTH - lat) * scale, 1)


@cache
def district_paths() -> tuple[tuple[str, str], ...]:
    """(city, SVG path) of every district, points closer than a pixel merged."""
    features = json.loads(BASE_LAYER.read_text(encoding="utf-8"))["features"]
    paths = []
    for feature in features:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        parts = []
        for polygon in polygons:
            points = []
            for lon, lat in polygon[0]:
                point = tuple(round(value) for value in project(lon, lat))
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) >= 3:
                parts.append("M" + "L".join(f"{x} {y}" for x, y in points) + "Z")
        if parts:
            paths.append((feature["properties"]["city"], "".join(parts)))
    return tuple(paths)


@dataclass(frozen=True)
class CityFigure:
    city: str
    name: str
    lines: list[str]  # "12 events", "attendance: fewer than 5"


@dataclass(frozen=True)
class Flow:
    origin: str
    destination: str
    label: str  # "Attendance: 57" — published values only


def circle_map(map_id: str, title: str, cities: list[CityFigure], flows: list[Flow]) -> SafeString:
    outlines = format_html_join(
        "",
        '<path d="{}" fill="{}" stroke="{}" stroke-width="0.6"></path>',
        ((path, FILLS.get(city, "#eeeeee"), STROKE) for city, path in district_paths()),
    )
    return format_html(
        '<svg class="circle-map" role="img" aria-labelledby="{}-title" viewBox="0 0 {} {}" '
        'width="640" font-size="10" xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>'
        "{}{}{}</svg>",
        map_id, WIDTH, HEIGHT, map_id, title, outlines,
        SafeString("".join(flow_svg(flow) for flow in flows)),
        SafeString("".join(city_svg(city) for city in cities)),
    )  # fmt: skip


def city_svg(city: CityFigure) -> str:
    x, y = project(*CENTRES[city.city])
    # Chengdu's words stand left and above of its dot, Chongqing's right and below, so the two
    # never overlap the arrows between them.
    west = city.city == "chengdu"
    anchor, dx, dy = ("start", -4, -60) if west else ("end", 40, 32)
    lines = format_html_join(
        "",
        '<tspan x="{}" dy="{}">{}</tspan>',
        ((x + dx, "1.25em" if index else 0, line) for index, line in enumerate(city.lines)),
    )
    return format_html(
        '<g><circle cx="{}" cy="{}" r="5" fill="{}"></circle>'
        '<text x="{}" y="{}" text-anchor="{}" font-weight="700" fill="{}" font-size="12">{}</text>'
        '<text x="{}" y="{}" text-anchor="{}" fill="{}">{}</text></g>',
        x, y, CITY_COLOURS[city.city],
        x + dx, y + dy - 4, anchor, INK, city.name,
        x + dx, y + dy + 9, anchor, INK, lines,
    )  # fmt: skip


def flow_svg(flow: Flow) -> str:
    """A curved arrow from one city to the other, its label at the middle of the curve; the
    flow back bows to the other side, so the two never overlap."""
    (x1, y1), (x2, y2) = project(*CENTRES[flow.origin]), project(*CENTRES[flow.destination])
    bow = 22  # the normal turns with the direction: the return flow bows to the other side
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    length = math.hypot(x2 - x1, y2 - y1) or 1
    nx, ny = -(y2 - y1) / length, (x2 - x1) / length
    cx, cy = round(mx + nx * bow * 2, 1), round(my + ny * bow * 2, 1)
    colour = CITY_COLOURS[flow.origin]
    label_x, label_y = round(mx + nx * bow, 1), round(my + ny * bow + 3, 1)
    tip = arrow_head(cx, cy, x2, y2)
    return format_html(
        '<g><path d="M{} {}Q{} {} {} {}" fill="none" stroke="{}" stroke-width="1.5"></path>'
        '<path d="{}" fill="{}"></path>'
        '<text x="{}" y="{}" text-anchor="middle" fill="{}" paint-order="stroke" stroke="#fff" '
        'stroke-width="3">{}</text></g>',
        x1, y1, cx, cy, x2, y2, colour, tip, colour, label_x, label_y, colour, flow.label,
    )  # fmt: skip


def arrow_head(cx: float, cy: float, x: float, y: float) -> str:
    """A small triangle at (x, y) pointing along the curve's last direction, 8 px short of the
    city's dot."""
    angle = math.atan2(y - cy, x - cx)
    tip_x, tip_y = x - 7 * math.cos(angle), y - 7 * math.sin(angle)
    left = (tip_x - 6 * math.cos(angle - 0.5), tip_y - 6 * math.sin(angle - 0.5))
    right = (tip_x - 6 * math.cos(angle + 0.5), tip_y - 6 * math.sin(angle + 0.5))
    return f"M{tip_x:.1f} {tip_y:.1f}L{left[0]:.1f} {left[1]:.1f}L{right[0]:.1f} {right[1]:.1f}Z"
