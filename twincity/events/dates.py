"""Dates and times of the events as people read them: in Beijing time, one format per language,
on every page, ticket, e-mail and staff page of the events.

English: "Fri 15 Oct 2027, 09:30"; Chinese: "2027年10月15日（星期五）09:30". The weekday and
month names come from Django's own translations. Machine-readable values (<time datetime>,
date inputs, spreadsheets, .ics files) stay ISO 8601.
"""

from datetime import date, datetime

from django.utils import timezone
from django.utils.dateformat import format as format_date

from twincity.core.localisation import is_chinese

# (a day, a day and its time) in Django's date format characters.
ENGLISH = ("D j M Y", "D j M Y, H:i")
CHINESE = ("Y年n月j日（l）", "Y年n月j日（l）H:i")


def beijing_time(moment: datetime | date | None, date_only: bool = False) -> str:
    """`moment` in Beijing time, in the active language's format; a date (or `date_only`)
    without the time. Empty for no moment."""
    if moment is None:
        return ""
    day_format, moment_format = CHINESE if is_chinese() else ENGLISH
    if not isinstance(moment, datetime):
        return format_date(moment, day_format)
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return format_date(local, day_format if date_only else moment_format)


def clock(moment: datetime) -> str:
    """The time of day alone, in Beijing time: 09:30."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return format_date(local, "H:i")
