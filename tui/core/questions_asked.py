"""Your questions asked in each round, with the answer heard there: the round a question
marked asked belongs to, marking it with one key, and where each question was asked before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import clock
from .field_types import MAX_TEXT
from .key_names import key_of
from .repository import Record, Workspace
from .rounds import has_ended, local_times, next_round, rounds_of, the

KIND = "asked_them"  # the records: one question asked in one round


def round_for_asking(
    ws: Workspace,
    opportunity: int | None = None,
    now: datetime | None = None,
    upcoming: bool = True,
) -> Record | None:
    """The round a question marked asked now belongs to: the round under way, else the one
    that ended last (being asked is something that has happened), else, with `upcoming`,
    the next one. None when the opportunity has no round with a time."""
    now = now or clock.now()
    timed = [r for r in rounds_of(ws, opportunity) if None not in local_times(r)]
    coming = next_round(timed, now)  # the first not yet over: under way when it has begun
    if coming is not None and local_times(coming)[0] <= now:  # type: ignore[operator]
        return coming
    ended = [r for r in timed if has_ended(r, now)]
    if ended:
        return max(ended, key=lambda r: (local_times(r)[1], r.id))
    return coming if upcoming else None


def question_text(question: Record) -> str:
    """A question of the bank as one line, as the record of it being asked keeps it."""
    return " ".join(str(question["text"]).split())[:MAX_TEXT]


def asked_in(ws: Workspace, question_id: int, opportunity: int | None = None) -> list[Record]:
    """The records of the bank question `question_id` asked in the opportunity's rounds."""
    return [a for a in ws.scoped_records(KIND, opportunity) if a["question"] == question_id]


def asked_ids(ws: Workspace, opportunity: int | None = None) -> set[int]:
    """The questions of the bank asked in at least one round of the opportunity."""
    return {
        a["question"] for a in ws.scoped_records(KIND, opportunity) if a["question"] is not None
    }


def flip_asked(ws: Workspace, question: Record) -> str:
    """Mark a question of the bank asked in the active opportunity's round under way (else
    the one that ended last, else the next), or, when it already is, not asked there; what
    it now is, in words."""
    opportunity = ws.active
    if opportunity is None:
        raise ValueError(
            f"Choose an opportunity first ({key_of('switch-opportunity')}): a question is asked "
            "in one of its rounds."
        )
    target = round_for_asking(ws, opportunity.id)
    if target is None:
        raise ValueError(
            f"{opportunity['company']} has no round with a time yet: add one in pane 8, "
            "then mark the question asked."
        )
    there = [a for a in asked_in(ws, question.id, opportunity.id) if a["round"] == target.id]
    where = f"{the(target.title)} at {opportunity['company']}"
    if there:
        with ws.batch():
            for record in there:
                ws.delete(KIND, record.id)
        heard = any(str(r["answer"]).strip() for r in there)
        return f"Marked as not asked in {where}: {question.title}" + (
            f" (the answer heard went with it; {key_of('undo')} undoes)" if heard else ""
        )
    ws.add(
        KIND,
        {"round": target.id, "text": question_text(question), "question": question.id},
        opportunity.id,
    )
    return f"Marked as asked in {where}: {question.title}"


@dataclass(frozen=True)
class Heard:
    """Where a question was asked: the company, the round, whom, and the answer heard."""

    company: str
    round: str
    person: str
    answer: str


def where_asked(ws: Workspace, question_id: int) -> list[Heard]:
    """Every round, at every company, where the bank question `question_id` was asked."""
    companies = {o.id: str(o["company"]) for o in ws.opportunities()}
    rounds = {r.id: r.title for r in ws.all_records("round")}
    people = {p.id: p.title for p in ws.all_records("interviewer")}
    found = []
    for a in ws.all_records(KIND):
        if a["question"] != question_id:
            continue
        found.append(
            Heard(
                companies.get(a.opportunity or 0, ""),
                rounds.get(a["round"], "no round") if a["round"] is not None else "no round",
                people.get(a["by"], "") if a["by"] is not None else "",
                str(a["answer"]),
            )
        )
    return found


def asked_earlier(ws: Workspace, round_: Record) -> dict[int, Record]:
    """{question id: the record of it being asked}, for the questions of the bank already
    asked in a round of the same opportunity before `round_` (the latest such round)."""
    order = {r.id: n for n, r in enumerate(rounds_of(ws, round_.opportunity))}
    mine = order.get(round_.id, len(order))
    found: dict[int, tuple[int, Record]] = {}
    for a in ws.scoped_records(KIND, round_.opportunity):
        n = order.get(a["round"], len(order))
        if a["question"] is None or n >= mine:
            continue
        if a["question"] not in found or found[a["question"]][0] <= n:
            found[a["question"]] = (n, a)
    return {q: a for q, (_, a) in found.items()}
