"""Whether a research note is recent: dated within 30 days before the interview (or before
today, when the interview has no date yet)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .record import Record

RECENT_DAYS = 30
OLDER, UNDATED = "older", "undated"


def _day(text: str) -> date | None:
    try:
        return datetime.strptime(str(text or "")[:10], "%Y-%m-%d").date()
    except ValueError:
        return None


def cutoff(interview_at: str, now: datetime) -> date:
    """The first day that still counts as recent for an interview on `interview_at`."""
    return (_day(interview_at) or now.date()) - timedelta(days=RECENT_DAYS)


def age(note: Record, since: date) -> str:
    """OLDER, UNDATED, or '' for a recent note."""
    day = _day(note["date"])
    if day is None:
        return UNDATED
    return OLDER if day < since else ""


def recent(notes: list[Record], since: date) -> list[Record]:
    return [n for n in notes if age(n, since) == ""]


def marks(notes: list[Record], interview_at: str, now: datetime) -> dict[int, str]:
    """A word for each research note that is not recent: {id: 'older' or 'undated'}."""
    since = cutoff(interview_at, now)
    return {n.id: mark for n in notes if (mark := age(n, since))}


def describe(mark: str) -> str:
    """The sentence the detail view shows beside a mark."""
    if mark == OLDER:
        return f"older: dated more than {RECENT_DAYS} days before the interview"
    if mark == UNDATED:
        return "undated: give it a date to count it as recent"
    return ""
