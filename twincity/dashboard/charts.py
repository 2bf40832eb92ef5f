"""A month series as columns, drawn on the server as SVG (no script), beside its table.

core.charts draws bars with a label above each, which suits a handful of categories; two years
of months would be a metre long on a phone, so a series is drawn across instead: one column a
month, the first, middle and last months named under the axis. A month whose count is not
published gets no column, only a small mark, so the picture never shows what the table hides.
"""

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .display import marker
from .suppression import Cell, State

WIDTH = 360
HEIGHT = 150
TOP = 16  # room for the largest value above the chart
AXIS = 22  # room for the month names under it
COLOUR = "#8a1c1c"  # the site's brand colour (core.charts), 8.3:1 on white
MUTED = "#595959"  # 7:1 on white
MAX_WIDTH = 640


def month_columns(
    chart_id: str, title: str, months: list[tuple[str, Cell]], unit: str
) -> SafeString:
    if not months:
        return SafeString("")
    largest = max((cell.value or 0 for _, cell in months), default=0) or 1
    step = WIDTH / len(months)
    room = HEIGHT - TOP - AXIS
    columns = []
    for index, (label, cell) in enumerate(months):
        x = round(index * step + step * 0.15, 1)
        width = round(step * 0.7, 1)
        if cell.state is State.SHOWN:
            height = round(room * (cell.value or 0) / largest, 1)
            columns.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                    x, TOP + room - height, width, height, COLOUR, label,
                    number_format(cell.value, force_grouping=True),
                )
            )  # fmt: skip
        else:
            columns.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="2" fill="{}"><title>{}: {}</title></rect>',
                    x, TOP + room - 2, width, MUTED, label, marker(cell),
                )
            )  # fmt: skip
    named = sorted({0, len(months) // 2, len(months) - 1})
    anchors = {0: "start", len(months) - 1: "end"}
    names = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="{}" fill="{}">{}</text>',
        (
            (
                0 if index == 0 else WIDTH if index == len(months) - 1 else round((index + 0.5) * step, 1),
                HEIGHT - 6,
                anchors.get(index, "middle"),
                MUTED,
                months[index][0],
            )
            for index in named
        ),
    )  # fmt: skip
    description = "; ".join(
        f"{label}: {number_format(cell.value, force_grouping=True) if cell.shown else marker(cell)}"
        for label, cell in months
    )
    return format_html(
        '<svg class="circle-chart circle-chart--months" role="img" aria-labelledby="{}-title" '
        'aria-describedby="{}-desc" viewBox="0 0 {} {}" width="{}" font-size="11" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<text x="0" y="11" fill="{}">{}</text>'
        '<line x1="0" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"></line>{}{}</svg>',
        chart_id, chart_id, WIDTH, HEIGHT, MAX_WIDTH, chart_id, title, chart_id, description,
        MUTED, _("Largest: %(value)s %(unit)s") % {
            "value": number_format(largest, force_grouping=True), "unit": unit},
        WIDTH, TOP + room, TOP + room, MUTED, SafeString("".join(columns)), names,
    )  # fmt: skip
