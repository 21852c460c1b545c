#!/usr/bin/env python3
"""Reads iCalendar files with an independent parser (the `icalendar` package) and prints what
it understood as JSON, for the Rust tests of src/share/ical.rs to compare with what they wrote.

    python3 tests/ical_check.py FILE.ics [FILE.ics ...]

Besides parsing, it checks the octets the way a strict reader would: every line ends in CRLF,
no physical line is longer than 75 octets, and every physical line is valid UTF-8 on its own
(a fold never splits a character). It exits 1 with a message on the first problem, and 2 when
`icalendar` is not installed (the Rust test then skips the check).
"""

import json
import sys

try:
    import icalendar
except ImportError:
    print("icalendar is not installed", file=sys.stderr)
    sys.exit(2)


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def check_octets(path, data):
    if not data.endswith(b"\r\n"):
        fail(f"{path}: does not end with CRLF")
    for number, line in enumerate(data.split(b"\r\n")[:-1], start=1):
        if b"\n" in line or b"\r" in line:
            fail(f"{path}: line {number} has a bare line break")
        if len(line) > 75:
            fail(f"{path}: line {number} is {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            fail(f"{path}: line {number} splits a UTF-8 character")


def as_text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def when(component, name):
    prop = component.get(name)
    if prop is None:
        return None
    value = prop.dt
    return {
        "local": value.strftime("%Y-%m-%dT%H:%M:%S"),
        "tzid": prop.params.get("TZID"),
        "utc_offset_minutes": int(value.utcoffset().total_seconds() // 60)
        if value.utcoffset() is not None
        else None,
    }


def describe(path):
    with open(path, "rb") as f:
        data = f.read()
    check_octets(path, data)
    calendar = icalendar.Calendar.from_ical(data)
    if calendar.name != "VCALENDAR" or str(calendar.get("VERSION")) != "2.0":
        fail(f"{path}: not an iCalendar 2.0 object")
    zones = [
        {
            "tzid": text(tz, "TZID"),
            "offsets": [
                as_text(sub.get("TZOFFSETTO").to_ical()) for sub in tz.subcomponents
            ],
        }
        for tz in calendar.walk("VTIMEZONE")
    ]
    events = []
    for event in calendar.walk("VEVENT"):
        stamp = event.get("DTSTAMP")
        events.append(
            {
                "uid": text(event, "UID"),
                "summary": text(event, "SUMMARY"),
                "location": text(event, "LOCATION"),
                "description": text(event, "DESCRIPTION"),
                "status": text(event, "STATUS"),
                "dtstamp": stamp.dt.strftime("%Y%m%dT%H%M%SZ") if stamp else None,
                "start": when(event, "DTSTART"),
                "end": when(event, "DTEND"),
                "alarms": [
                    {
                        "action": text(alarm, "ACTION"),
                        "trigger_seconds": int(alarm.get("TRIGGER").dt.total_seconds()),
                    }
                    for alarm in event.walk("VALARM")
                ],
            }
        )
    return {"file": path, "zones": zones, "events": events}


def main(paths):
    if not paths:
        fail("usage: ical_check.py FILE.ics [FILE.ics ...]")
    print(json.dumps([describe(p) for p in paths], ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
