from django import template

from ..maps import map_data, point

register = template.Library()


@register.simple_tag(takes_context=True)
def map_component(context, points, route=None) -> dict:
    """The map include's data: the JSON for map.js and the points for the list."""
    map_id = context.get("map_id") or "map"
    points = [point(item) for item in points or []]
    return {"data": map_data(points, route), "points": points, "json_id": f"{map_id}-data"}
