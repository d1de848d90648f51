"""Who heard which story at an opportunity, and what to warn about in the plan for a round
before a story goes to the same person or panel twice."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from . import clock
from .note_words import join_list
from .repository import Record, Workspace
from .rounds import has_ended, rounds_of, the


# -- who heard what --------------------------------------------------------------------------
def person_key(name: str) -> str:
    """The same person across rounds: their name, spacing and case aside."""
    return " ".join(str(name).split()).casefold()


class Told(NamedTuple):
    """A story told to one person in one round (from a debrief or an interviewer's record)."""

    story: int
    person: str  # their name, as written
    round: int | None
    interviewer: int | None


def told_log(ws: Workspace, opportunity: int | None = None) -> list[Told]:
    """Every story told at an opportunity: from the debriefs (the story used for each
    question) and from what each interviewer's record says came up."""
    people = {i.id: i for i in ws.scoped_records("interviewer", opportunity)}
    log: list[Told] = []
    for a in ws.scoped_records("asked", opportunity):
        if a["story"] is None:
            continue
        who = people.get(a["by"]) if a["by"] is not None else None
        log.append(Told(a["story"], who.title if who else "", a["round"], who.id if who else None))
    for i in people.values():
        if i["story"] is not None:
            log.append(Told(i["story"], i.title, i["round"], i.id))
    return list(dict.fromkeys(log))


def told_everywhere(ws: Workspace) -> dict[int, list[tuple[str, str, str]]]:
    """{story id: [(company, round, person)]}: where each story of the bank was told."""
    companies = {o.id: str(o["company"]) for o in ws.opportunities()}
    rounds = {r.id: r for r in ws.all_records("round")}
    found: dict[int, list[tuple[str, str, str]]] = {}
    for opp_id, company in companies.items():
        for t in told_log(ws, opp_id):
            round_ = rounds.get(t.round) if t.round is not None else None
            where = (company, round_.title if round_ else "", t.person)
            if where not in found.setdefault(t.story, []):
                found[t.story].append(where)
    return found


def told_at(ws: Workspace, opportunity: Record) -> set[int]:
    """The stories already told at the opportunity's company, in any of its opportunities."""
    company = " ".join(str(opportunity["company"]).split()).casefold()
    return {
        story
        for story, places in told_everywhere(ws).items()
        if any(" ".join(c.split()).casefold() == company for c, _, _ in places)
    }


# -- warnings before a round ----------------------------------------------------------------
class Warning(NamedTuple):
    """Something to fix in the plan for a round; `record` is where to fix it."""

    text: str
    kind_name: str
    record_id: int
    round: int


def plan_warnings(
    ws: Workspace, opportunity: int | None = None, now: datetime | None = None
) -> list[Warning]:
    """For each round not yet over: a story planned for two people of the round, a story a
    person already heard in an earlier round, an interviewer with no question planned."""
    now = now or clock.now()
    rounds = rounds_of(ws, opportunity)
    people = ws.scoped_records("interviewer", opportunity)
    stories = {s.id: s for s in ws.all_records("story")}
    log = told_log(ws, opportunity)
    names = {r.id: r.title for r in rounds}
    order = {r.id: n for n, r in enumerate(rounds)}
    out: list[Warning] = []
    for r in rounds:
        if has_ended(r, now):
            continue
        panel = [i for i in people if i["round"] == r.id]
        planned_by: dict[int, list[Record]] = {}
        for person in panel:
            for story_id in person["plan_stories"]:
                planned_by.setdefault(story_id, []).append(person)
        for story_id, who in planned_by.items():
            if len(who) > 1 and story_id in stories:
                listed = join_list(p.title for p in who)
                out.append(
                    Warning(
                        f"Give {listed} different stories: each has "
                        f"“{stories[story_id].title}” planned in {the(r.title)}",
                        "interviewer",
                        who[-1].id,
                        r.id,
                    )
                )
        for person in panel:
            key = person_key(person.title)
            for story_id in person["plan_stories"]:
                for t in log:
                    earlier = t.round is not None and order.get(t.round, -1) < order[r.id]
                    if (
                        t.story == story_id
                        and earlier
                        and t.round != r.id
                        and person_key(t.person) == key
                        and story_id in stories
                    ):
                        out.append(
                            Warning(
                                f"Plan a new example for {person.title}: they heard "
                                f"“{stories[story_id].title}” in "
                                f"{the(names.get(t.round or 0, 'an earlier round'))}",
                                "interviewer",
                                person.id,
                                r.id,
                            )
                        )
                        break
            if not person["plan_questions"]:
                out.append(
                    Warning(
                        f"No question planned for {person.title} ({r.title})",
                        "interviewer",
                        person.id,
                        r.id,
                    )
                )
    return out
