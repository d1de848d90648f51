"""Time left until an interview or a thank-you deadline, said the way a person reads it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from . import clock
from .field_values import parse_datetime

NOTE_WINDOW = timedelta(hours=24)


def now_minute() -> str:
    """Now, in the stored 'YYYY-MM-DD HH:MM' form."""
    return clock.now().strftime("%Y-%m-%d %H:%M")


def span(delta: timedelta) -> str:
    """'2 d 4 h', '5 h 12 m', '7 m' for a positive span."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {mins} m"
    return f"{mins} m"


def until(when: datetime, now: datetime, late_word: str = "overdue by") -> str:
    delta = when - now
    if delta.total_seconds() >= 0:
        return f"{span(delta)} left"
    return f"{late_word} {span(-delta)}"


def interview_countdown(interview_at: str, now: datetime | None = None) -> str:
    now = now or clock.now()
    try:
        when = parse_datetime(interview_at)
    except (ValueError, TypeError):
        when = None
    if when is None:
        return "no interview date set"
    if when >= now:
        return f"interview in {span(when - now)}"
    return f"interview was {span(now - when)} ago"


def later_by(when: datetime, delta: timedelta) -> datetime:
    """`when` (a wall-clock time on this machine) plus `delta` of real time, as a wall-clock
    time: 24 real hours stay 24 hours across a daylight-saving change."""
    aware = when.astimezone()  # this machine's zone at that moment
    return (aware.astimezone(UTC) + delta).astimezone().replace(tzinfo=None)


def still_to_come(deadline: datetime, now: datetime) -> bool:
    """Whether the interview a thank-you note's `deadline` counts from is still to come."""
    return deadline - NOTE_WINDOW > now


def note_deadline(ended_at: str) -> datetime | None:
    """A thank-you note is due 24 real hours after the interview ended."""
    try:
        ended = parse_datetime(ended_at)
        return None if ended is None else later_by(ended, NOTE_WINDOW)
    except (ValueError, OverflowError, OSError):
        return None
