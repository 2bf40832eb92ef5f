from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..maps import amap_link, baidu_link, map_data, point

register = template.Library()


@register.simple_tag(takes_context=True)
def map_component(context, points, routes=None, group_names=None) -> dict:
    """The map include's data: the JSON for map.js, and the points for the list beside the map
    in their groups (a trip's days), each with its name from `group_names` (key -> name)."""
    map_id = context.get("map_id") or "map"
    points = [point(item) for item in points or []]
    groups: dict[str, list] = {}
    for item in points:
        groups.setdefault(item.group, []).append(item)
    return {
        "data": map_data(points, routes),
        "points": points,
        "groups": [
            {
                "key": key,
                "name": (group_names or {}).get(key, ""),
                "points": members,
                "list_items": list_items(members),
            }
            for key, members in groups.items()
        ],
        "json_id": f"{map_id}-data",
    }


def list_items(points) -> SafeString:
    """The list's <li> for each point, written here rather than by a template loop, and
    escaped with the standard library's escape (Django's, lazy-aware, costs ten times more
    per call): a listing's map has 131 points."""
    return mark_safe("\n".join(list_item(point) for point in points))


def list_item(point) -> str:
    name = escape(point.name)
    link = f'<a href="{escape(point.url)}">{name}</a>' if point.url else name
    label = (
        f'<span class="map-label" aria-hidden="true">{escape(point.label)}</span> '
        if point.label
        else ""
    )
    return f'<li>{label}{link} <small class="coordinates">{escape(point.coordinates)}</small></li>'


@register.simple_tag
def map_app_links(place) -> dict:
    """Links that open the place in AMap and in Baidu Maps (the app on a phone, else the web)."""
    lat, lon = float(place.latitude), float(place.longitude)
    return {
        "amap": amap_link(lat, lon, place.title),
        "baidu": baidu_link(lat, lon, place.title, getattr(place, "address", "")),
    }
