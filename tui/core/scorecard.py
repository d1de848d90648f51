"""The prediction scorecard of a debrief: which asked questions you had in your practice bank
(recall) and which practised questions came (precision), with the lists behind each figure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .record import STAMP
from .repository import Record, Workspace


@dataclass(frozen=True)
class Scorecard:
    asked: tuple[str, ...]  # every question asked, as typed
    predicted: tuple[str, ...]  # asked, and in your bank before the round
    surprises: tuple[str, ...]  # asked, not in your bank: the debrief added them to it
    late: tuple[str, ...]  # asked, and added to your bank after the round began
    practised: tuple[str, ...]  # your practised questions
    came: tuple[str, ...]  # practised, and asked
    did_not_come: tuple[str, ...]  # practised, and not asked

    @property
    def recall(self) -> float | None:
        """The share of asked questions you had predicted; None when none was asked."""
        return len(self.predicted) / len(self.asked) if self.asked else None

    @property
    def precision(self) -> float | None:
        """The share of practised questions that came; None when none was practised."""
        return len(self.came) / len(self.practised) if self.practised else None

    def lines(self) -> list[str]:
        """The figures in words, each with the count behind it."""

        def pct(value: float | None) -> str:
            return "–" if value is None else f"{round(value * 100)}%"

        return [
            f"Recall {pct(self.recall)}: {len(self.predicted)} of {len(self.asked)} questions "
            "asked were in your practice bank before the round",
            f"Precision {pct(self.precision)}: {len(self.came)} of {len(self.practised)} "
            "practised questions came",
        ]


def in_bank_before(question: Record, began: datetime | None) -> bool:
    """Whether a question of the practice bank was there before a round that began at `began`:
    added before it (wording it otherwise later changes nothing). A question with no time it
    was added (from an old file), or a round with no time, counts as before."""
    if began is None or not question.created:
        return True
    try:
        return datetime.strptime(question.created, STAMP) < began
    except ValueError:
        return True


def scorecard(
    asked: list[Record],
    practice: list[Record],
    practised_ids: set[int],
    began: datetime | None = None,
) -> Scorecard:
    """Work the scorecard out from the questions asked (of one round, or of several) and the
    practice bank. An asked question counts as predicted when it matched a question of your
    bank (saved with it, see `link_to_bank`) that was there before the round began at `began`;
    `practised_ids`: the questions of the bank rehearsed out loud at least once."""
    bank = {p.id: p for p in practice}
    practised = [p for p in practice if p.id in practised_ids]

    def predicted(a: Record) -> bool:
        matched = bank.get(a["practice"])
        return bool(a["predicted"]) and (matched is None or in_bank_before(matched, began))

    def late(a: Record) -> bool:
        """In the bank before it was noted here, but only since the round began."""
        matched = bank.get(a["practice"])
        if matched is None or in_bank_before(matched, began):
            return False
        return matched.created < a.created

    hits = [a for a in asked if predicted(a)]
    hit_ids = {a.id for a in hits}
    late_ids = {a.id for a in asked if a.id not in hit_ids and late(a)}
    came_ids = {a["practice"] for a in hits if a["practice"] in bank}
    return Scorecard(
        asked=tuple(a.title for a in asked),
        predicted=tuple(a.title for a in hits),
        surprises=tuple(a.title for a in asked if a.id not in hit_ids | late_ids),
        late=tuple(a.title for a in asked if a.id in late_ids),
        practised=tuple(p.title for p in practised),
        came=tuple(p.title for p in practised if p.id in came_ids),
        did_not_come=tuple(p.title for p in practised if p.id not in came_ids),
    )


def round_scorecard(ws: Workspace, round_: Record) -> Scorecard:
    """The scorecard of one round: its questions asked, against the questions rehearsed out
    loud before it began, so practice after the round leaves its figures as they were (a
    round without a time counts every attempt)."""
    from .rehearsal import practised_ids
    from .rounds import local_times

    asked = [a for a in ws.scoped_records("asked", round_.opportunity) if a["round"] == round_.id]
    began = local_times(round_)[0]
    practice = ws.all_records("practice")
    return scorecard(asked, practice, practised_ids(ws, before=began), began)


def same_question(a: str, b: str) -> bool:
    """Two wordings of one question: case, spacing and the closing mark aside."""

    def norm(text: str) -> str:
        return " ".join(text.casefold().split()).rstrip(" ?.!")

    return norm(a) == norm(b)
