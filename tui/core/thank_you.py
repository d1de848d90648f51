"""Thank-you drafts: composed from a template in `content/templates/`, one per interviewer."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from . import clock
from .content import load_toml
from .note_words import (
    greeting_name,
    inside_sentence,
    items,
    join_list,
    name_words,
    relative_day,
)
from .note_words import listing as listing  # where callers have always found it
from .repository import Record, Workspace
from .rounds import local_times
from .timing import now_minute
from .validation import parse_datetime

PLACEHOLDER = re.compile(r"( ?)\{(\w+)\}")
GAPS = {
    "greeting": "<their name>",
    "first_name": "<their name>",
    "name": "<their name>",
    "their_title": "<their title>",
    "role": "<role>",
    "company": "<company>",
    "topic": "<topic discussed>",
    "moment": "<a moment worth recalling>",
    "strengths": "<strengths to reinforce>",
    "insight": "<new insight>",
    "panel": "<the rest of the panel>",
    "signature": "<your name>",
}
# Details that may be left out inside a sentence: "talk with me {when} about" reads well
# without the day, so an unknown day leaves no gap.
INLINE_OPTIONAL = frozenset({"when"})


@dataclass(frozen=True)
class Template:
    key: str
    label: str
    subject: str
    body: str


@cache
def templates() -> dict[str, Template]:
    data = load_toml("templates/thank-you.toml")
    return {key: Template(key, t["label"], t["subject"], t["body"]) for key, t in data.items()}


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?…" else text + "."


def _phrase(text: str) -> str:
    """A detail used inside a sentence: one line, no closing full stop."""
    return " ".join(text.split()).rstrip(".")


def chosen_insight(interviewer: Record, insights: list[Record]) -> str:
    """The text of the insight the user picked for this person's note; '' for none."""
    wanted = interviewer["insight"]
    picked = next((i for i in insights if i.id == wanted), None) if wanted is not None else None
    return str(picked["learned"]) if picked is not None else ""


def details(
    interviewer: Record,
    opportunity: Record | None,
    insights: list[Record],
    stories: dict[int, Record],
    signature: str = "",
    *,
    ended: datetime | None = None,
    now: datetime | None = None,
    panel: Sequence[str] = (),
) -> dict[str, str]:
    """Every detail a template can use; an empty string where the user has not said it.
    `ended`: when the interview ended (the day is said from `now`); `panel`: the greeting
    names of the others the user met in the same round."""
    v = interviewer.values
    o = opportunity.values if opportunity else {}
    strengths = v.get("strengths", "").strip()
    story_id = v.get("story")
    story = stories.get(story_id) if story_id is not None else None
    if not strengths and story is not None:
        strengths = "; ".join(story.values.get("competencies", []))
    name = " ".join(v.get("name", "").split())
    greeting = " ".join(str(v.get("greeting", "")).split()) or greeting_name(name)
    company = _phrase(o.get("company", ""))
    names = name_words(name, greeting, company, *panel)

    def inside(text: str) -> str:
        return inside_sentence(_phrase(text), names)

    return {
        "greeting": greeting,
        "first_name": greeting,
        "name": name,
        "their_title": _phrase(v.get("title", "")),
        "role": _phrase(o.get("role", "")),
        "company": company,
        "topic": inside(v.get("discussed", "")),
        "moment": inside(v.get("moment", "")),
        "strengths": join_list(inside_sentence(s, names) for s in items(strengths)),
        "insight": inside_sentence(_sentence(chosen_insight(interviewer, insights)), names),
        "when": relative_day(ended, now or clock.now()),
        "panel": join_list(panel),
        "signature": signature.strip(),
    }


def fill(template_text: str, values: dict[str, str]) -> str:
    """Fill placeholders; drop '?' lines that lack a detail; show other gaps as <...>."""

    def put(m: re.Match[str]) -> str:
        space, name = m.group(1), m.group(2)
        if values.get(name):
            return space + values[name]
        if name in INLINE_OPTIONAL:
            return ""
        return space + GAPS.get(name, f"<{name}>")

    lines = []
    for line in template_text.strip("\n").split("\n"):
        optional = line.startswith("?")
        if optional:
            line = line[1:]
            if any(not values.get(n) for _, n in PLACEHOLDER.findall(line)):
                continue
        lines.append(PLACEHOLDER.sub(put, line))
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def compose(
    interviewer: Record,
    opportunity: Record | None,
    insights: list[Record],
    stories: dict[int, Record],
    signature: str = "",
    *,
    ended: datetime | None = None,
    now: datetime | None = None,
    panel: Sequence[str] = (),
) -> tuple[str, str]:
    """(subject, body) of the interviewer's note from their chosen template."""
    template = templates().get(interviewer.values.get("template") or "warm", templates()["warm"])
    values = details(
        interviewer, opportunity, insights, stories, signature, ended=ended, now=now, panel=panel
    )
    return fill(template.subject, values).strip(), fill(template.body, values)


def gaps(text: str) -> list[str]:
    """The <...> gaps still to fill in a draft: those composing leaves for a missing detail.
    Other text in angle brackets is the candidate's own ("Acme <b>", "<3"): not a gap."""
    left = _gap_texts()
    return sorted({g for g in re.findall(r"<[a-z][a-z ]*>", text) if g in left})


@cache
def _gap_texts() -> frozenset[str]:
    """Every gap `fill` can leave: a known detail's, or `<name>` for another placeholder."""
    names = {
        name
        for template in templates().values()
        for part in (template.subject, template.body)
        for _, name in PLACEHOLDER.findall(part)
    }
    return frozenset(GAPS.values()) | {f"<{n}>" for n in names if n not in GAPS}


def _when(text: object) -> datetime | None:
    try:
        return parse_datetime(str(text or ""))
    except (ValueError, TypeError):
        return None


def ended_at(ws: Workspace, interviewer: Record) -> datetime | None:
    """When the interview with this person ended: their own time, else their round's end."""
    ended = _when(interviewer["ended_at"])
    if ended is None and interviewer["round"] is not None:
        try:
            ended = local_times(ws.get("round", interviewer["round"]))[1]
        except KeyError:
            ended = None
    return ended


def panel_of(ws: Workspace, interviewer: Record) -> list[str]:
    """The greeting names of the others met in the same round, in the order they were added."""
    if interviewer["round"] is None:
        return []
    return [
        " ".join(str(p["greeting"]).split()) or greeting_name(p.title)
        for p in ws.scoped_records("interviewer", interviewer.opportunity)
        if p["round"] == interviewer["round"] and p.id != interviewer.id
    ]


def written_at(interviewer: Record) -> datetime:
    """The moment the note speaks from: now, or when it was sent (its words were fixed then:
    a note sent the evening of the interview says "today" for good)."""
    sent = _when(interviewer["sent_at"]) if interviewer["draft_state"] == "sent" else None
    return sent or clock.now()


def draft_for(ws: Workspace, interviewer: Record) -> tuple[str, str]:
    """Compose the interviewer's note from the workspace's current details, today."""
    opp = None
    if interviewer.opportunity is not None:
        opp = ws.get("opportunity", interviewer.opportunity)
    insights = ws.scoped_records("insight", interviewer.opportunity) if opp else []
    return compose(
        interviewer,
        opp,
        insights,
        ws.stories_by_id(),
        ws.setting("signature"),
        ended=ended_at(ws, interviewer),
        now=written_at(interviewer),
        panel=panel_of(ws, interviewer),
    )


def _as_compared(text: str) -> str:
    """A note's text as edits are told apart: blanks at the ends of lines do not count."""
    return "\n".join(line.rstrip() for line in str(text).strip().splitlines())


def is_edited(interviewer: Record) -> bool:
    """True when the note differs from what was last composed for it: edited by hand.
    (`note_follow` keeps what was composed and composes untouched notes again.)"""
    v = interviewer.values
    if not str(v.get("draft_body", "")).strip():
        return False  # no note yet
    return any(
        _as_compared(v.get(f"draft_{part}", "")) != _as_compared(v.get(f"composed_{part}", ""))
        for part in ("subject", "body")
    )


COPIED_STATES = ("copied", "in a file")


def text_digest(interviewer: Record) -> str:
    """A short fingerprint of the note's subject and body as they read now: kept when the
    note is copied, to tell later whether what was copied is still what the note says."""
    text = (
        _as_compared(interviewer["draft_subject"])
        + "\n\0\n"
        + _as_compared(interviewer["draft_body"])
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def changed_since_copied(interviewer: Record) -> bool:
    """True when the note was copied and its text changed since: what went to the clipboard
    is not what it says now. A note copied before fingerprints were kept never counts."""
    kept = str(interviewer["copied_digest"] or "")
    if not kept or interviewer["draft_state"] not in COPIED_STATES:
        return False
    return kept != text_digest(interviewer)


def mark(ws: Workspace, interviewer: Record, state: str, copied: str = "") -> Record:
    """Record that the note was copied or sent, with the time; `copied`: the fingerprint
    (`text_digest`) of the text that was copied, else the note as it is now."""
    changes: dict = {"draft_state": state}
    if state in COPIED_STATES:
        changes["copied_at"] = now_minute()
        changes["copied_digest"] = copied or text_digest(interviewer)
        if interviewer.values.get("draft_state") == "sent":
            changes["draft_state"] = "sent"  # copying again does not undo 'sent'
    elif state == "sent":
        changes["sent_at"] = now_minute()
    return ws.update("interviewer", interviewer.id, changes)
