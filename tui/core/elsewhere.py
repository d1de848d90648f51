"""What is due first at each opportunity, whichever is active: a thank-you note whose 24 hours
run (or ran out) and a debrief of a round held, named by company, so that a deadline at one
company is never hidden while the user prepares for another."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import datetime, timedelta
from itertools import accumulate

from . import clock
from .formatting import one_line
from .next_actions import DEBRIEF_QUESTION, Action, debrief_actions, note_actions
from .repository import Record, Workspace
from .snapshot import Snapshot

# an opportunity the user has left (or that left them) has nothing due any more
CLOSED = ("declined", "withdrawn")


# a debrief at another company is urgent while the round is this fresh: past it, it waits
# for that company's own dashboard
FRESH = timedelta(days=3)


def due_at(
    ws: Workspace, opportunity: Record, now: datetime | None = None, fresh: bool = False
) -> list[Action]:
    """The notes and debriefs due at one opportunity, most urgent first: notes by deadline
    (overdue first), then debriefs (`fresh`: only of rounds that ended within FRESH)."""
    if opportunity["status"] in CLOSED:
        return []
    snap = Snapshot(ws, now or clock.now(), opportunity=opportunity.id)
    debriefs = debrief_actions(snap)
    if fresh:
        debriefs = [a for a in debriefs if _ended_within(ws, a, snap.now)]
    return sorted(note_actions(snap) + debriefs, key=lambda a: (not a.when, a.order))


def _ended_within(ws: Workspace, debrief: Action, now: datetime) -> bool:
    from .rounds import local_times

    assert debrief.record_id is not None
    end = local_times(ws.get("round", debrief.record_id))[1]
    return end is not None and now - end <= FRESH


def at_company(action: Action, opportunity: Record) -> Action:
    """'Send the note to Marcus Hale at Northwind': the action, its company named."""
    company = one_line(str(opportunity["company"]), 40).strip() or "another opportunity"
    text, tail = action.text, ""
    if text.endswith(DEBRIEF_QUESTION):  # a debrief: the company before its question
        text, tail = text.removesuffix(DEBRIEF_QUESTION), DEBRIEF_QUESTION
    return replace(action, text=f"{text} at {company}{tail}", opportunity=opportunity.id)


def elsewhere(ws: Workspace, active: int | None, now: datetime | None = None) -> list[Action]:
    """The notes and fresh debriefs due at every opportunity but the active one, each naming
    its company."""
    return [
        at_company(action, opp)
        for opp in ws.opportunities()
        if opp.id != active and not opp.damaged
        for action in due_at(ws, opp, now, fresh=True)
    ]


def first_due(ws: Workspace, opportunity: Record, now: datetime | None = None) -> str:
    """'note to Marcus Hale 1 h 11 m left', 'debrief the final round' or '': what is due
    first at an opportunity, for the opportunity switcher."""
    due = due_at(ws, opportunity, now)
    if not due:
        return ""
    first = due[0]
    if first.kind_name == "interviewer":
        return f"note to {first.text.removeprefix('Send the note to ')} {first.when}"
    text = first.text.removesuffix(DEBRIEF_QUESTION)
    return text[:1].lower() + text[1:]


COMMON_WORDS = {"the", "this", "that", "with", "from", "your", "open", "first", "global", "new"}


def _names(company: str) -> set[str]:
    """The words a question would call a company by: its whole name and its first word."""
    whole = " ".join(company.lower().split())
    first = whole.split(" ", 1)[0] if whole else ""
    if first in COMMON_WORDS or len(first) < 4:
        first = ""  # "The Trade Desk" is not called "the"
    return {n for n in (whole, first) if len(n) >= 3}


Pattern = re.Pattern[str] | None


def company_patterns(ws: Workspace, active: int | None) -> tuple[Pattern, Pattern]:
    """The names of the other opportunities' companies, and of the active one's, as patterns
    of whole words, to look for in lowercased text (None: no name, or only one opportunity).
    The companies' names are read once."""
    opportunities = [o for o in ws.opportunities() if not o.damaged]
    if len(opportunities) < 2:
        return None, None

    def pattern(records: list[Record]) -> Pattern:
        names = sorted({n for o in records for n in _names(str(o["company"]))})
        if not names:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")

    others = pattern([o for o in opportunities if o.id != active])
    mine = pattern([o for o in opportunities if o.id == active])
    return others, mine


def this_companys(ws: Workspace, opportunity: int | None, questions: list[Record]) -> list[Record]:
    """The questions of the bank that are the given (None: the active) opportunity's to
    answer: a question that names another opportunity's company and not this one's ("Why
    Northwind?" while preparing for Globex) belongs to that company's preparation.

    Every question is looked through in one search of all their texts, one to a line: a
    company's name holds no line break, so no name is found across two questions."""
    others, mine = company_patterns(ws, ws.active_id if opportunity is None else opportunity)
    if others is None:
        return list(questions)
    lows = [str(q["text"]).lower() for q in questions]
    starts = list(accumulate((len(low) + 1 for low in lows), initial=0))
    named = {bisect_right(starts, m.start()) - 1 for m in others.finditer("\n".join(lows))}
    return [
        q
        for at, q in enumerate(questions)
        if at not in named or (mine is not None and mine.search(lows[at]))
    ]
