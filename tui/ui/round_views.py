"""The views of rounds: the warnings about the plans, a round with its debrief scorecard,
an interviewer with their plan, a story with where it was told, and a question of yours with
the rounds that asked it and the answers heard there."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from ..core import questions_asked, round_plans, rounds
from ..core.formatting import one_line, state_text
from ..core.key_names import key_of
from ..core.repository import Record, Workspace
from ..core.scorecard import Scorecard, round_scorecard
from .note_view import note_view
from .widgets import PlainStatic, detail_content, join, plain, styled


def _lines(record: Record, ws: Workspace, stories: dict[int, Record]) -> list[Content]:
    return detail_content(record, stories, ws.links_for(record))


def scorecard_lines(card: Scorecard) -> list[Content]:
    """The prediction scorecard of some questions asked, with the lists behind it."""
    out = [styled("Prediction scorecard", "bold")]
    out += [plain(line) for line in card.lines()]
    for title, items in (
        ("In your bank before the round", card.predicted),
        ("Added to your bank only after the round began", card.late),
        ("Not in your bank before the round (the debrief added them)", card.surprises),
        ("Practised and asked", card.came),
        ("Practised, not asked", card.did_not_come),
    ):
        if items:
            out.append(styled(f"{title}:", "dim"))
            out += [plain(f"  · {item}") for item in items]
    return out


def round_detail(ws: Workspace, record: Record, stories: dict[int, Record]) -> Content:
    """A round: when and where, who, and once it has ended its debrief."""
    lines: list[Content] = [
        styled(rounds.round_line(record), "bold"),
        styled(_status(record), "cyan"),
    ]
    card = round_scorecard(ws, record)
    if card.asked:
        lines += scorecard_lines(card)
    elif rounds.has_ended(record):
        lines.append(
            styled(
                "Debrief: add the questions they asked under “Questions asked” "
                f"({key_of('new')} there).",
                "bold yellow",
            )
        )
    mine = [
        a for a in ws.scoped_records("asked_them", record.opportunity) if a["round"] == record.id
    ]
    if mine:
        lines.append(styled("Your questions asked, and what you heard", "bold"))
        for a in mine:
            lines.append(plain(f"  · {a.title}"))
            heard = str(a["answer"]).strip()
            lines.append(
                plain(f"    {one_line(heard, 300)}")
                if heard
                else styled("    no answer noted", "dim")
            )
    elif rounds.has_ended(record):
        flip = key_of("flip-state")
        lines.append(styled(f"Your own questions: {flip} on each you asked, in pane 6.", "dim"))
    people = [
        i for i in ws.scoped_records("interviewer", record.opportunity) if i["round"] == record.id
    ]
    if people:
        lines.append(styled("Interviewers", "bold"))
        lines += [
            plain(f"  · {p.title}" + (f", {p['title']}" if p["title"] else "")) for p in people
        ]
    lines.append(Content(""))
    lines += _lines(record, ws, stories)
    return Content("\n").join(lines)


def _status(record: Record) -> str:
    from ..core import clock
    from ..core.timing import span

    start, end = rounds.local_times(record)
    now = clock.now()
    if start is None or end is None:
        return "time not set"
    if now < start:
        return f"starts in {span(start - now)}"
    if now < end:
        return "under way"
    return f"ended {span(now - end)} ago"


def interviewer_detail(ws: Workspace, record: Record, stories: dict[int, Record]) -> Content:
    """An interviewer: their plan and its warnings, then the thank-you note."""
    lines: list[Content] = []
    links = ws.links_for(record)
    round_ = links.get("round", {}).get(record["round"]) if record["round"] else None
    told = round_plans.told_everywhere(ws)
    if round_ is not None and not rounds.has_ended(round_):
        lines.append(join(styled("Plan for ", "bold"), plain(f"{record.title} · {round_.title}")))
        for story_id in record["plan_stories"]:
            story = stories.get(story_id)
            if story is None:
                continue
            where = told.get(story_id, [])
            said = "; ".join(f"{c}, {r}, {p}" for c, r, p in where)
            lines.append(
                join(
                    plain(f"  story: {story.title}"),
                    styled(f"  (told: {said})" if said else "", "dim"),
                )
            )
        earlier = questions_asked.asked_earlier(ws, round_)
        for question_id in record["plan_questions"]:
            question = links.get("question", {}).get(question_id)
            if question is not None:
                before = earlier.get(question_id)
                lines.append(
                    join(
                        plain(f"  ask: {question.title}"),
                        styled(f"  (asked in {rounds.the(_round_title(ws, before))})", "dim")
                        if before is not None
                        else Content(""),
                    )
                )
        if not record["plan_stories"] and not record["plan_questions"]:
            lines.append(
                styled(
                    f"  nothing planned yet: {key_of('edit')}, then pick stories and questions",
                    "dim",
                )
            )
        for warning in round_plans.plan_warnings(ws, record.opportunity):
            if warning.record_id == record.id:
                lines.append(styled(f"⚠ {warning.text}", "bold yellow"))
        lines.append(Content(""))
    lines.append(note_view(record, stories, links))
    return Content("\n").join(lines)


def _round_title(ws: Workspace, asked: Record) -> str:
    try:
        return ws.get("round", asked["round"]).title
    except (KeyError, TypeError):
        return "an earlier round"


def question_detail(ws: Workspace, record: Record, stories: dict[int, Record]) -> Content:
    """A question of your bank to ask: first each round that asked it with the answer heard
    there (as a story says where it was told), then its fields."""
    heard = questions_asked.where_asked(ws, record.id)
    lines: list[Content] = []
    if not heard:
        flip = key_of("flip-state")
        lines.append(styled(f"Asked: not yet ({flip} marks it asked in a round)", "cyan"))
    for h in heard:
        where = ", ".join(p for p in (h.company, h.round, h.person) if p)
        answer = one_line(h.answer, 300) if h.answer.strip() else "no answer noted yet"
        lines.append(join(styled(f"Asked: {where}", "cyan"), plain(f" — {answer}")))
    return Content("\n").join(lines + _lines(record, ws, stories))


def story_detail(ws: Workspace, record: Record, stories: dict[int, Record]) -> Content:
    """A story of the bank, with where it was told (company, round, person)."""
    lines = _lines(record, ws, stories)
    flag = state_text(record)
    if flag and not record.kind.is_done(record.values):
        lines.insert(0, styled(f"⚑ {flag}", "bold yellow"))
    where = round_plans.told_everywhere(ws).get(record.id, [])
    lines.insert(
        0,
        styled("Told: " + ("; ".join(f"{c}, {r}, {p}" for c, r, p in where) or "not yet"), "cyan"),
    )
    return Content("\n").join(lines)


class PlanWarnings(PlainStatic):
    """What to fix before the rounds to come, and the debriefs still to write."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", classes="plan-warnings pane-extra", id="plan-warnings", **kwargs)

    def show_from(self, ws: Workspace, stories: dict[int, Record]) -> None:
        warnings = round_plans.plan_warnings(ws)
        due = rounds.debriefs_due(ws)
        parts = [styled(f"⚠ {w.text}", "bold yellow") for w in warnings]
        parts += [
            styled(f"✎ Debrief {rounds.the(r.title)}: which questions came?", "bold cyan")
            for r in due
        ]
        for r in rounds.rounds_without_people(ws):
            parts.append(
                styled(
                    f"✎ {rounds.add_who_you_meet(r)}, so their thank-you notes can be prepared.",
                    "bold cyan",
                )
            )
        if not any(not rounds.has_ended(r) for r in rounds.rounds_of(ws)):
            # the plans are checked for rounds still to come: with none, none passes or fails
            parts.append(
                styled(
                    "– No round ahead: the plans (a story and a question for each interviewer) "
                    "are checked for the next round you add.",
                    "dim",
                )
            )
        elif not parts:
            parts = [styled("✓ No repeated story and no interviewer without a question.", "green")]
        self.set_text(Content("\n").join(parts))
