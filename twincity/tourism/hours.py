"""Opening hours: {"mon": [["09:00", "17:30"]], ..., "sun": []} per the places data contract.

Times are "HH:MM"; a close after midnight is written past 24 ("26:00" is 02:00 next day);
"00:00"-"24:00" is open all day; an empty list is a closed day. Editors type the hours as
text, one line per weekday ("mon: 09:00-12:00, 14:00-18:00" or "mon: closed"); the parser
here checks it and gives errors that say which day is wrong.
"""

import re
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIME = re.compile(r"^(\d{1,2}):([0-5]\d)$")
CLOSED_WORDS = {"closed", "休息", "闭馆", "关闭", "-", ""}
# "mon" or "monday" (and so on) starts a line.
DAY_NAMES = {
    name: day
    for day, full in zip(
        WEEKDAYS,
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        strict=True,
    )
    for name in (day, full)
}
MAX_MINUTES = 48 * 60  # a close "past 24" may reach into the next day, not further


def minutes(text: str) -> int:
    match = TIME.match(text.strip())
    if not match:
        raise ValueError(text)
    value = int(match.group(1)) * 60 + int(match.group(2))
    if value > MAX_MINUTES:
        raise ValueError(text)
    return value


def check_hours(hours: object) -> dict[str, list[list[str]]]:
    """The hours as stored, checked: all seven days, each interval opens before it closes,
    opens within the day and the intervals of a day do not overlap."""
    if not isinstance(hours, dict) or set(hours) != set(WEEKDAYS):
        raise ValidationError(_("Give the hours of all seven weekdays (mon to sun)."))
    for day in WEEKDAYS:
        intervals = hours[day]
        if not isinstance(intervals, list):
            raise ValidationError(_("%(day)s: a list of opening intervals.") % {"day": day})
        previous_close = -1
        for interval in intervals:
            try:
                opens, closes = (minutes(value) for value in interval)
            except (TypeError, ValueError):
                raise ValidationError(
                    _("%(day)s: write times as HH:MM, for example 09:00-17:30.") % {"day": day}
                ) from None
            if opens >= closes:
                raise ValidationError(
                    _("%(day)s: a place must open before it closes (%(opens)s-%(closes)s).")
                    % {"day": day, "opens": interval[0], "closes": interval[1]}
                )
            if opens >= 24 * 60:
                raise ValidationError(
                    _("%(day)s: an opening time must fall within the day.") % {"day": day}
                )
            if opens < previous_close:
                raise ValidationError(
                    _("%(day)s: the opening intervals overlap or are out of order.") % {"day": day}
                )
            previous_close = closes
    return hours


def parse_hours_text(text: str) -> dict[str, list[list[str]]]:
    """Editor's text -> hours. Days not named are closed."""
    hours: dict[str, list[list[str]]] = {day: [] for day in WEEKDAYS}
    seen = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        day, sep, rest = line.partition(":")
        day = DAY_NAMES.get(day.strip().lower(), "")
        if not sep or not day:
            raise ValidationError(
                _("Line %(number)s: start with a weekday, for example “mon: 09:00-17:30”.")
                % {"number": number}
            )
        if day in seen:
            raise ValidationError(_("%(day)s is given twice.") % {"day": day})
        seen.add(day)
        rest = rest.strip()
        if rest.lower() in CLOSED_WORDS:
            continue
        for part in re.split(r"[,，;；]", rest):
            opens, dash, closes = part.replace("–", "-").partition("-")
            if not dash:
                raise ValidationError(
                    _("%(day)s: write times as HH:MM, for example 09:00-17:30.") % {"day": day}
                )
            hours[day].append([normal_time(opens), normal_time(closes)])
    return check_hours(hours)


def normal_time(text: str) -> str:
    """ "9:00" -> "09:00"; anything else is left for check_hours to refuse."""
    match = TIME.match(text.strip())
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else text.strip()


def format_hours_text(hours: dict | None) -> str:
    if not hours:
        return ""
    lines = []
    for day in WEEKDAYS:
        intervals = hours.get(day) or []
        text = ", ".join(f"{opens}-{closes}" for opens, closes in intervals) or "closed"
        lines.append(f"{day}: {text}")
    return "\n".join(lines)


def is_open_at(hours: dict, moment: datetime) -> bool:
    """Open at `moment` (a local time of the place): today's intervals, or an interval of
    yesterday that runs past midnight."""
    weekday = moment.weekday()
    now = moment.hour * 60 + moment.minute
    today = WEEKDAYS[weekday]
    yesterday = WEEKDAYS[(weekday - 1) % 7]
    for opens, closes in hours.get(today, []):
        if minutes(opens) <= now < minutes(closes):
            return True
    return any(now + 24 * 60 < minutes(closes) for _o, closes in hours.get(yesterday, []))


def display_time(text: str) -> str:
    """ "26:00" -> "02:00" for a reader; "24:00" stays (midnight, end of day)."""
    value = minutes(text)
    if value <= 24 * 60:
        return text
    value -= 24 * 60
    return f"{value // 60:02d}:{value % 60:02d}"


def day_intervals(hours: dict, day: str) -> list[tuple[str, str, bool]]:
    """(opens, closes, closes the next day) for reading."""
    return [
        (opens, display_time(closes), minutes(closes) > 24 * 60)
        for opens, closes in (hours or {}).get(day, [])
    ]
