"""What to do next for one opportunity: each record its strategy does not count as done yet
becomes an action (a verb, the record, the pane to do it in), and so does each checklist item
not done that no such action already works on; ordered by urgency against the interview:
thank-you notes by their deadline (overdue first), then debriefs, then what must be ready
before the interview, then the rest."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import datetime

from .formatting import one_line
from .interview import next_interview
from .kinds import kind
from .readiness import Snapshot, notes_all_sent
from .record import Record
from .rehearsal import item_key, not_ready, rehearsable
from .schedule import is_due
from .timing import note_deadline, still_to_come, until

NOTES, BEFORE, LATER = 0, 1, 2  # how urgent, first to last
REHEARSE = "r"  # the place of the rehearsal: its key


@dataclass(frozen=True)
class Action:
    text: str  # a verb and its object: "Answer the concern 'little people management'"
    place: str  # where to do it: a pane's number, or "r" for the rehearsal
    urgency: int
    kind_name: str = ""  # the record it opens ('' for the rehearsal)
    record_id: int | None = None
    when: str = ""  # the time left, for a note: "16 h left"
    order: float = 0.0  # within its urgency: sooner first
    opportunity: int | None = None  # another opportunity than the active one, its record's


def _quoted(record: Record) -> str:
    return f"'{one_line(record.title, 48)}'"


# kind -> (urgency, what to do with a record not done yet, which records count)
Todo = tuple[int, Callable[[Record], str], Callable[[Record], bool]]
TODO: dict[str, Todo] = {
    "concern": (
        BEFORE,
        lambda r: (
            f"Mark your answer to {_quoted(r)} ready"
            if str(r["answer"]).strip()
            else f"Answer the concern {_quoted(r)}"
        ),
        lambda r: True,
    ),
    "requirement": (
        BEFORE,
        lambda r: f"Back the {r['priority']} {_quoted(r)} with a story",
        lambda r: r["priority"] == "must-have",
    ),
    "feedback": (
        BEFORE,
        lambda r: (
            f"Practise the adjustment for {_quoted(r)}"
            if str(r["adjustment"]).strip()
            else f"Plan how to address {_quoted(r)}"
        ),
        lambda r: True,
    ),
    "asked_them": (
        LATER,
        lambda r: f"Note the answer you heard to {_quoted(r)}",
        lambda r: True,
    ),
    "story": (LATER, lambda r: f"Put a number in the story {_quoted(r)}", lambda r: True),
    "research": (LATER, lambda r: f"Add a talking point to {_quoted(r)}", lambda r: True),
    "value_match": (LATER, lambda r: f"Back {_quoted(r)} with a story", lambda r: True),
    "insight": (LATER, lambda r: f"Say why {_quoted(r)} matters to you", lambda r: True),
    "goal": (LATER, lambda r: f"Link the goal {_quoted(r)} to the mission", lambda r: True),
    "assessment": (LATER, lambda r: f"Note what {_quoted(r)} shows", lambda r: True),
}


def note_actions(snap: Snapshot) -> list[Action]:
    """A thank-you note to send for each interviewer met: its 24 hours running or run out."""
    actions = []
    for person in snap("interviewer"):
        if person["draft_state"] == "sent":
            continue
        deadline = note_deadline(person["ended_at"])
        if deadline is None or still_to_come(deadline, snap.now):
            continue  # no time set, or the interview is still to come
        actions.append(
            Action(
                f"Send the note to {one_line(person.title, 40)}",
                "8",
                NOTES,
                "interviewer",
                person.id,
                until(deadline, snap.now),
                deadline.timestamp(),
            )
        )
    return actions


DEBRIEF_QUESTION = ": which questions came?"


def debrief_actions(snap: Snapshot) -> list[Action]:
    """Debriefs of rounds that have ended, while the memory is fresh."""
    from .rounds import debriefs_due, the

    return [
        Action(f"Debrief {the(r.title)}{DEBRIEF_QUESTION}", "8", NOTES, "round", r.id, order=r.id)
        for r in debriefs_due(snap.ws, snap.opportunity, snap.now)
    ]


def _round_actions(snap: Snapshot) -> list[Action]:
    """Debriefs of rounds that have ended, and plans to fix before the next round: a round
    to come with nobody recorded for it first (whom to plan for, and thank after)."""
    from .round_plans import plan_warnings
    from .rounds import add_who_you_meet, rounds_without_people

    actions = debrief_actions(snap)
    actions += [
        Action(add_who_you_meet(r), "8", BEFORE, "round", r.id, order=-0.6)
        for r in rounds_without_people(snap.ws, snap.opportunity, snap.now)
    ]
    actions += [
        Action(w.text, "8", BEFORE, w.kind_name, w.record_id, order=-0.5)
        for w in plan_warnings(snap.ws, snap.opportunity, snap.now)
    ]
    return actions


def _story_gaps(snap: Snapshot) -> list[Action]:
    """Questions to practise that no story answers yet: find or link one (l in pane 6)."""
    from .readiness import unanswered_questions

    return [
        Action(f"Find a story that answers {_quoted(q)}", "6", LATER, "practice", q.id, order=-1)
        for q in unanswered_questions(snap)
    ]


# checklist rule -> the actions that work on it (record kinds; REHEARSE for the rehearsal):
# while one of them is listed, the checklist item is not listed again
WORKED_ON_BY: dict[str, tuple[str, ...]] = {
    "improvements_planned": ("feedback",),
    "assessments_reviewed": ("assessment",),
    "talking_points": ("research",),
    "requirements_covered": ("requirement",),
    "insight_linked": ("insight",),
    "stories_quantified": ("story",),
    "stories_rehearsed": (REHEARSE,),
    "goals_shared": ("goal",),
    "practice_done": (REHEARSE,),
    "practice_answered": ("practice",),
    "answers_ready": ("concern",),
    "notes_sent_on_time": ("interviewer",),
}
CHECKS_AFTER = 100.0  # checklist items come after the records' own actions of their urgency


# checklist rule -> when it can no longer be done (every note sent, one of them late): it
# stays undone on the checklist, but it is not something left to do
SETTLED: dict[str, Callable[[Snapshot], bool]] = {
    "notes_sent_on_time": notes_all_sent,
}


def _check_actions(snap: Snapshot, listed: list[Action]) -> list[Action]:
    """The checklist items not done that no listed action works on, in the panes' order:
    in a new workspace these are all there is to do."""
    from .content import strategies
    from .readiness import RULES

    working = {a.kind_name or a.place for a in listed}
    actions: list[Action] = []
    for st in strategies():
        for item in st.checklist:
            if working.intersection(WORKED_ON_BY.get(item.rule, ())):
                continue
            snap.let_keys_first()
            done, detail = RULES[item.rule](snap)
            settled = SETTLED.get(item.rule)
            if done is not False or (settled is not None and settled(snap)):
                continue
            text = f"Checklist: {item.text}" + (f" (now {detail})" if detail else "")
            actions.append(Action(text, str(st.number), LATER, order=CHECKS_AFTER + len(actions)))
    return actions


def follow_ups_due(actions: list[Action]) -> tuple[int, int]:
    """(thank-you notes, debriefs) among the actions due first, for the active opportunity."""
    due = [a for a in actions if a.urgency == NOTES and a.opportunity is None]
    notes = sum(1 for a in due if a.kind_name == "interviewer")
    return notes, sum(1 for a in due if a.kind_name == "round")


def _rehearse_action(snap: Snapshot, interview: datetime | None) -> list[Action]:
    """The items due for rehearsal, while an interview is ahead (or its time not set yet):
    once every round is over nothing is due for it; a later round with a time brings it back."""
    if interview is not None and interview <= snap.now:
        return []
    attempts = snap.attempts()
    due = [
        r
        for r in rehearsable(snap.ws, snap.opportunity)
        if not not_ready(r) and is_due(attempts.get(item_key(r), []), interview, snap.now)
    ]
    if not due:
        return []
    n = len(due)
    before = " before the interview" if interview is not None else ""
    text = f"Rehearse {n} item{'s' if n != 1 else ''} due{before}"
    return [Action(text, REHEARSE, BEFORE, order=-1.0)]


def _status_action(snap: Snapshot, opp: Record | None) -> list[Action]:
    """Every round is over and the opportunity still says 'preparing': set what it is now."""
    from .interview import all_held

    if opp is None or opp.damaged or opp["status"] != "preparing":
        return []
    if not all_held(snap.ws, opp, snap.now):
        return []
    text = f"Set the status of {one_line(str(opp['company']), 40)}: every round is over"
    return [Action(text, "o", BEFORE, "opportunity", opp.id, order=-3.0)]


def next_actions(snap: Snapshot) -> list[Action]:
    """Every action for the snapshot's opportunity, most urgent first."""
    ws = snap.ws
    opp = ws.active if snap.opportunity is None else ws.get("opportunity", snap.opportunity)
    interview = next_interview(ws, opp, snap.now)
    actions = note_actions(snap)
    snap.let_keys_first()  # on a worker, keys go first between two pieces of work
    actions += _round_actions(snap)
    snap.let_keys_first()
    actions += _status_action(snap, opp)
    actions += _rehearse_action(snap, interview)
    snap.let_keys_first()
    actions += _story_gaps(snap)
    for position, (kind_name, (urgency, say, counts)) in enumerate(TODO.items()):
        k = kind(kind_name)
        snap.let_keys_first()
        for n, record in enumerate(snap(kind_name)):
            if n % 2048 == 2047:
                snap.let_keys_first()
            if record.damaged or k.is_done(record.values) or not counts(record):
                continue
            actions.append(
                Action(
                    say(record),
                    str(k.strategy),
                    urgency,
                    kind_name,
                    record.id,
                    order=position,
                )
            )
    snap.let_keys_first()
    actions += _check_actions(snap, actions)
    if interview is not None and interview < snap.now:
        # after the interview, only the notes still matter first; the rest can wait
        actions = [a if a.urgency == NOTES else _later(a) for a in actions]
    # a note or debrief due at another company is never hidden behind this one
    from .elsewhere import elsewhere

    snap.let_keys_first()
    actions += elsewhere(ws, None if opp is None else opp.id, snap.now)
    # within an urgency, what has a deadline (a note, overdue ones first) before what has none
    ordered = sorted(actions, key=lambda a: (a.urgency, not a.when, a.order))
    return _told_apart(snap, ordered)


def _told_apart(snap: Snapshot, actions: list[Action]) -> list[Action]:
    """Actions that would read the same (two interviewers of one name, in two rounds) each
    name the round of their record."""
    from collections import Counter

    counts = Counter(a.text for a in actions)
    if all(n == 1 for n in counts.values()):
        return actions
    out = []
    for action in actions:
        round_id = None
        if counts[action.text] > 1 and action.kind_name and action.record_id is not None:
            with suppress(KeyError):
                record = snap.ws.get(action.kind_name, action.record_id)
                if any(f.name == "round" for f in record.kind.fields):
                    round_id = record["round"]
        if round_id is not None:
            with suppress(KeyError):
                named = snap.ws.get("round", round_id).title
                action = replace(action, text=f"{action.text} ({named})")
        out.append(action)
    return out


def _later(action: Action) -> Action:
    return replace(action, urgency=LATER)
