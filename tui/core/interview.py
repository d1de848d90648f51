"""When the next interview of an opportunity is: the one time and round the schedule, the next
actions, the dashboard's heading and the prep brief count against."""

from __future__ import annotations

from datetime import datetime

from .key_names import key_of
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


def interview_round(
    ws: Workspace, opportunity: Record, now: datetime | None = None
) -> Record | None:
    """The round the candidate prepares for or has just had: the next one, else (once every
    round with a time is over, as the countdown says) the last one held; None: no round with a
    time, or the interview the opportunity names comes first (see rounds.named_interview)."""
    from .rounds import counts_named, local_times, next_round, rounds_of

    rounds = rounds_of(ws, opportunity.id)
    if counts_named(opportunity, rounds, now):
        return None
    upcoming = next_round(rounds, now)
    if upcoming is not None:
        return upcoming
    timed = [r for r in rounds if local_times(r)[0] is not None]
    return timed[-1] if timed else None


def all_held(ws: Workspace, opportunity: Record, now: datetime) -> bool:
    """Every round of the opportunity is over and none is planned without a time, nor is the
    interview the opportunity names on a day of no round still ahead (with no round: that
    interview is over)."""
    from .rounds import local_times, named_interview, next_round, opportunity_times, rounds_of

    rounds = rounds_of(ws, opportunity.id)
    if next_round(rounds, now) is not None or any(local_times(r)[1] is None for r in rounds):
        return False
    if named_interview(opportunity, rounds, now) is not None:
        return False
    if rounds:
        return True
    end = opportunity_times(opportunity)[1]
    return end is not None and end <= now


def shown_status(ws: Workspace, opportunity: Record, now: datetime, keys: str = "") -> str:
    """The opportunity's status, and when it still says 'preparing' with every round held,
    that it is due a change, with the `keys` that change it where it is shown (by default,
    those that open the list of opportunities and edit one: "o, e")."""
    status = str(opportunity["status"])
    if status == "preparing" and all_held(ws, opportunity, now):
        keys = keys or f"{key_of('switch-opportunity')}, {key_of('opportunity-edit')}"
        return f"every round over: set the status ({keys})"
    return status


def round_name(ws: Workspace, opportunity: Record, now: datetime | None = None) -> str:
    """'final round': the round counted down to, by its name in pane 8; with none, the round
    the opportunity names ('second round')."""
    from .rounds import in_sentence

    target = interview_round(ws, opportunity, now)
    if target is not None:
        return in_sentence(target.title)
    return f"{opportunity['round']} round"


def interview_line(ws: Workspace, opportunity: Record) -> str:
    """'Final round · on site · 2026-11-29 09:00 your time (10:00 Europe/Amsterdam) (final
    round in 20 h 36 m)': the round the dashboard and the header count down to, at its time on
    this computer's clock; with no round with a time, the interview the opportunity names."""
    from .rounds import countdown, local_times, wall_times

    v = opportunity.values
    counted = countdown(ws, opportunity)
    target = interview_round(ws, opportunity)
    start = None if target is None else local_times(target)[0]
    if target is None or start is None:
        when = v["interview_at"] or "date not set"
        return f"{v['round'].capitalize()} round · {v['format']} · {when} ({counted})"
    when = f"{start:%Y-%m-%d %H:%M}"
    wall = wall_times(target)[0]
    if target["zone"] and wall is not None:
        there = f"{wall:%H:%M}" if wall.date() == start.date() else f"{wall:%Y-%m-%d %H:%M}"
        when += f" your time ({there} {target['zone']})"
    return f"{target.title} · {target['format']} · {when} ({counted})"


def follow_ups(notes: int, debriefs: int) -> str:
    """'2 thank-you notes, 1 debrief': what is due after an interview, each named."""
    parts = []
    if notes:
        parts.append(f"{notes} thank-you note{'s' if notes != 1 else ''}")
    if debriefs:
        parts.append(f"{debriefs} debrief{'s' if debriefs != 1 else ''}")
    return ", ".join(parts)


def in_a_zone(ws: Workspace, opportunity: Record | None, now: datetime | None = None) -> bool:
    """Whether the interview counted down to is a round set in a time zone of its own: its
    time on this computer's clock then says so ('your time')."""
    if opportunity is None:
        return False
    target = interview_round(ws, opportunity, now)
    return target is not None and bool(target["zone"])


def interview_heading(
    when: datetime | None,
    now: datetime,
    left: int,
    notes_due: int,
    debriefs_due: int = 0,
    your_time: bool = False,
) -> str:
    """'Interview tomorrow at 10:00 - 6 next steps below'; after it, 'Follow-ups due: 1
    thank-you note, 1 debrief', each counted by its name. `left` counts the next actions
    listed below the heading, never the checklists (the readiness line counts those).
    `your_time`: the interview is set in another zone, so its time on this computer's clock
    says 'your time'."""
    things = f"{left} next step{'s' if left != 1 else ''} below" if left else "nothing left to do"
    yours = " your time" if your_time else ""
    if when is None:
        return f"No interview time set - {things}"
    if when < now:
        due = follow_ups(notes_due, debriefs_due)
        if due:
            return f"Follow-ups due: {due} - the interview was {when:%a %d %b at %H:%M}{yours}"
        return f"Interview done ({when:%a %d %b}) - {things}"
    days = (when.date() - now.date()).days
    at = f"at {when:%H:%M}{yours}"
    if days == 0:
        day = "today"
    elif days == 1:
        day = "tomorrow"
    elif days < 7:
        day = f"on {when:%A}"
    else:
        day = f"on {when:%a %d %b}"
    return f"Interview {day} {at} - {things}"
