"""What saving a record sets in motion, by kind: an interviewer gets a note and the end of
their round (or of the interview, with no round), a round or an opportunity moves its
interviewers' end (an opportunity's first round takes in those added before it), a question
asked joins the practice bank and one of yours asked in a round is linked to your bank of
questions to ask."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from .note_follow import follow
from .note_words import join_list
from .repository import Record, Workspace
from .rounds import local_times, opportunity_times
from .scorecard import in_bank_before, same_question
from .validation import format_datetime


def _round_end(ws: Workspace, round_id: int | None) -> str:
    """The end of round `round_id` in the stored form ('' when unknown), on this computer's
    clock: the note deadline runs from it."""
    if round_id is None:
        return ""
    try:
        end = local_times(ws.get("round", round_id))[1]
    except KeyError:
        return ""
    return "" if end is None else format_datetime(end)


def interview_end(opportunity: Record | None) -> str:
    """The end of the interview the opportunity names, in the stored form ('' when unknown)."""
    end = None if opportunity is None else opportunity_times(opportunity)[1]
    return "" if end is None else format_datetime(end)


def _own_end(ws: Workspace, person: Record) -> str:
    """When an interviewer's interview ends unless they ended at another time: their round's
    end, or with no round the interview their opportunity names."""
    if person["round"] is not None:
        return _round_end(ws, person["round"])
    if person.opportunity is None:
        return ""
    try:
        return interview_end(ws.get("opportunity", person.opportunity))
    except KeyError:
        return ""


def interviewer_saved(ws: Workspace, record: Record, before: Record | None) -> None:
    """A note composed from the interviewer's details, until edited by hand; their interview
    ends when their round does (with no round: when the opportunity's interview does), unless
    they ended at another time. Moved to another round, they follow its end."""
    end = _own_end(ws, record)
    following = not record["ended_at"] or (
        before is not None
        and before["round"] != record["round"]
        and before["ended_at"] == record["ended_at"]
        and record["ended_at"] == _own_end(ws, before)
    )
    if following and end and end != record["ended_at"]:
        record = ws.update("interviewer", record.id, {"ended_at": end})
    follow(ws, record)


def round_saved(ws: Workspace, record: Record, before: Record | None) -> None:
    """Interviewers who end when the round ends follow it when its time changes. An
    opportunity's first round takes in the interviewers added before it, who had no round to
    join."""
    old = _end_text(before) if before is not None else ""
    new = _round_end(ws, record.id)
    moved = before is None and _take_in(ws, record, new)
    for person in ws.scoped_records("interviewer", record.opportunity):
        if person["round"] == record.id and person["ended_at"] in ("", old) and new:
            if person["ended_at"] != new:
                ws.update("interviewer", person.id, {"ended_at": new})
                moved = True
    if moved:  # the round is the change to report, so it comes last
        ws.update("round", record.id, {})


def _take_in(ws: Workspace, round_: Record, end: str) -> bool:
    """The opportunity's interviewers with no round join `round_` when it is its only one;
    those who ended with the interview the opportunity names end with the round (when it has
    an end). Whether anyone joined."""
    if [r.id for r in ws.scoped_records("round", round_.opportunity)] != [round_.id]:
        return False
    try:
        interview = interview_end(ws.get("opportunity", round_.opportunity or 0))
    except KeyError:
        interview = ""
    joined = False
    for person in ws.scoped_records("interviewer", round_.opportunity):
        if person["round"] is not None or person.damaged:
            continue
        values: dict[str, object] = {"round": round_.id}
        if end and person["ended_at"] in ("", interview):
            values["ended_at"] = end
        follow(ws, ws.update("interviewer", person.id, values))
        joined = True
    return joined


def _taken_in(ws: Workspace, record: Record) -> str:
    """The interviewers a new round took in, for the save message."""
    people = [
        p.title
        for p in ws.scoped_records("interviewer", record.opportunity)
        if p["round"] == record.id
    ]
    if not people:
        return ""
    return f"; {join_list(people)} {'is' if len(people) == 1 else 'are'} in it now"


def opportunity_saved(ws: Workspace, record: Record, before: Record | None) -> None:
    """Interviewers with no round end when the opportunity's interview does: they follow it
    when its time changes."""
    old = interview_end(before)
    new = interview_end(record)
    moved = False
    for person in ws.scoped_records("interviewer", record.id):
        if person["round"] is None and person["ended_at"] in ("", old) and new:
            if person["ended_at"] != new:
                ws.update("interviewer", person.id, {"ended_at": new})
                moved = True
    if moved:  # the opportunity is the change to report, so it comes last
        ws.update("opportunity", record.id, {})


def _end_text(round_: Record) -> str:
    end = local_times(round_)[1]
    return "" if end is None else format_datetime(end)


def _began(ws: Workspace, round_id: int | None) -> datetime | None:
    """When round `round_id` began on this computer's clock (None: no round or no time)."""
    if round_id is None:
        return None
    try:
        return local_times(ws.get("round", round_id))[0]
    except KeyError:
        return None


def link_to_bank(ws: Workspace, record: Record, before: Record | None) -> None:
    """A question asked is linked to the same question of the practice bank, and counts as
    predicted when that question was in the bank before the round began; one that was not
    there joins the bank (with the story you told), and counts as not predicted."""
    text = str(record["text"])
    began = _began(ws, record["round"])
    current = record["practice"]
    if current is not None:
        try:
            linked = ws.get("practice", current)
        except KeyError:
            linked = None
        if linked is not None and same_question(linked.title, text):
            if record["predicted"] and not in_bank_before(linked, began):
                ws.update("asked", record.id, {"predicted": False})
            return
    matches = [p for p in ws.all_records("practice") if same_question(p.title, text)]
    # a question there before the round comes first: it is the one you prepared
    match = next((p for p in matches if in_bank_before(p, began)), None) or next(
        iter(matches), None
    )
    if match is not None:
        predicted = in_bank_before(match, began)
        ws.update("asked", record.id, {"practice": match.id, "predicted": predicted})
        return
    added = ws.add("practice", {"text": text, "story": record["story"]})
    ws.update("asked", record.id, {"practice": added.id, "predicted": False})


def link_to_questions(ws: Workspace, record: Record, before: Record | None) -> None:
    """One of your questions asked in a round is linked to the same question of your bank to
    ask from when its text is typed or changed; one that was not there joins the bank."""
    from .questions_asked import question_text

    text = str(record["text"])
    current = record["question"]
    if current is not None and before is not None and before["text"] == text:
        return  # the question as asked is kept, even once the bank words it otherwise
    if current is not None:
        try:
            if same_question(question_text(ws.get("question", current)), text):
                return
        except KeyError:
            pass
    bank = ws.all_records("question")
    match = next((q for q in bank if same_question(question_text(q), text)), None)
    if match is None:
        match = ws.add("question", {"text": text})
    ws.update("asked_them", record.id, {"question": match.id})


AFTER_SAVE: dict[str, Callable[[Workspace, Record, Record | None], None]] = {
    "interviewer": interviewer_saved,
    "round": round_saved,
    "opportunity": opportunity_saved,
    "asked": link_to_bank,
    "asked_them": link_to_questions,
}


# what the message for a new record of the kind adds about what its saving set in motion
ADDED_TEXT: dict[str, Callable[[Workspace, Record], str]] = {"round": _taken_in}


def saved_text(ws: Workspace, record: Record, new: bool) -> str:
    """What the save message adds about what saving `record` set in motion ("" for nothing)."""
    told = ADDED_TEXT.get(record.kind.name) if new else None
    return told(ws, record) if told is not None else ""


def after_save(ws: Workspace, record: Record, before: Record | None) -> None:
    hook = AFTER_SAVE.get(record.kind.name)
    if hook is not None:
        hook(ws, record, before)
