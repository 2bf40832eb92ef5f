"""Template tags of the events' pages, tickets and e-mails: when an event takes place (in the
one format per language of dates.py), where, on a small sketch, and readable ticket codes."""

from datetime import date, datetime, time, timedelta

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from twincity.core.cities import City

from .. import codes, dates

register = template.Library()

# The sketch of the two cities behind the venue marker: the box it shows (WGS-84 degrees) and
# the city centres it marks (Tianfu Square in Chengdu, Jiefangbei in Chongqing).
MAP_WEST, MAP_EAST, MAP_SOUTH, MAP_NORTH = 103.4, 107.2, 28.9, 31.3
MAP_WIDTH, MAP_HEIGHT = 240, 152
CITY_CENTRES = [(City.CHENGDU, 30.657, 104.066), (City.CHONGQING, 29.557, 106.577)]


def last_day(end: datetime) -> date:
    """The day an event ends on; one that ends at midnight ended the day before."""
    return (end - timedelta(minutes=1)).date() if end.time() == time(0, 0) else end.date()


def is_all_day(start: datetime, end: datetime) -> bool:
    """From midnight to 23:59 or midnight, Beijing time: the days are known, not the hours."""
    return start.time() == time(0, 0) and (end.hour, end.minute) in {(23, 59), (0, 0)}


def _time(moment: datetime | date, text: str) -> SafeString:
    return format_html('<time datetime="{}">{}</time>', moment.isoformat(), text)


def _days(start: datetime, end: datetime) -> SafeString:
    first, final = start.date(), last_day(end)
    first_text = _time(first, dates.beijing_time(first))
    if first == final:
        return first_text
    return format_html("{} – {}", first_text, _time(final, dates.beijing_time(final)))


@register.simple_tag
def event_dates(event, times: bool = True) -> SafeString:
    """The event's dates, and its hours when they are known, in Beijing time and localised:
    "Fri 15 Oct 2027, 09:30–17:00"; over several days, the start and the end in full."""
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if not times or is_all_day(start, end):
        return _days(start, end)
    if start.date() == last_day(end):
        return format_html(
            "{}–{}", _time(start, dates.beijing_time(start)), _time(end, dates.clock(end))
        )
    return format_html(
        "{} – {}",
        _time(start, dates.beijing_time(start)),
        _time(end, dates.beijing_time(end)),
    )


@register.filter
def beijing_time(moment, only: str = "") -> str:
    """{{ moment|beijing_time }}: "Fri 15 Oct 2027, 09:30" / "2027年10月15日（星期五）09:30";
    {{ moment|beijing_time:"date" }} leaves out the time."""
    return dates.beijing_time(moment, date_only=only == "date")


@register.filter
def readable_code(code: str) -> str:
    """A ticket's check-in code in groups of four, as staff read it."""
    return codes.grouped(code)


def _position(latitude: float, longitude: float) -> tuple[float, float] | None:
    x = (longitude - MAP_WEST) / (MAP_EAST - MAP_WEST) * MAP_WIDTH
    y = (MAP_NORTH - latitude) / (MAP_NORTH - MAP_SOUTH) * MAP_HEIGHT
    inside = 0 <= x <= MAP_WIDTH and 0 <= y <= MAP_HEIGHT
    return (round(x, 1), round(y, 1)) if inside else None


@register.simple_tag
def venue_sketch(event) -> SafeString:
    """An inline SVG: the venue among the two cities (no map tiles, nothing from outside).
    Nothing when the venue has no coordinates or lies outside the two cities' region."""
    if event.latitude is None or event.longitude is None:
        return ""
    venue = _position(float(event.latitude), float(event.longitude))
    if venue is None:
        return ""
    cities = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3" fill="#555"/>'
        '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#333">{}</text>',
        (
            (x, y, x, y + 15, label)
            for label, (x, y) in (
                (str(code.label), _position(lat, lon)) for code, lat, lon in CITY_CENTRES
            )
        ),
    )
    return format_html(
        '<svg class="venue-sketch" role="img" aria-labelledby="venue-sketch-title" '
        'width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
        '<title id="venue-sketch-title">{title}</title>'
        '<rect width="{w}" height="{h}" rx="6" fill="#f4f1ea" stroke="#d8d2c4"/>{cities}'
        '<circle cx="{x}" cy="{y}" r="6" fill="#b22222" stroke="#fff" stroke-width="2"/>'
        "</svg>",
        w=MAP_WIDTH,
        h=MAP_HEIGHT,
        title=_("Sketch: where the venue lies between Chengdu and Chongqing"),
        cities=cities,
        x=venue[0],
        y=venue[1],
    )


@register.filter
def coordinate(value) -> str:
    """A coordinate as the editor gave it, without the database's trailing zeros."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
