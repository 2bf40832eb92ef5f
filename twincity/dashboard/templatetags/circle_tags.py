"""One cell of a figure's table: its number, or the marker of a count that is not published
(with the words for a screen reader)."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html

from ..display import marker, short_marker
from ..suppression import Cell

register = template.Library()


@register.simple_tag
def circle_cell(cell: Cell | None):
    if cell is None:
        return format_html("<td></td>")
    if cell.shown:
        return format_html(
            '<td class="circle-num">{}</td>', number_format(cell.value, force_grouping=True)
        )
    return format_html(
        '<td class="circle-num circle-num--{}"><abbr title="{}">{}</abbr></td>',
        cell.state.value,
        marker(cell),
        short_marker(cell),
    )
