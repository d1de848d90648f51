"""When the next interview of an opportunity is: the one time the schedule, the next actions
and the dashboard's heading count against."""

from __future__ import annotations

from datetime import datetime

from .repository import Record, Workspace


def next_interview(
    ws: Workspace, opportunity: Record | None, now: datetime | None = None
) -> datetime | None:
    """The interview the user prepares for: the start of the opportunity's next round, else
    the time the opportunity names (None when no time is set)."""
    from .rounds import interview_time

    if opportunity is None:
        return None
    try:
        return interview_time(ws, opportunity, now)
    except (ValueError, TypeError):
        return None


def follow_ups(notes: int, debriefs: int) -> str:
    """'2 thank-you notes, 1 debrief': what is due after an interview, each named."""
    parts = []
    if notes:
        parts.append(f"{notes} thank-you note{'s' if notes != 1 else ''}")
    if debriefs:
        parts.append(f"{debriefs} debrief{'s' if debriefs != 1 else ''}")
    return ", ".join(parts)


def interview_heading(
    when: datetime | None, now: datetime, left: int, notes_due: int, debriefs_due: int = 0
) -> str:
    """'Interview tomorrow at 10:00 - 6 things left'; after it, 'Follow-ups due: 1 thank-you
    note, 1 debrief', each counted by its name."""
    things = f"{left} thing{'s' if left != 1 else ''} left"
    if when is None:
        return f"No interview time set - {things}"
    if when < now:
        due = follow_ups(notes_due, debriefs_due)
        if due:
            return f"Follow-ups due: {due} - the interview was {when:%a %d %b at %H:%M}"
        return f"Interview done ({when:%a %d %b}) - {things}"
    days = (when.date() - now.date()).days
    at = f"at {when:%H:%M}"
    if days == 0:
        day = "today"
    elif days == 1:
        day = "tomorrow"
    elif days < 7:
        day = f"on {when:%A}"
    else:
        day = f"on {when:%a %d %b}"
    return f"Interview {day} {at} - {things}"
