"""Checks on the times of a round and of an interview: a round ends after it starts, at times
its zone's clock shows (once, or said which of two), and an interview ends after its round
began."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from .field_values import FIRST, SECOND, format_datetime, parse_datetime, which_of_two, zone_exists
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


def _by(change: timedelta) -> str:
    """How far the clocks move: "1 h", or "30 m"."""
    hours, minutes = divmod(int(change.total_seconds() // 60), 60)
    return f"{hours} h" if not minutes else span(change)


def gap_text(when: datetime, zone_name: str, zone: tzinfo | None) -> str | None:
    """Why `when` cannot be a time in the zone, said with what the clock does there."""
    read = skipped(when, zone)
    if read is None:
        return None
    where = f"in {zone_name}" if zone_name else "on this computer's clock"
    jump = abs(read - when)
    by = _by(jump)
    return (
        f"{when:%H:%M} does not exist {where} on {when:%a %d %b %Y}: the clocks go forward "
        f"{by} that night and skip it (it would read {when + jump:%H:%M}); pick a time "
        "before or after"
    )


def twice(when: datetime, zone: tzinfo | None) -> tuple[datetime, datetime] | None:
    """The two moments (in UTC) a clock reading names in `zone` (None: this computer's) when
    the clocks go back over it and show it twice, earlier first; None when it shows once."""
    if skipped(when, zone) is not None:
        return None
    first, second = instant(when.replace(fold=0), zone), instant(when.replace(fold=1), zone)
    return (first, second) if first != second else None


def _on_your_clock(moment: datetime, day: datetime) -> str:
    """A moment as this computer's clock reads it, with its zone's abbreviation, and the day
    when it is not `day`'s."""
    here = moment.astimezone()
    shown = f"{here:%H:%M %Z}".strip()
    return shown if here.date() == day.date() else f"{here:%a %d %b} {shown}"


def _abbreviation(moment: datetime, zone: tzinfo | None) -> str:
    there = moment.astimezone() if zone is None else moment.astimezone(zone)
    return there.tzname() or ""


def which_text(when: datetime, which: str, zone: tzinfo | None) -> str:
    """What follows a clock reading shown for a time the clock shows twice: " (first, EDT)" or
    " (second, EST)", with the first taken when none was said; "" for a time it shows once."""
    both = twice(when, zone)
    if both is None:
        return ""
    chosen = which or (SECOND if when.fold else FIRST)
    name = _abbreviation(both[chosen == SECOND], zone)
    return f" ({chosen}, {name})" if name else f" ({chosen})"


def clock_problem(
    text: Any, zone_name: str, zone: tzinfo | None, ask_which: bool = True
) -> str | None:
    """Why a date and time cannot stand as written on a clock: it is skipped there, or (when
    `ask_which`) it is shown twice and does not say which, or says which of two when the clock
    shows it once. None when it can, or when it is no date and time."""
    when = _when(text)
    if when is None:
        return None
    gap = gap_text(when, zone_name, zone)
    if gap is not None or not ask_which:
        return gap
    which = which_of_two(text)
    where = f"in {zone_name}" if zone_name else "on this computer's clock"
    both = twice(when, zone)
    if both is None:
        if not which:
            return None
        return f"{when:%H:%M} comes once {where} on {when:%a %d %b %Y}: leave out ({which})"
    if which:
        return None
    first, second = both
    back = _by(second - first)
    said = format_datetime(when)
    return (
        f"{when:%H:%M} comes twice {where} on {when:%a %d %b %Y}, as the clocks go back "
        f"{back}: type {said} (first) for {_on_your_clock(first, when)} on your clock or "
        f"{said} (second) for {_on_your_clock(second, when)}"
    )


def round_problems(values: dict[str, Any], kept: dict[str, Any] | None = None) -> dict[str, str]:
    """What is wrong with a round's times taken together, by field: a start or end its zone's
    clock skips, or shows twice without saying which (unless `kept`, the values stored
    before, already held it in the same zone), an end before (or at) the start."""
    zone_name = str(values.get("zone") or "")
    zone = _zone(zone_name)
    start, end = _when(values.get("start_at")), _when(values.get("end_at"))
    problems: dict[str, str] = {}
    for name in ("start_at", "end_at"):
        as_kept = kept is not None and all(kept.get(k) == values.get(k) for k in (name, "zone"))
        problem = clock_problem(values.get(name), zone_name, zone, ask_which=not as_kept)
        if problem is not None:
            problems[name] = problem
    if start is not None and end is not None and not problems:
        if instant(end, zone) <= instant(start, zone):
            same_time = instant(end, zone) == instant(start, zone)
            said = "is the same as" if same_time else "is before"
            shown = format_datetime(start, which_of_two(values.get("start_at")))
            problems["end_at"] = f"{said} the start ({shown}): a round ends after it starts"
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
    began_at = instant(start, zone)
    if instant(ended, None) >= began_at:
        return None
    began = began_at.astimezone().replace(tzinfo=None)  # on this computer's clock
    there = f" ({format_datetime(start)} {zone_name})" if zone_name else ""
    return (
        f"is before its round starts: {format_datetime(began)} on your clock{there}. "
        "Give the time on your clock"
    )
