"""Each strategy's state in one line and the rules of its checklist, kept together by
strategy; the records they look at come from a Snapshot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import recency
from .content import strategies, strategy
from .follow_up_rules import FOLLOW_UP_HINTS, FOLLOW_UP_RULES, follow_up_summary
from .follow_up_rules import notes_all_sent as notes_all_sent
from .kinds import has_number, kinds_of_strategy
from .repository import Record, Workspace
from .snapshot import Check as Check
from .snapshot import Snapshot as Snapshot
from .snapshot import all_or, competency_counts, plural
from .snapshot import record_marks as record_marks


def _matched_values(s: Snapshot) -> tuple[list[Record], list[Record]]:
    matched = {str(m["value"]).strip().lower() for m in s("value_match")}
    values = s("value")
    return [v for v in values if v["value"].strip().lower() in matched], values


def _concern_ok(c: Record) -> bool:
    return bool(c["answer"].strip()) and c["state"] != "open"


Rule = Callable[[Snapshot], tuple[bool | None, str]]


@dataclass(frozen=True)
class StrategyRules:
    """What one strategy's pane and dashboard line work out: its state in one line, and the
    rules its checklist items name (in content/, by rule name), and for some of those rules
    what to do while their check is not done."""

    summary: Callable[[Snapshot], str]
    rules: dict[str, Rule]
    hints: dict[str, Callable[[Snapshot], str]] = field(default_factory=dict)


# -- 1 · review previous feedback and assessments -----------------------------------------
def _feedback_summary(s: Snapshot) -> str:
    todo = sum(1 for f in s("feedback") if not f.kind.is_done(f.values))
    return (
        f"{plural(len(s('feedback')), 'feedback item')}, {todo} to address · "
        f"{plural(len(s('assessment')), 'assessment')}"
    )


FEEDBACK = StrategyRules(
    _feedback_summary,
    {
        "feedback_logged": lambda s: (
            bool(s("feedback")) or None,
            plural(len(s("feedback")), "item"),
        ),
        "improvements_planned": lambda s: (
            all_or(
                [f for f in s("feedback") if f["nature"] == "area to improve"],
                lambda f: bool(f["adjustment"].strip()),
            ),
            "",
        ),
        "assessments_reviewed": lambda s: (
            all_or(s("assessment"), lambda a: a.kind.is_done(a.values)),
            plural(len(s("assessment")), "result"),
        ),
    },
)


# -- 2 · deepen your knowledge of the company and role -----------------------------------
def _research_summary(s: Snapshot) -> str:
    gaps = sum(1 for r in s("requirement") if not r["stories"])
    older = len(s.research_marks())
    return (
        f"{plural(len(s('research')), 'research note')}"
        + (f" ({older} not recent)" if older else "")
        + " · "
        f"{plural(len(s('requirement')), 'requirement')}, {gaps} without a story"
    )


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


RESEARCH = StrategyRules(
    _research_summary,
    {
        "research_count": _research_count,
        "talking_points": lambda s: (
            all_or(s("research"), lambda r: bool(r["talking_point"].strip()), False),
            "",
        ),
        "requirements_listed": lambda s: (
            bool(s("requirement")),
            plural(len(s("requirement")), "requirement"),
        ),
        "requirements_covered": lambda s: (
            all_or(
                [r for r in s("requirement") if r["priority"] == "must-have"],
                lambda r: bool(r["stories"]),
                False,
            ),
            "",
        ),
    },
)


# -- 3 · showcase continued interest and enthusiasm --------------------------------------
INTEREST = StrategyRules(
    lambda s: (
        f"{plural(len(s('insight')), 'new insight')} · "
        f"{plural(len(s('thanks_line')), 'line of thanks', 'lines of thanks')}"
    ),
    {
        "insight_noted": lambda s: (bool(s("insight")), plural(len(s("insight")), "insight")),
        "insight_linked": lambda s: (
            all_or(s("insight"), lambda i: bool(i["strengthened"].strip()), False),
            "",
        ),
        "thanks_ready": lambda s: (
            {t["when"] for t in s("thanks_line")} >= {"opening", "closing"},
            "",
        ),
    },
)


def _all_practised(records: list[Record], s: Snapshot, said: str) -> tuple[bool, str]:
    """Whether every one of `records` was practised (none: not done), and "3 of 5 told"."""
    done = s.practised_count(records)
    return bool(records) and done == len(records), f"{done} of {len(records)} {said}"


# -- 4 · prepare additional examples and accomplishments ---------------------------------
def _examples_summary(s: Snapshot) -> str:
    stories = s("story")
    loose = sum(1 for r in stories if not has_number(r["result"]) and not has_number(r["impact"]))
    thin = sum(1 for n in competency_counts(stories).values() if n == 1)
    return (
        f"{plural(len(stories), 'story', 'stories')}, {loose} without a number · "
        f"{plural(thin, 'thin competency', 'thin competencies')}"
    )


EXAMPLES = StrategyRules(
    _examples_summary,
    {
        "stories_count": lambda s: (
            len(s("story")) >= 6,
            plural(len(s("story")), "story", "stories"),
        ),
        "stories_quantified": lambda s: (
            all_or(s("story"), lambda r: r.kind.is_done(r.values), False),
            "",
        ),
        "stories_rehearsed": lambda s: _all_practised(s("story"), s, "told"),
        "competencies_spread": lambda s: (
            sum(1 for n in competency_counts(s("story")).values() if n >= 2) >= 4,
            "",
        ),
    },
)


# -- 5 · demonstrate cultural fit ---------------------------------------------------------
def _culture_summary(s: Snapshot) -> str:
    matched, values = _matched_values(s)
    return (
        f"{plural(len(values), 'value')}, {len(values) - len(matched)} unmatched · "
        f"{plural(len(s('goal')), 'shared goal')}"
    )


CULTURE = StrategyRules(
    _culture_summary,
    {
        "values_listed": lambda s: (len(s("value")) >= 2, plural(len(s("value")), "value")),
        "values_matched": lambda s: (
            bool(s("value")) and len(_matched_values(s)[0]) == len(s("value")),
            "",
        ),
        "goals_shared": lambda s: (any(g["mission_link"].strip() for g in s("goal")), ""),
    },
)


# -- 6 · prepare thoughtful questions ----------------------------------------------------
# questions x stories past which a question counts as answered only by a linked story: each
# question is matched against every story, on every redraw of the dashboard and pane 6
SUGGEST_BUDGET = 100_000


def unanswered_questions(s: Snapshot) -> list[Record]:
    """Questions to practise with no story linked and none of your stories answering well
    (in a very large bank: with no story linked); a question naming another opportunity's
    company ("Why Northwind?" while preparing for Globex) is that company's to answer."""
    from .suggest import answered

    stories, practice = s("story"), s.own_practice()
    if len(stories) * len(practice) > SUGGEST_BUDGET:
        return [p for p in practice if not p["story"]]
    return [p for p in practice if not answered(p["text"], p["story"], stories)]


def _practice_answered(s: Snapshot) -> tuple[bool | None, str]:
    if not s.own_practice():
        return None, ""
    gaps = unanswered_questions(s)
    return not gaps, (plural(len(gaps), "question") + " without a story") if gaps else ""


def _questions_summary(s: Snapshot) -> str:
    asked = len(s.asked_questions())  # in the rounds of this opportunity
    practice = s.own_practice()  # those naming another opportunity's company are its own
    practised = s.practised_count(practice)
    return (
        f"{len(s('question'))} to ask, {asked} asked · "
        f"{len(practice)} to practise, {practised} practised"
    )


QUESTIONS = StrategyRules(
    _questions_summary,
    {
        "questions_ready": lambda s: (
            len(s("question")) >= 5 and sum(q["priority"] == "high" for q in s("question")) >= 2,
            "",
        ),
        "questions_spread": lambda s: (
            any(q["category"] == "clarification" for q in s("question"))
            and any(q["category"] in ("team", "future projects", "growth") for q in s("question")),
            "",
        ),
        "practice_done": lambda s: _all_practised(s.own_practice(), s, "rehearsed"),
        "practice_answered": _practice_answered,
    },
)


# -- 7 · address any concerns or doubts ---------------------------------------------------
def _concerns_summary(s: Snapshot) -> str:
    concerns = s("concern")
    still_open = sum(1 for c in concerns if c["state"] == "open")
    return f"{plural(len(concerns), 'concern')}, {still_open} open"


CONCERNS = StrategyRules(
    _concerns_summary,
    {
        "concerns_listed": lambda s: (
            bool(s("concern")) or None,
            plural(len(s("concern")), "concern"),
        ),
        "answers_ready": lambda s: (all_or(s("concern"), _concern_ok), ""),
        "steps_shown": lambda s: (
            all_or(
                [c for c in s("concern") if c["nature"] == "weakness"],
                lambda c: bool(c["steps"].strip()),
            ),
            "",
        ),
    },
)


# -- 8 · follow up strategically: its rules in follow_up_rules.py -----------------------
FOLLOW_UP = StrategyRules(follow_up_summary, FOLLOW_UP_RULES, FOLLOW_UP_HINTS)


# The rules of each strategy, by its number.
STRATEGY_RULES: dict[int, StrategyRules] = {
    1: FEEDBACK,
    2: RESEARCH,
    3: INTEREST,
    4: EXAMPLES,
    5: CULTURE,
    6: QUESTIONS,
    7: CONCERNS,
    8: FOLLOW_UP,
}
# Every checklist rule by name.
RULES: dict[str, Rule] = {
    name: rule for rules in STRATEGY_RULES.values() for name, rule in rules.rules.items()
}
HINTS: dict[str, Callable[[Snapshot], str]] = {
    name: hint for rules in STRATEGY_RULES.values() for name, hint in rules.hints.items()
}


def _by_round(snap: Snapshot, kind_name: str) -> list[Record]:
    """Records grouped by their round, earliest round first; those without one last."""
    from .rounds import rounds_of

    order = {r.id: n for n, r in enumerate(rounds_of(snap.ws, snap.opportunity))}
    return sorted(snap(kind_name), key=lambda r: (order.get(r["round"], len(order)), r.id))


def _rounds_in_time(snap: Snapshot, kind_name: str) -> list[Record]:
    from .rounds import in_time_order

    return in_time_order(snap(kind_name))


# Kinds whose lists have an order of their own: rounds by time, and what belongs to a round
# (interviewers, questions asked, your questions asked) by its round.
ORDERS: dict[str, Callable[[Snapshot, str], list[Record]]] = {
    "round": _rounds_in_time,
    "interviewer": _by_round,
    "asked": _by_round,
    "asked_them": _by_round,
}


def listed(snap: Snapshot, kind_name: str) -> list[Record]:
    """The records of a kind in the order its list shows them."""
    rule = ORDERS.get(kind_name)
    return rule(snap, kind_name) if rule is not None else snap(kind_name)


def checklist(ws: Workspace, number: int, snap: Snapshot | None = None) -> list[Check]:
    snap = snap or Snapshot(ws)
    checks = []
    for item in strategy(number).checklist:
        snap.let_keys_first()
        done, detail = RULES[item.rule](snap)
        hint = HINTS[item.rule](snap) if done is False and item.rule in HINTS else ""
        checks.append(Check(item.text, done, detail, hint))
    return checks


def summary(ws: Workspace, number: int, snap: Snapshot | None = None) -> str:
    """One line of state for a strategy, e.g. '7 stories, 2 without a number'; '' while it
    holds no record at all ('0 stories, 0 without a number' would say nothing)."""
    if number not in STRATEGY_RULES:
        raise ValueError(f"no strategy {number}")
    snap = snap or Snapshot(ws)
    snap.let_keys_first()
    if not any(snap(k.name) for k in kinds_of_strategy(number)):
        return ""
    return STRATEGY_RULES[number].summary(snap)


def figure(ws: Workspace, opportunity: int | None = None) -> tuple[int, int, list[str]]:
    """How ready an opportunity is: (checks done, checks that apply, the checks not done)."""
    snap = Snapshot(ws, opportunity=opportunity)
    done, total, missing = 0, 0, []
    for st in strategies():
        for check in checklist(ws, st.number, snap):
            if check.done is None:
                continue
            total += 1
            if check.done:
                done += 1
            else:
                missing.append(f"{st.number} · {check.text}")
    return done, total, missing


def progress(checks: list[Check]) -> str:
    """'2/3': the checks done of those that apply; '' when none applies yet (no feedback or
    concern written down: "0/0" would say nothing)."""
    applicable = [c for c in checks if c.done is not None]
    if not applicable:
        return ""
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
