"""A strict reading of an .ics file (RFC 5545), stricter than calendar programs are lenient:
what Outlook, Apple Calendar and Google Calendar may refuse or misread fails here."""

import re
from datetime import timedelta

import icalendar

MAX_LINE_OCTETS = 75


class InvalidCalendar(AssertionError):
    pass


def strictly_parsed(content: bytes) -> icalendar.Calendar:
    """The calendar in `content`, or InvalidCalendar naming the first rule it breaks."""
    lines = physical_lines(content)
    unfolded = b"\r\n".join(lines).replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    if not unfolded.startswith(b"BEGIN:VCALENDAR\r\n"):
        raise InvalidCalendar("the file does not start with BEGIN:VCALENDAR")
    if not unfolded.endswith(b"END:VCALENDAR"):
        raise InvalidCalendar("the file does not end with END:VCALENDAR")
    calendar = icalendar.Calendar.from_ical(content)
    broken = [
        (component.name, component.errors) for component in calendar.walk() if component.errors
    ]
    if broken:
        raise InvalidCalendar(f"properties that do not parse: {broken}")
    for required in ("VERSION", "PRODID"):
        if required not in calendar:
            raise InvalidCalendar(f"the calendar has no {required}")
    check_events(calendar)
    check_zones(calendar, unfolded.decode("utf-8"))
    return calendar


def physical_lines(content: bytes) -> list[bytes]:
    """The lines as written: each ends in CRLF, is at most 75 octets and valid UTF-8 alone (a
    fold never splits a character)."""
    if not content.endswith(b"\r\n"):
        raise InvalidCalendar("the last line does not end with CRLF")
    lines = content[:-2].split(b"\r\n")
    for number, line in enumerate(lines, start=1):
        if b"\n" in line or b"\r" in line:
            raise InvalidCalendar(f"line {number} ends with a bare LF or CR, not CRLF")
        if len(line) > MAX_LINE_OCTETS:
            raise InvalidCalendar(f"line {number} has {len(line)} octets, over 75: {line[:40]!r}")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidCalendar(f"line {number} splits a UTF-8 character") from error
    return lines


def check_events(calendar: icalendar.Calendar) -> None:
    events = calendar.walk("VEVENT")
    if not events:
        raise InvalidCalendar("the calendar has no event")
    uids = [str(event.get("UID", "")) for event in events]
    for event, uid in zip(events, uids, strict=True):
        for required in ("UID", "DTSTAMP", "DTSTART"):
            if required not in event:
                raise InvalidCalendar(f"an event ({event.get('SUMMARY')}) has no {required}")
        stamp = event.decoded("DTSTAMP")
        if stamp.utcoffset() != timedelta(0):
            raise InvalidCalendar(f"DTSTAMP of {uid} is not in UTC")
        if "DTEND" in event and event.decoded("DTEND") < event.decoded("DTSTART"):
            raise InvalidCalendar(f"{uid} ends before it starts")
    if len(set(uids)) != len(uids):
        raise InvalidCalendar("two events share a UID")


def check_zones(calendar: icalendar.Calendar, text: str) -> None:
    """Every TZID an event names is defined by a VTIMEZONE with its offsets."""
    named = set(re.findall(r";TZID=([^:;]+)", text))
    defined = {str(zone["TZID"]): zone for zone in calendar.walk("VTIMEZONE")}
    if named - set(defined):
        raise InvalidCalendar(f"TZID without a VTIMEZONE: {sorted(named - set(defined))}")
    for tzid, zone in defined.items():
        rules = [c for c in zone.subcomponents if c.name in ("STANDARD", "DAYLIGHT")]
        if not rules:
            raise InvalidCalendar(f"VTIMEZONE {tzid} has no STANDARD or DAYLIGHT rule")
        for rule in rules:
            for required in ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO"):
                if required not in rule:
                    raise InvalidCalendar(f"a rule of {tzid} has no {required}")
