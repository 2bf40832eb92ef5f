"""Horizontal bar charts as inline SVG, drawn on the server (no script, no asset from elsewhere).

The SVG is one image to assistive technology (role="img" with a <title>); the page shows the
same figures in a table next to it, so nothing is only in the picture.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Drawn narrow, for a phone first: each label stands above its bar, so the bars get the whole
# width; on a wide screen the chart grows to MAX_WIDTH and no further.
WIDTH = 360
VALUE_WIDTH = 56  # room right of the longest bar for its value
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
ROW_HEIGHT = 40
LABEL_UNITS = 52  # how much of a label fits: a Chinese character counts two
# Drawn 480 px wide at most; the site's stylesheet lets it shrink on a phone (.bar-chart).
# A size attribute, not a style one: the Content-Security-Policy allows no inline styles.
MAX_WIDTH = 480
BAR_COLOUR = "#8a1c1c"  # the site's brand colour, 8.3:1 on white
TEXT_COLOUR = "#222"


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    bars: list[tuple[str, float]]
    svg: SafeString


def bar_chart(chart_id: str, title: str, bars: Iterable[tuple[str, float]]) -> BarChart:
    """One bar per (label, value), in the order given; an empty chart has no SVG."""
    bars = [(str(label), value) for label, value in bars]
    svg = render_svg(chart_id, title, bars) if bars else SafeString("")
    return BarChart(chart_id=chart_id, title=title, bars=bars, svg=svg)


def render_svg(chart_id: str, title: str, bars: list[tuple[str, float]]) -> SafeString:
    largest = max(value for _, value in bars) or 1
    room = WIDTH - VALUE_WIDTH
    rows = format_html_join(
        "",
        '<g transform="translate(0 {})"><text x="0" y="13">{}</text>'
        '<rect x="0" y="{}" width="{}" height="{}" fill="{}"></rect>'
        '<text x="{}" y="{}">{}</text></g>',
        (
            (
                index * ROW_HEIGHT,
                shortened(label),
                LABEL_HEIGHT,
                round(room * value / largest, 1),
                BAR_HEIGHT,
                BAR_COLOUR,
                round(room * value / largest, 1) + 5,
                LABEL_HEIGHT + BAR_HEIGHT - 2,
                number_format(value, force_grouping=True),
            )
            for index, (label, value) in enumerate(bars)
        ),
    )
    return format_html(
        '<svg class="bar-chart" role="img" aria-labelledby="{}-title" aria-describedby="{}-desc" '
        'viewBox="0 0 {} {}" width="{}" font-size="13" fill="{}" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>'
        '<desc id="{}-desc">{}</desc>{}</svg>',
        chart_id,
        chart_id,
        WIDTH,
        ROW_HEIGHT * len(bars),
        MAX_WIDTH,
        TEXT_COLOUR,
        chart_id,
        title,
        chart_id,
        "; ".join(f"{label}: {number_format(value, force_grouping=True)}" for label, value in bars),
        rows,
    )


def shortened(label: str) -> str:
    """The label cut to fit its column (the table beside the chart has it in full)."""
    units = 0
    for position, char in enumerate(label):
        units += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if units > LABEL_UNITS:
            return label[: position - 1] + "…"
    return label
