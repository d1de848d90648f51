"""Steps that bring a workspace file of an older schema up to date, one per version.

Each step works on the stored tables directly, inside one batch: the file on disk is the old
document or the migrated one, never half of each (and a backup is made before the first)."""

from __future__ import annotations

import json
from collections.abc import Callable, MutableMapping
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from .record import CREATED_KEY, OPP_KEY, UPDATED_KEY, now_text
from .validation import format_datetime, parse_datetime
from .workspace_file import META

if TYPE_CHECKING:
    from .repository import Workspace

ROUND_NAMES = {"second": "Second round", "final": "Final round"}
EARLIER = "Earlier round"
# An interviewer belongs to the interview when their interview ended within these bounds of it.
FITS_BEFORE, FITS_AFTER = timedelta(hours=1), timedelta(hours=4)


def _when(text: Any) -> datetime | None:
    try:
        return parse_datetime(text) if isinstance(text, str) else None
    except ValueError:
        return None


def rounds_from_interviews(ws: Workspace) -> None:
    """Schema 1 to 2: the interview an opportunity names becomes its round; each interviewer
    goes to that round when their 'ended' time fits it, else to an 'Earlier round'."""
    stamp = now_text()
    rounds, people = ws.db.table("round"), ws.db.table("interviewer")

    def add_round(opp_id: int, values: dict[str, Any]) -> int:
        doc = {
            "name": "",
            "conversation": "mixed",
            "start_at": "",
            "end_at": "",
            "zone": "",
            "format": "video",
            "place": "",
            "notes": "",
            **values,
            OPP_KEY: opp_id,
            CREATED_KEY: stamp,
            UPDATED_KEY: stamp,
        }
        return rounds.insert(doc)

    # a file already in today's shape whose schema number was lost (its _meta removed by
    # hand) has rounds: an opportunity with any keeps them, and its interviewers theirs
    has_rounds = {r.get(OPP_KEY) for r in rounds.all()}
    for opp in ws.db.table("opportunity").all():
        if opp.doc_id in has_rounds:
            continue
        start = _when(opp.get("interview_at"))
        end = start + timedelta(hours=1) if start is not None else None
        main = add_round(
            opp.doc_id,
            {
                "name": ROUND_NAMES.get(str(opp.get("round")), "Interview"),
                "start_at": format_datetime(start) if start else "",
                "end_at": format_datetime(end) if end else "",
                "format": opp.get("format") if isinstance(opp.get("format"), str) else "video",
            },
        )
        earlier: list[tuple[int, datetime]] = []
        for person in people.all():
            if person.get(OPP_KEY) != opp.doc_id:
                continue
            ended = _when(person.get("ended_at"))
            fits = (
                ended is None
                or start is None
                or end is None
                or start - FITS_BEFORE <= ended <= end + FITS_AFTER
            )
            if fits:
                people.update({"round": main}, doc_ids=[person.doc_id])
            else:
                assert ended is not None
                earlier.append((person.doc_id, ended))
        if earlier:
            times = [t for _, t in earlier]
            first = add_round(
                opp.doc_id,
                {
                    "name": EARLIER,
                    "start_at": format_datetime(min(times) - timedelta(hours=1)),
                    "end_at": format_datetime(max(times)),
                },
            )
            people.update({"round": first}, doc_ids=[i for i, _ in earlier])


PRACTISED = "practised"


def _attempt_values(practice_id: int, when: str) -> dict[str, Any]:
    """The attempt that stands for a question marked "Practised out loud" before attempts."""
    from .clock import now

    return {
        "item": f"practice:{practice_id}",
        "started": when[:16] or now().strftime("%Y-%m-%d %H:%M"),
        "seconds": "",
        "rating": "good",
        "note": "practised before attempts were kept",
        "imported": True,
    }


def practised_to_attempts(ws: Workspace) -> None:
    """Schema 2 to 3: the "Practised out loud" flag of a question to practise becomes one
    rehearsal attempt marked as imported; the flag goes."""
    practice, attempts = ws.db.table("practice"), ws.db.table("attempt")
    for doc in practice.all():
        if PRACTISED not in doc:
            continue
        if doc[PRACTISED] is True:
            stamp = doc.get(UPDATED_KEY) or doc.get(CREATED_KEY) or ""
            stamp = stamp if isinstance(stamp, str) else ""
            attempts.insert(
                {
                    **_attempt_values(doc.doc_id, stamp),
                    OPP_KEY: None,
                    CREATED_KEY: stamp,
                    UPDATED_KEY: stamp,
                }
            )
        practice.update(lambda d: d.pop(PRACTISED, None), doc_ids=[doc.doc_id])


def practised_in_export(records: dict[str, Any]) -> None:
    """The same change on the records of a JSON export of schema 2 or older, in place."""
    practice = records.get("practice")
    if not isinstance(practice, list):
        return
    attempts = records.setdefault("attempt", [])
    if not isinstance(attempts, list):
        return
    ids = [a.get("id") for a in attempts if isinstance(a, dict)]
    next_id = max((i for i in ids if isinstance(i, int)), default=0) + 1
    for item in practice:
        values = item.get("values") if isinstance(item, dict) else None
        if not isinstance(values, dict) or PRACTISED not in values:
            continue
        if values.pop(PRACTISED) is True and isinstance(item.get("id"), int):
            stamp = item.get("updated") or item.get("created") or ""
            stamp = stamp if isinstance(stamp, str) else ""
            attempts.append(
                {
                    "id": next_id,
                    "values": _attempt_values(item["id"], stamp),
                    "opportunity": None,
                    "created": stamp,
                    "updated": stamp,
                }
            )
            next_id += 1


def composed_notes(ws: Workspace) -> None:
    """Schema 3 to 4: each note keeps what was last composed for it. A note equal to what its
    details compose now was not edited, and follows them from now on; any other note counts
    as edited by hand (what it was composed from is not known) and stays as written."""
    from .note_follow import inputs
    from .thank_you import draft_for, is_edited

    people = ws.db.table("interviewer")
    for doc in people.all():
        if "composed_body" in doc:
            continue
        record = ws.get("interviewer", doc.doc_id)
        if record.damaged:
            continue
        subject, body = draft_for(ws, record)
        composed = {"composed_subject": subject, "composed_body": body}
        if is_edited(replace(record, values={**record.values, **composed})):
            composed = {"composed_subject": "", "composed_body": "", "composed_from": ""}
        else:
            composed["composed_from"] = json.dumps(inputs(ws, record), ensure_ascii=False)
        people.update(composed, doc_ids=[doc.doc_id])


# A question's own "asked" flag and "the answer heard" before they belonged to rounds, in
# files and exports of schemas before this one.
LEGACY_QUESTION_FIELDS = ("asked", "answer")
ASKED_BY_ROUND = 5


def _legacy_asked(doc: dict[str, Any]) -> tuple[bool, str]:
    """(asked, the answer heard) as a question of schema 4 or older stored them."""
    answer = doc.get("answer")
    answer = answer.strip() if isinstance(answer, str) else ""
    return doc.get("asked") is True, answer


def asked_to_rounds(ws: Workspace) -> None:
    """Schema 4 to 5: a question asked (or with an answer heard) becomes a record of it being
    asked in a round of the opportunity being prepared (the active one, else the newest): the
    round under way or ended last, else a new 'Earlier round' ending when the flag was last
    set. The bank question itself keeps its text, category, for whom and priority."""
    from .questions_asked import KIND, round_for_asking

    questions, asked = ws.db.table("question"), ws.db.table(KIND)
    stored = ws.db.table(META).get(doc_id=1)
    meta: dict[str, Any] = dict(stored) if isinstance(stored, dict) else {}
    opportunities = [o.doc_id for o in ws.db.table("opportunity").all()]
    opp = meta.get("active") if meta.get("active") in opportunities else None
    if opp is None and opportunities:
        opp = max(opportunities)
    if opp is None:
        return  # nowhere to put them: the stored fields stay, unread, never lost
    stamp = now_text()
    flagged: list[tuple[Document, str]] = []
    for question in questions.all():
        was_asked, answer = _legacy_asked(question)
        if was_asked or answer:
            flagged.append((question, answer))
    if flagged:
        target = round_for_asking(ws, opp, upcoming=False)
        if target is not None:
            round_id = target.id
        else:
            times = [_when(str(d.get(UPDATED_KEY) or "")[:16]) for d, _ in flagged]
            end = max((t for t in times if t is not None), default=None) or _when(stamp[:16])
            assert end is not None
            round_id = ws.db.table("round").insert(
                {
                    "name": EARLIER,
                    "conversation": "mixed",
                    "start_at": format_datetime(end - timedelta(hours=1)),
                    "end_at": format_datetime(end),
                    "zone": "",
                    "format": "video",
                    "place": "",
                    "notes": "",
                    OPP_KEY: opp,
                    CREATED_KEY: stamp,
                    UPDATED_KEY: stamp,
                }
            )
        for doc, answer in flagged:
            updated, raw = doc.get(UPDATED_KEY), doc.get("text")
            when = updated if isinstance(updated, str) else stamp
            text = raw if isinstance(raw, str) else ""
            asked.insert(
                {
                    "round": round_id,
                    "text": " ".join(text.split())[:1000] or "(a question of your bank)",
                    "by": None,
                    "answer": answer,
                    "question": doc.doc_id,
                    OPP_KEY: opp,
                    CREATED_KEY: when,
                    UPDATED_KEY: when,
                }
            )

    def drop(d: MutableMapping[str, Any]) -> None:
        for key in LEGACY_QUESTION_FIELDS:
            d.pop(key, None)

    legacy = [q.doc_id for q in questions.all() if any(k in q for k in LEGACY_QUESTION_FIELDS)]
    if legacy:
        questions.update(drop, doc_ids=legacy)


def interview_ends_without_round(ws: Workspace) -> None:
    """Schema 5 to 6: an interviewer with no round and no end time of their own ends when the
    interview their opportunity names does, as one saved now would, so their thank-you note
    counts down (composed again by the day it says, untouched drafts only, at the next start)."""
    from .after_save import interview_end

    people = ws.db.table("interviewer")
    ends: dict[int, str] = {}
    for opp in ws.all_records("opportunity"):
        if not opp.damaged:
            ends[opp.id] = interview_end(opp)
    for doc in people.all():
        if doc.get("round") is not None or doc.get("ended_at") not in ("", None):
            continue
        opp_id = doc.get(OPP_KEY)
        end = ends.get(opp_id) if isinstance(opp_id, int) else None
        if end:
            people.update({"ended_at": end}, doc_ids=[doc.doc_id])


def ids_never_reused(ws: Workspace) -> None:
    """Schema 6 to 7: each table keeps the highest id it ever gave, so a deleted record's id
    never names a new one; links left behind by deletes (a deleted round's interviewers, a
    deleted insight's note) are taken out, and the rehearsal attempts at deleted items go."""
    from .references import clear_dangling

    clear_dangling(ws)


# The step that brings a file of version N to N + 1.
STEPS: dict[int, Callable[[Workspace], None]] = {
    1: rounds_from_interviews,
    2: practised_to_attempts,
    3: composed_notes,
    4: asked_to_rounds,
    5: interview_ends_without_round,
    6: ids_never_reused,
}
