"""The day-of one-pager for the next round: logistics and countdown, who you meet and what
you plan for each, the must-haves with their best story, what your questions brought in
earlier rounds, the concerns with your answers."""

from __future__ import annotations

from datetime import datetime

from . import clock, round_plans, rounds
from .formatting import one_line, visible
from .key_names import key_of
from .kinds import has_number
from .questions_asked import asked_earlier
from .repository import Record, Workspace
from .rounds import opportunity_times


def _best_story(ids: list[int], stories: dict[int, Record]) -> Record | None:
    """The first linked story with a number in its result, else the first linked one."""
    linked = [stories[i] for i in ids if i in stories]
    quantified = [s for s in linked if has_number(s["result"]) or has_number(s["impact"])]
    chosen = quantified or linked
    return chosen[0] if chosen else None


def _round_logistics(
    ws: Workspace, opportunity: Record, target: Record, now: datetime
) -> list[str]:
    start, end = rounds.local_times(target)
    out = [f"## {rounds.round_line(target)}", ""]
    out.append(f"- Countdown: {rounds.countdown(ws, opportunity, now)}")
    if start is not None and end is not None and target["zone"]:
        until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a %d %b %H:%M}"
        out.append(f"- On your clock: {start:%a %d %b %H:%M}-{until}")
    if target["place"]:
        out.append(f"- Where: {one_line(target['place'], 100)}")
    if target["notes"]:
        out.append(f"- Notes: {one_line(target['notes'], 200)}")
    return [*out, ""]


def _interview_logistics(ws: Workspace, opportunity: Record, now: datetime) -> list[str]:
    """The interview the opportunity names, for an opportunity with no round on its day."""
    start, end = opportunity_times(opportunity)
    assert start is not None and end is not None
    v = opportunity.values
    line = " · ".join(
        p
        for p in (
            f"{str(v['round']).capitalize()} interview",
            f"{start:%a %d %b %H:%M}-{end:%H:%M} local time",
            str(v["format"]),
        )
        if p
    )
    return [
        f"## {line}",
        "",
        f"- Countdown: {rounds.countdown(ws, opportunity, now)}",
        (
            "- Rounds: none on this day in pane 8 (add it there for a time in another zone"
            " and its panel)"
            if rounds.rounds_of(ws, opportunity.id)
            else "- Rounds: none yet (add them in pane 8 for times in other zones and panels)"
        ),
        "",
    ]


def day_of_brief(ws: Workspace, opportunity: Record, now: datetime | None = None) -> str:
    """The one-pager as Markdown, for the opportunity's next round (its last one when all
    have passed)."""
    now = now or clock.now()
    v = opportunity.values
    all_rounds = rounds.rounds_of(ws, opportunity.id)
    target = rounds.next_round(all_rounds, now) or (all_rounds[-1] if all_rounds else None)
    if rounds.counts_named(opportunity, all_rounds, now):
        target = None  # the interview the opportunity names comes first, on a day of no round
    stories = ws.stories_by_id()
    out = [f"# Day-of brief: {v['company']} — {v['role']}", ""]
    people = ws.scoped_records("interviewer", opportunity.id)
    order = {r.id: n for n, r in enumerate(all_rounds)}
    asked_before: dict[int, Record] = {}  # your questions asked in an earlier round
    if target is not None:
        out += _round_logistics(ws, opportunity, target, now)
        panel = [p for p in people if p["round"] == target.id]
        asked_before = asked_earlier(ws, target)
    elif opportunity_times(opportunity)[0] is not None:
        # no round yet, or none on its day: the interview the opportunity names, as the header
        # and calendar say
        out += _interview_logistics(ws, opportunity, now)
        panel = [p for p in people if p["round"] not in order]
    else:
        keys = f"{key_of('switch-opportunity')}, then {key_of('opportunity-edit')}"
        out += [
            f"No interview time yet: give the opportunity one ({keys}) or add a round in pane 8.",
            "",
        ]
        return visible("\n".join(out))

    questions = {q.id: q for q in ws.all_records("question")}
    warnings = round_plans.plan_warnings(ws, opportunity.id, now)
    names = {r.id: r.title for r in all_rounds}
    here = order.get(target.id, len(order)) if target is not None else len(order)
    out += [f"## Who you meet ({len(panel)})", ""]
    if target is not None and not panel and rounds.to_come(target, now):
        # whom to plan for, and to thank after: nobody recorded yet
        out += [
            f"- In pane 8, add who you will meet in {rounds.the(target.title)}, so their thank-you "
            "notes can be prepared.",
            "",
        ]
    for person in panel:
        head = f"### {person.title}" + (f" — {person['title']}" if person["title"] else "")
        out += [head, ""]
        key = round_plans.person_key(person.title)
        before = [
            p
            for p in people
            if round_plans.person_key(p.title) == key
            and p["round"] != person["round"]
            and order.get(p["round"], len(order)) < here
        ]
        for earlier in before:
            if earlier["discussed"]:
                out.append(f"- Discussed before: {one_line(earlier['discussed'], 160)}")
            if earlier["moment"]:
                out.append(f"- Worth recalling: {one_line(earlier['moment'], 160)}")
        if person["discussed"] and not before:
            out.append(f"- About: {one_line(person['discussed'], 160)}")
        planned = [stories[i].title for i in person["plan_stories"] if i in stories]
        out.append("- Stories: " + ("; ".join(planned) if planned else "none planned"))
        asks = [
            questions[i].title
            + (
                f" (asked in {rounds.the(names.get(asked_before[i]['round'], ''))})"
                if i in asked_before
                else ""
            )
            for i in person["plan_questions"]
            if i in questions
        ]
        out.append("- Ask: " + (" / ".join(asks) if asks else "no question planned"))
        for w in warnings:
            if w.record_id == person.id:
                out.append(f"- ⚠ {w.text}")
        out.append("")

    musts = [
        r for r in ws.scoped_records("requirement", opportunity.id) if r["priority"] == "must-have"
    ]
    out += ["## Must-haves and your best story", ""]
    for req in musts:
        story = _best_story(req["stories"], stories)
        proof = "no story yet: a gap"
        if story is not None:
            proof = story.title + (f" ({story['impact']})" if story["impact"] else "")
        out.append(f"- {one_line(req.title, 90)} — {proof}")
    if not musts:
        out.append("(no must-have requirement listed)")
    out.append("")

    heard = [a for a in asked_before.values() if str(a["answer"]).strip()]
    if heard:
        out += ["## What you heard in earlier rounds", ""]
        for a in heard:
            out.append(f"- {one_line(a.title, 90)} — {one_line(a['answer'], 160)}")
        out.append("")

    concerns = ws.scoped_records("concern", opportunity.id)
    out += ["## Concerns and your answers", ""]
    for c in concerns:
        by = f" ({c['by']})" if c["by"] else ""
        out.append(f"- {one_line(c.title, 100)}{by}")
        out.append(f"  - {one_line(c['answer'], 200) if c['answer'] else 'no answer yet'}")
    if not concerns:
        out.append("(none raised)")
    out.append("")

    carry = [
        f
        for f in ws.scoped_records("feedback", opportunity.id)
        if f["nature"] == "area to improve" and f["adjustment"]
    ]
    if carry:
        out += ["## Carry forward", ""]
        out += [f"- {one_line(f['adjustment'], 160)}" for f in carry]
        out.append("")
    return visible("\n".join(out).rstrip() + "\n")
