"""Strategy 8's state line and checklist rules: the interviewers met, what was captured of
each conversation, and whether each thank-you note went out within its 24 hours."""

from __future__ import annotations

from collections.abc import Callable

from .key_names import key_of
from .repository import Record
from .snapshot import Snapshot, all_or, next_note_due, plural
from .timing import note_deadline, until


def met(s: Snapshot) -> list[Record]:
    """The interviewers met already: a round still to come has no note to write yet."""
    now = s.now.strftime("%Y-%m-%d %H:%M")
    return [i for i in s("interviewer") if not i["ended_at"] or i["ended_at"] <= now]


def follow_up_summary(s: Snapshot) -> str:
    people = s("interviewer")
    sent = sum(1 for i in people if i["draft_state"] == "sent")
    line = f"{plural(len(people), 'interviewer')}, {plural(sent, 'note')} sent"
    nxt = next_note_due(s)
    if nxt:
        line += f" · next note: {nxt[0].title}, {until(nxt[1], s.now)}"
    return line


FOLLOW_UP_RULES: dict[str, Callable[[Snapshot], tuple[bool | None, str]]] = {
    "details_captured": lambda s: (
        all_or(met(s), lambda i: bool(i["discussed"].strip()), False),
        "",
    ),
    "strengths_named": lambda s: (
        all_or(met(s), lambda i: bool(i["strengths"].strip()), False),
        "",
    ),
    "notes_sent_on_time": lambda s: (
        all_or(met(s), lambda i: _sent_on_time(i), False),
        "",
    ),
}


def _details_hint(s: Snapshot) -> str:
    """What to do while an interviewer met has nothing of your conversation written down, or
    nobody was met yet."""
    people = met(s)
    if not people:
        from .rounds import has_ended, in_time_order

        over = [r.title for r in in_time_order(s("round")) if has_ended(r, s.now)]
        if over:  # a round is over and nobody is listed for it
            return f"nobody listed for {', '.join(over)}: press {key_of('new')} on Interviewers"
        if s("interviewer"):  # listed for rounds still to come
            return f"no round over yet: afterwards, press {key_of('edit')} on each interviewer"
        if not s("round"):
            return f"no round yet: tab to Rounds, press {key_of('new')}"
        return f"nobody listed: press {key_of('new')} on Interviewers"
    return _name_them(
        [i for i in people if not i["discussed"].strip()],
        "nothing noted for",
        f"press {key_of('edit')}",
        " on each",
    )


def _strengths_hint(s: Snapshot) -> str:
    """Who met has no strengths noted to reinforce (nobody met: the first check says what to
    do)."""
    return _name_them(
        [i for i in met(s) if not i["strengths"].strip()],
        "no strengths for",
        f"press {key_of('edit')}",
        " on each",
    )


def _sending_hint(s: Snapshot) -> str:
    """Whose note is not sent yet, and the keys that copy it and mark it sent (one sent late
    has nothing left to do)."""
    unsent = [i for i in met(s) if i["draft_state"] != "sent"]
    return _name_them(
        unsent, "not sent to", f"{key_of('copy')} copies, {key_of('mark-sent')} marks sent"
    )


def _name_them(people: list[Record], what: str, keys: str, each: str = "") -> str:
    """ "nothing noted for Ada Park: press e", "... for Ada Park and 2 more: press e on each"
    (`each`, after the keys where there are several)."""
    if not people:
        return ""
    if len(people) == 1:
        return f"{what} {people[0].title}: {keys}"
    return f"{what} {people[0].title} and {len(people) - 1} more: {keys}{each}"


# What to do while a check is not done, by rule name: a hint beside the check in the pane.
FOLLOW_UP_HINTS: dict[str, Callable[[Snapshot], str]] = {
    "details_captured": _details_hint,
    "strengths_named": _strengths_hint,
    "notes_sent_on_time": _sending_hint,
}


def notes_all_sent(s: Snapshot) -> bool:
    """Interviewers were met and each has been sent a note: whether on time can no longer
    change."""
    people = met(s)
    return bool(people) and all(i["draft_state"] == "sent" for i in people)


def _sent_on_time(interviewer: Record) -> bool:
    if interviewer["draft_state"] != "sent":
        return False
    due = note_deadline(interviewer["ended_at"])
    return (
        due is None
        or not interviewer["sent_at"]
        or interviewer["sent_at"] <= due.strftime("%Y-%m-%d %H:%M")
    )
