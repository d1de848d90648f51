"""Checks on the times of a round and of an interview: a round ends after it starts, at times
its zone's clock shows, and an interview ends after its round began."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from .field_values import format_datetime, parse_datetime, zone_exists
from .timing import span


def _when(text: Any) -> datetime | None:
    try:
        return parse_datetime(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _zone(name: Any) -> tzinfo | None:
    return ZoneInfo(name) if isinstance(name, str) and name and zone_exists(name) else None


def instant(when: datetime, zone: tzinfo | None) -> datetime:
    """A wall-clock time in `zone` (None: this computer's) as a moment in UTC."""
    aware = when.astimezone() if zone is None else when.replace(tzinfo=zone)
    return aware.astimezone(UTC)


def skipped(when: datetime, zone: tzinfo | None) -> datetime | None:
    """What the clock reads at `when` when that time does not exist in `zone` (the hour
    skipped when the clocks go forward), else None."""
    moment = instant(when, zone)
    back = moment.astimezone() if zone is None else moment.astimezone(zone)
    read = back.replace(tzinfo=None)
    return read if read != when else None


def gap_text(when: datetime, zone_name: str, zone: tzinfo | None) -> str | None:
    """Why `when` cannot be a time in the zone, said with what the clock does there."""
    read = skipped(when, zone)
    if read is None:
        return None
    where = f"in {zone_name}" if zone_name else "on this computer's clock"
    jump = abs(read - when)
    hours, minutes = divmod(int(jump.total_seconds() // 60), 60)
    by = f"{hours} h" if not minutes else span(jump)
    return (
        f"{when:%H:%M} does not exist {where} on {when:%a %d %b %Y}: the clocks go forward "
        f"{by} that night and skip it (it would read {when + jump:%H:%M}); pick a time "
        "before or after"
    )


def round_problems(values: dict[str, Any]) -> dict[str, str]:
    """What is wrong with a round's times taken together, by field: a start or end its zone's
    clock skips, an end before (or at) the start."""
    zone_name = str(values.get("zone") or "")
    zone = _zone(zone_name)
    start, end = _when(values.get("start_at")), _when(values.get("end_at"))
    problems: dict[str, str] = {}
    for name, when in (("start_at", start), ("end_at", end)):
        gap = None if when is None else gap_text(when, zone_name, zone)
        if gap is not None:
            problems[name] = gap
    if start is not None and end is not None and not problems:
        if instant(end, zone) <= instant(start, zone):
            said = "is the same as" if end == start else "is before"
            problems["end_at"] = (
                f"{said} the start ({format_datetime(start)}): a round ends after it starts"
            )
    return problems


def ended_problem(round_values: dict[str, Any], ended_text: str) -> str | None:
    """Why an interview cannot have ended at `ended_text` (on this computer's clock): before
    its round began. None when it can."""
    ended = _when(ended_text)
    zone_name = str(round_values.get("zone") or "")
    zone = _zone(zone_name)
    start = _when(round_values.get("start_at"))
    if ended is None or start is None:
        return None
    began = instant(start, zone).astimezone().replace(tzinfo=None)  # on this computer's clock
    if ended >= began:
        return None
    there = f" ({format_datetime(start)} {zone_name})" if zone_name else ""
    return (
        f"is before its round starts: {format_datetime(began)} on your clock{there}. "
        "Give the time on your clock"
    )
