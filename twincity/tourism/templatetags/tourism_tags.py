from django import template

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
            {"key": key, "name": (group_names or {}).get(key, ""), "points": members}
            for key, members in groups.items()
        ],
        "json_id": f"{map_id}-data",
    }


@register.simple_tag
def map_app_links(place) -> dict:
    """Links that open the place in AMap and in Baidu Maps (the app on a phone, else the web)."""
    lat, lon = float(place.latitude), float(place.longitude)
    return {
        "amap": amap_link(lat, lon, place.title),
        "baidu": baidu_link(lat, lon, place.title, getattr(place, "address", "")),
    }
