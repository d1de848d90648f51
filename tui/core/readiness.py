"""Each strategy's state in one line, and its checklist worked out from the records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from . import clock, recency
from .content import strategies, strategy
from .kinds import has_number
from .repository import Record, Workspace
from .timing import note_deadline, until


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


@dataclass(frozen=True)
class Check:
    text: str
    done: bool | None  # None: does not apply yet
    detail: str = ""


class Snapshot:
    """The records one strategy's rules look at, read once."""

    def __init__(
        self, ws: Workspace, now: datetime | None = None, opportunity: int | None = None
    ) -> None:
        self.ws = ws
        self.now = now or clock.now()
        self.opportunity = opportunity  # None: the active one
        self._cache: dict[str, list[Record]] = {}

    @property
    def interview_at(self) -> str:
        """When the snapshot's opportunity has its interview ('' when not set)."""
        if self.opportunity is None:
            opp = self.ws.active
        else:
            opp = next((o for o in self.ws.opportunities() if o.id == self.opportunity), None)
        return str(opp["interview_at"] or "") if opp is not None else ""

    def research_marks(self) -> dict[int, str]:
        """'older' or 'undated' for each research note that is not recent."""
        return recency.marks(self("research"), self.interview_at, self.now)

    def __call__(self, kind_name: str) -> list[Record]:
        if kind_name not in self._cache:
            self._cache[kind_name] = self.ws.scoped_records(kind_name, self.opportunity)
        return self._cache[kind_name]


def _all(
    records: list[Record], test: Callable[[Record], bool], empty: bool | None = None
) -> bool | None:
    return empty if not records else all(test(r) for r in records)


def competency_counts(stories: list[Record]) -> Counter:
    """How many stories show each competency, tags read through the thesaurus: a story tagged
    "mentorship" and one tagged "Mentoring" count as two stories of "mentoring"."""
    from .thesaurus import thesaurus

    canonical = thesaurus().canonical
    counts: Counter = Counter()
    known = _COMPETENCIES
    if len(known) > 10_000:
        known.clear()
    for story in stories:
        tags = tuple(story["competencies"])
        found = known.get(tags)
        if found is None:  # stories share a few combinations of tags: each is read once
            found = known[tags] = frozenset(canonical(t) for t in tags if str(t).strip())
        counts.update(found)
    return counts


# a story's tags -> the competencies they name
_COMPETENCIES: dict[tuple[str, ...], frozenset[str]] = {}


def _matched_values(s: Snapshot) -> tuple[list[Record], list[Record]]:
    matched = {str(m["value"]).strip().lower() for m in s("value_match")}
    values = s("value")
    return [v for v in values if v["value"].strip().lower() in matched], values


def unanswered_questions(s: Snapshot) -> list[Record]:
    """Questions to practise with no story linked and none of your stories answering well."""
    from .suggest import answered

    stories = s("story")
    return [p for p in s("practice") if not answered(p["text"], p["story"], stories)]


def _practice_answered(s: Snapshot) -> tuple[bool | None, str]:
    if not s("practice"):
        return None, ""
    gaps = unanswered_questions(s)
    return not gaps, (plural(len(gaps), "question") + " without a story") if gaps else ""


def _concern_ok(c: Record) -> bool:
    return bool(c["answer"].strip()) and c["state"] != "open"


RULES: dict[str, Callable[[Snapshot], tuple[bool | None, str]]] = {
    "feedback_logged": lambda s: (bool(s("feedback")) or None, plural(len(s("feedback")), "item")),
    "improvements_planned": lambda s: (
        _all(
            [f for f in s("feedback") if f["nature"] == "area to improve"],
            lambda f: bool(f["adjustment"].strip()),
        ),
        "",
    ),
    "assessments_reviewed": lambda s: (
        _all(s("assessment"), lambda a: a.kind.is_done(a.values)),
        plural(len(s("assessment")), "result"),
    ),
    "research_count": lambda s: _research_count(s),
    "talking_points": lambda s: (
        _all(s("research"), lambda r: bool(r["talking_point"].strip()), False),
        "",
    ),
    "requirements_listed": lambda s: (
        bool(s("requirement")),
        plural(len(s("requirement")), "requirement"),
    ),
    "requirements_covered": lambda s: (
        _all(
            [r for r in s("requirement") if r["priority"] == "must-have"],
            lambda r: bool(r["stories"]),
            False,
        ),
        "",
    ),
    "insight_noted": lambda s: (bool(s("insight")), plural(len(s("insight")), "insight")),
    "insight_linked": lambda s: (
        _all(s("insight"), lambda i: bool(i["strengthened"].strip()), False),
        "",
    ),
    "thanks_ready": lambda s: ({t["when"] for t in s("thanks_line")} >= {"opening", "closing"}, ""),
    "stories_count": lambda s: (len(s("story")) >= 6, plural(len(s("story")), "story", "stories")),
    "stories_quantified": lambda s: (
        _all(s("story"), lambda r: r.kind.is_done(r.values), False),
        "",
    ),
    "competencies_spread": lambda s: (
        sum(1 for n in competency_counts(s("story")).values() if n >= 2) >= 4,
        "",
    ),
    "values_listed": lambda s: (len(s("value")) >= 2, plural(len(s("value")), "value")),
    "values_matched": lambda s: (
        bool(s("value")) and len(_matched_values(s)[0]) == len(s("value")),
        "",
    ),
    "goals_shared": lambda s: (any(g["mission_link"].strip() for g in s("goal")), ""),
    "questions_ready": lambda s: (
        len(s("question")) >= 5 and sum(q["priority"] == "high" for q in s("question")) >= 2,
        "",
    ),
    "questions_spread": lambda s: (
        any(q["category"] == "clarification" for q in s("question"))
        and any(q["category"] in ("team", "future projects", "growth") for q in s("question")),
        "",
    ),
    "practice_done": lambda s: (_all(s("practice"), lambda p: bool(p["practised"]), False), ""),
    "practice_answered": lambda s: _practice_answered(s),
    "concerns_listed": lambda s: (bool(s("concern")) or None, plural(len(s("concern")), "concern")),
    "answers_ready": lambda s: (_all(s("concern"), _concern_ok), ""),
    "steps_shown": lambda s: (
        _all(
            [c for c in s("concern") if c["nature"] == "weakness"],
            lambda c: bool(c["steps"].strip()),
        ),
        "",
    ),
    "details_captured": lambda s: (
        _all(s("interviewer"), lambda i: bool(i["discussed"].strip()), False),
        "",
    ),
    "strengths_named": lambda s: (
        _all(s("interviewer"), lambda i: bool(i["strengths"].strip()), False),
        "",
    ),
    "notes_sent_on_time": lambda s: (_all(s("interviewer"), lambda i: _sent_on_time(i), False), ""),
}


def _research_count(s: Snapshot) -> tuple[bool | None, str]:
    """Recent developments: notes dated within 30 days before the interview."""
    marks = s.research_marks()
    fresh = len(s("research")) - len(marks)
    older = sum(1 for m in marks.values() if m == recency.OLDER)
    undated = len(marks) - older
    detail = plural(fresh, "recent note")
    if older:
        detail += f", {older} older"
    if undated:
        detail += f", {undated} undated"
    return fresh >= 3, detail


# Kinds whose records carry a mark beside their state: a research note too old to be recent.
MARKS: dict[str, Callable[[Snapshot], dict[int, str]]] = {
    "research": Snapshot.research_marks,
}


def record_marks(snap: Snapshot, kind_name: str) -> dict[int, str]:
    """{record id: mark} for the records of `kind_name` that carry one ('older')."""
    rule = MARKS.get(kind_name)
    return rule(snap) if rule is not None else {}


def _sent_on_time(interviewer: Record) -> bool:
    if interviewer["draft_state"] != "sent":
        return False
    due = note_deadline(interviewer["ended_at"])
    return (
        due is None
        or not interviewer["sent_at"]
        or interviewer["sent_at"] <= due.strftime("%Y-%m-%d %H:%M")
    )


def checklist(ws: Workspace, number: int, snap: Snapshot | None = None) -> list[Check]:
    snap = snap or Snapshot(ws)
    checks = []
    for item in strategy(number).checklist:
        done, detail = RULES[item.rule](snap)
        checks.append(Check(item.text, done, detail))
    return checks


def next_note_due(snap: Snapshot, everywhere: bool = False) -> tuple[Record, datetime, str] | None:
    """The interviewer whose thank-you note runs out of time first, among those not sent:
    (record, deadline, company), of the active opportunity or of every one."""
    people = snap.ws.all_records("interviewer") if everywhere else snap("interviewer")
    due = []
    for i in people:
        deadline = note_deadline(i["ended_at"])
        if deadline is not None and i["draft_state"] != "sent":
            due.append((deadline, i.id, i))
    if not due:
        return None
    deadline, _, record = min(due)
    companies = {o.id: o.values["company"] for o in snap.ws.opportunities()}
    company = companies.get(record.opportunity, "") if record.opportunity is not None else ""
    return record, deadline, company


def summary(ws: Workspace, number: int, snap: Snapshot | None = None) -> str:
    """One line of state for a strategy, e.g. '7 stories, 2 without a number'."""
    s = snap or Snapshot(ws)
    if number == 1:
        todo = sum(1 for f in s("feedback") if not f.kind.is_done(f.values))
        return (
            f"{plural(len(s('feedback')), 'feedback item')}, {todo} to address · "
            f"{plural(len(s('assessment')), 'assessment')}"
        )
    if number == 2:
        gaps = sum(1 for r in s("requirement") if not r["stories"])
        older = len(s.research_marks())
        return (
            f"{plural(len(s('research')), 'research note')}"
            + (f" ({older} not recent)" if older else "")
            + " · "
            f"{plural(len(s('requirement')), 'requirement')}, {gaps} without a story"
        )
    if number == 3:
        return (
            f"{plural(len(s('insight')), 'new insight')} · "
            f"{plural(len(s('thanks_line')), 'line of thanks', 'lines of thanks')}"
        )
    if number == 4:
        stories = s("story")
        loose = sum(
            1 for r in stories if not has_number(r["result"]) and not has_number(r["impact"])
        )
        thin = sum(1 for n in competency_counts(stories).values() if n == 1)
        return (
            f"{plural(len(stories), 'story', 'stories')}, {loose} without a number · "
            f"{plural(thin, 'thin competency', 'thin competencies')}"
        )
    if number == 5:
        matched, values = _matched_values(s)
        return (
            f"{plural(len(values), 'value')}, {len(values) - len(matched)} unmatched · "
            f"{plural(len(s('goal')), 'shared goal')}"
        )
    if number == 6:
        asked = sum(1 for q in s("question") if q["asked"])
        practised = sum(1 for p in s("practice") if p["practised"])
        return (
            f"{len(s('question'))} to ask, {asked} asked · "
            f"{len(s('practice'))} to practise, {practised} practised"
        )
    if number == 7:
        concerns = s("concern")
        still_open = sum(1 for c in concerns if c["state"] == "open")
        return f"{plural(len(concerns), 'concern')}, {still_open} open"
    if number == 8:
        people = s("interviewer")
        sent = sum(1 for i in people if i["draft_state"] == "sent")
        line = f"{plural(len(people), 'interviewer')}, {plural(sent, 'note')} sent"
        nxt = next_note_due(s)
        if nxt:
            line += f" · next note: {nxt[0].title}, {until(nxt[1], s.now)}"
        return line
    raise ValueError(f"no strategy {number}")


def progress(checks: list[Check]) -> str:
    applicable = [c for c in checks if c.done is not None]
    return f"{sum(1 for c in applicable if c.done)}/{len(applicable)}"


def all_summaries(
    ws: Workspace, snap: Snapshot | None = None
) -> list[tuple[int, str, str, list[Check]]]:
    """(number, short name, state line, checklist) for the eight strategies."""
    snap = snap or Snapshot(ws)
    return [
        (st.number, st.short, summary(ws, st.number, snap), checklist(ws, st.number, snap))
        for st in strategies()
    ]
