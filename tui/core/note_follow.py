"""Thank-you drafts follow their data until edited by hand: the last composed text and what it
was composed from are kept beside the draft, and an untouched draft is composed again whenever
one of those changes, on the save thread, with the change itself."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace

from .kinds import Field
from .note_words import relative_day
from .repository import Event, Record, Workspace
from .thank_you import draft_for, ended_at, is_edited, panel_of, text_digest, written_at
from .validation import format_datetime

# Interviewer fields a note is not composed from (the note's own, and the plan for the day).
NOT_INPUTS = frozenset(
    {
        "email",
        "round",  # the round reaches the note through "when the interview ended"
        "plan_stories",
        "plan_questions",
        "draft_subject",
        "draft_body",
        "draft_state",
        "copied_at",
        "copied_digest",
        "sent_at",
        "composed_subject",
        "composed_body",
        "composed_from",
    }
)
SIGNATURE = "your name"
# The day as the note says it ("today", "yesterday"): it moves on with the clock, so a draft
# composed in the evening says "yesterday" once it is shown or copied the next morning.
DAY = "the day as the note says it"


def _label(label: str) -> str:
    label = label.split(" (")[0].split(", on your clock")[0]  # without the typing hint
    return label[:1].lower() + label[1:]


def _text(ws: Workspace, f: Field, value: object) -> str:
    """A field's value as kept among the inputs: a linked record by its title, so editing
    the insight a note mentions counts as a change too."""
    if f.target and isinstance(value, int) and not isinstance(value, bool):
        try:
            return ws.get(f.target, value).title
        except KeyError:
            return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def inputs(ws: Workspace, interviewer: Record) -> dict[str, str]:
    """What the note is composed from, by the name the user knows it by."""
    found: dict[str, str] = {}
    for f in interviewer.kind.fields:
        if f.name == "ended_at":  # their own time, else their round's end
            ended = ended_at(ws, interviewer)
            found[_label(f.label)] = format_datetime(ended) if ended is not None else ""
            found[DAY] = relative_day(ended, written_at(interviewer))
        elif f.name not in NOT_INPUTS:
            found[_label(f.label)] = _text(ws, f, interviewer[f.name])
    found["the others on the panel"] = ", ".join(panel_of(ws, interviewer))
    story_id = interviewer["story"]
    if story_id is not None:
        try:
            story = ws.get("story", story_id).values
        except KeyError:
            story = {}
        found["the linked story"] = json.dumps(story, ensure_ascii=False, sort_keys=True)
    found[SIGNATURE] = ws.setting("signature").strip()
    opp_id = interviewer.opportunity
    if opp_id is not None:
        try:
            opp = ws.get("opportunity", opp_id).values
        except KeyError:
            opp = {}
        found["the role"] = str(opp.get("role", ""))
        found["the company"] = str(opp.get("company", ""))
    return found


def _stored_inputs(interviewer: Record) -> dict[str, str] | None:
    """The inputs kept when the note was last composed; None when none were kept."""
    try:
        kept = json.loads(interviewer["composed_from"] or "null")
    except ValueError:
        return None
    if not isinstance(kept, dict):
        return None
    return {str(k): str(v) for k, v in kept.items()}


def changed_inputs(ws: Workspace, interviewer: Record) -> list[str] | None:
    """What changed in the note's inputs since it was last composed, in the order the form
    shows them; None when that is not known (composed before inputs were kept)."""
    kept = _stored_inputs(interviewer)
    if kept is None:
        return None
    now = inputs(ws, interviewer)
    return [name for name in now if kept.get(name, "") != now[name]] + [
        name for name in kept if name not in now and kept[name]
    ]


def _composed(ws: Workspace, interviewer: Record) -> dict[str, str]:
    """The note composed afresh: as the draft, as what was last composed, and from what."""
    subject, body = draft_for(ws, interviewer)
    return {
        "draft_subject": subject,
        "draft_body": body,
        "composed_subject": subject,
        "composed_body": body,
        "composed_from": json.dumps(inputs(ws, interviewer), ensure_ascii=False),
    }


def compose_into(ws: Workspace, interviewer: Record) -> Record:
    """Compose the note afresh and keep it, as the draft and as what was last composed."""
    return ws.update("interviewer", interviewer.id, _composed(ws, interviewer))


def follow(ws: Workspace, interviewer: Record) -> Record:
    """Compose an untouched draft again from the current details; a note edited by hand or
    already sent stays as it is (one without any text yet is composed). Writes only when
    something differs."""
    if interviewer.damaged:
        return interviewer
    if interviewer["draft_body"].strip() and (
        interviewer["draft_state"] == "sent" or is_edited(interviewer)
    ):
        return interviewer
    fresh = _composed(ws, interviewer)  # composed once, compared, then kept if it differs
    v = interviewer.values
    if all(v[name] == fresh[name] for name in ("draft_subject", "draft_body", "composed_from")):
        return interviewer
    return ws.update("interviewer", interviewer.id, fresh)


def _behind_the_day(ws: Workspace, interviewer: Record) -> dict[str, str] | None:
    """The note composed afresh when it is an untouched, unsent draft whose day ("today")
    has moved on since and whose text reads differently for it; None when it stays."""
    if interviewer.damaged or interviewer["draft_state"] == "sent":
        return None
    if not interviewer["draft_body"].strip() or is_edited(interviewer):
        return None
    kept = _stored_inputs(interviewer)
    day = relative_day(ended_at(ws, interviewer), written_at(interviewer))
    if kept is not None and kept.get(DAY) == day:
        return None
    fresh = _composed(ws, interviewer)
    v = interviewer.values
    if (v["draft_subject"], v["draft_body"]) == (fresh["draft_subject"], fresh["draft_body"]):
        return None
    if v["copied_digest"] and v["copied_digest"] == text_digest(interviewer):
        # what was copied read right on the day it was copied: the day said afresh since is
        # no change to what went out
        fresh["copied_digest"] = text_digest(replace(interviewer, values={**v, **fresh}))
    return fresh


def as_today(ws: Workspace, interviewer: Record) -> Record:
    """The interviewer with their note as it reads today, to show or copy (nothing is
    written): an untouched draft composed on an earlier day says the day afresh."""
    fresh = _behind_the_day(ws, interviewer)
    if fresh is None:
        return interviewer
    return replace(interviewer, values={**interviewer.values, **fresh})


def follow_the_day(ws: Workspace, interviewer_ids: Iterable[int] | None = None) -> None:
    """Keep every untouched, unsent draft (or those of `interviewer_ids`) saying the day
    from today; writes only the notes whose text changes, in one save."""
    with ws.batch():
        if interviewer_ids is None:
            found = ws.all_records("interviewer")
        else:
            found = []
            for interviewer_id in interviewer_ids:
                try:
                    found.append(ws.get("interviewer", interviewer_id))
                except KeyError:
                    continue
        for interviewer in found:
            fresh = _behind_the_day(ws, interviewer)
            if fresh is not None:
                ws.update("interviewer", interviewer.id, fresh)


def compose_question(ws: Workspace, interviewer: Record) -> str:
    """What to ask before composing a note again ("" when the note has no edits to lose)."""
    if not is_edited(interviewer):
        return ""
    changed = changed_inputs(ws, interviewer)
    if changed is None:
        since = "Final Round cannot tell what changed since it was composed."
    elif changed:
        since = "Changed since it was composed: " + ", ".join(changed) + "."
    else:
        since = "Nothing it is composed from has changed since."
    return (
        f"The note to {interviewer.title} has your own edits. {since} "
        "Replace it with a new one from the template?"
    )


# The kinds a note is composed from, and the interviewers a change to one of them reaches.
def _same_opportunity(ws: Workspace, record: Record) -> Iterable[Record]:
    if record.opportunity is None:
        return []
    return ws.scoped_records("interviewer", record.opportunity)


def _linking_story(ws: Workspace, record: Record) -> Iterable[Record]:
    return (r for r in ws.all_records("interviewer") if r["story"] == record.id)


REACHES: dict[str, Callable[[Workspace, Record], Iterable[Record]]] = {
    "interviewer": _same_opportunity,  # a panelist's note names the others of the panel
    "story": _linking_story,
    "insight": _same_opportunity,
    "round": _same_opportunity,
    "opportunity": lambda ws, record: ws.scoped_records("interviewer", record.id),
}


def follow_changes(
    ws: Workspace, events: Iterable[tuple[Event, Record]], signature_before: str
) -> None:
    """After a change: compose again every untouched draft whose inputs it may have changed
    (all of them when your name changed)."""
    reached: dict[int, None] = {}
    if ws.setting("signature") != signature_before:
        reached.update((r.id, None) for r in ws.all_records("interviewer"))
    for _, record in list(events):
        reach = REACHES.get(record.kind.name)
        if reach is not None:
            reached.update((r.id, None) for r in reach(ws, record))
    for interviewer_id in reached:
        try:
            current = ws.get("interviewer", interviewer_id)
        except KeyError:
            continue
        follow(ws, current)
