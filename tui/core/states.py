"""Each kind's main state, flipped with one key: asked, practised, addressed, answer ready,
sent. Practising logs an attempt, untimed, instead of setting a flag; asking marks the
question asked in a round (see questions_asked.py)."""

from __future__ import annotations

from collections.abc import Callable

from .clock import now
from .key_names import key_of
from .questions_asked import flip_asked
from .repository import Record, Workspace
from .thank_you import changed_since_copied, gaps, mark
from .timing import note_deadline, still_to_come

CONCERN_NEXT = {"open": "answer ready", "answer ready": "addressed", "addressed": "open"}


def log_attempt(
    ws: Workspace,
    item: Record,
    seconds: int | None = None,
    rating: str = "good",
    note: str = "",
    started: str = "",
) -> Record:
    """Keep one attempt at saying `item` out loud."""
    return ws.add(
        "attempt",
        {
            "item": f"{item.kind.name}:{item.id}",
            "started": started or now().strftime("%Y-%m-%d %H:%M"),
            "seconds": "" if seconds is None else str(int(seconds)),
            "rating": rating,
            "note": note,
        },
    )


def _toggle(name: str, yes: str, no: str) -> Callable[[Workspace, Record], str]:
    def flip(ws: Workspace, r: Record) -> str:
        ws.update(r.kind.name, r.id, {name: not r[name]})
        return f"{no if r[name] else yes}: {r.title}"

    return flip


def _practised(ws: Workspace, r: Record) -> str:
    log_attempt(ws, r, note="practised (untimed)")
    return f"Logged an untimed practice of {r.title} ({key_of('undo')} undoes it)"


def _concern(ws: Workspace, r: Record) -> str:
    state = CONCERN_NEXT.get(r["state"], "open")
    ws.update("concern", r.id, {"state": state})
    return f"Concern now {state}: {r.title}"


def _concern_refusal(r: Record) -> str:
    """A concern is not marked ready (or addressed) before its answer is written."""
    if CONCERN_NEXT.get(r["state"], "open") == "open" or str(r["answer"]).strip():
        return ""
    return f"Write your answer to the concern “{r.title}” first: {key_of('edit')} opens the form."


def _sent(ws: Workspace, r: Record) -> str:
    if r["draft_state"] == "sent":
        ws.update("interviewer", r.id, {"draft_state": "draft", "sent_at": ""})
        return f"The note to {r.title} is back to draft"
    mark(ws, r, "sent")
    return f"Marked the note to {r.title} as sent"


MAIN_STATE: dict[str, tuple[str, Callable[[Workspace, Record], str]]] = {
    "question": ("asked", flip_asked),
    "practice": ("practised", _practised),
    "story": ("practised", _practised),
    "insight": ("practised", _practised),
    "feedback": ("addressed", _toggle("addressed", "Addressed", "Not addressed yet")),
    "concern": ("answer ready", _concern),
    "interviewer": ("sent", _sent),
}


def send_question(r: Record) -> str:
    """The question to ask before marking a note sent that still has gaps, changed since it
    was copied, or thanks for an interview still to come ("": none of these)."""
    if r["draft_state"] == "sent":
        return ""
    ahead = ""
    deadline = note_deadline(r["ended_at"])
    if deadline is not None and still_to_come(deadline, now()):
        ahead = (
            f"Your interview with {r.title} is still to come (it ends {_when(r['ended_at'])}): "
            "a thank-you note goes once it is over. "
        )
    missing = gaps(r["draft_subject"] + "\n" + r["draft_body"])
    some = "a gap" if len(missing) == 1 else "gaps"
    if changed_since_copied(r):
        still = f" It has {some} to fill now: {', '.join(missing)}." if missing else ""
        return (
            f"{ahead}The note to {r.title} changed since you copied it at "
            f"{_when(r['copied_at'])}: what you copied is not what it says now.{still} "
            "Mark it sent anyway?"
        )
    if missing:
        return (
            f"{ahead}The note to {r.title} still has {some} to fill: "
            f"{', '.join(missing)}. Mark it sent anyway?"
        )
    return f"{ahead}Mark it sent anyway?" if ahead else ""


def _when(stamp: str) -> str:
    """'12:17' for a time today, else the day and time as kept."""
    day, _, hour = str(stamp).partition(" ")
    return hour if hour and day == now().strftime("%Y-%m-%d") else str(stamp)


# Flips that ask first, by kind: what to ask ("" asks nothing) and the word on its yes.
ASK_FIRST: dict[str, tuple[Callable[[Record], str], str]] = {
    "interviewer": (send_question, "Mark sent"),
}


# Flips refused, by kind: why the record cannot take its next state yet ("": it can).
REFUSED: dict[str, Callable[[Record], str]] = {
    "concern": _concern_refusal,
}


def refusal(record: Record) -> str:
    """Why space cannot flip `record` now ("" when it can)."""
    refuse = REFUSED.get(record.kind.name)
    return refuse(record) if refuse is not None and not record.damaged else ""


def question_before_flip(record: Record) -> tuple[str, str]:
    """What to ask before flipping `record`'s main state ("" when nothing), and the yes."""
    ask, yes = ASK_FIRST.get(record.kind.name, (None, "Yes"))
    return (ask(record) if ask is not None and not record.damaged else ""), yes


def flip(ws: Workspace, record: Record) -> str:
    """Flip `record`'s main state; what it now is, in words."""
    if record.kind.name not in MAIN_STATE:
        raise ValueError(
            f"A {record.kind.label.lower()} has no state to flip with {key_of('flip-state')}."
        )
    current = ws.get(record.kind.name, record.id)
    refused = refusal(current)
    if refused:
        raise ValueError(refused)
    return MAIN_STATE[record.kind.name][1](ws, current)
