"""Rounds of an opportunity: their times in their own zones, the next one, the round a new
record most likely belongs to, and how a picker names them (who heard what: round_plans.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from . import clock
from .field_values import which_of_two
from .repository import Record, Workspace
from .round_times import which_text
from .validation import parse_datetime, zone_exists

DEFAULT_LENGTH = timedelta(hours=1)  # a round with a start and no end


def zone_of(round_: Record) -> tzinfo | None:
    """The round's time zone; None: this computer's."""
    name = str(round_["zone"] or "")
    return ZoneInfo(name) if name and zone_exists(name) else None


def _wall(text: str) -> datetime | None:
    try:
        return parse_datetime(text)
    except (ValueError, TypeError):
        return None


def to_local(when: datetime, zone: tzinfo | None) -> datetime:
    """A wall-clock time in `zone` as a wall-clock time on this computer."""
    if zone is None:
        return when
    return when.replace(tzinfo=zone).astimezone().replace(tzinfo=None)


def wall_times(round_: Record) -> tuple[datetime | None, datetime | None]:
    """(start, end) as written, in the round's zone; the end is an hour after a lone start."""
    start, end = _wall(round_["start_at"]), _wall(round_["end_at"])
    if end is None and start is not None:
        end = start + DEFAULT_LENGTH
    if start is None and end is not None:
        start = end - DEFAULT_LENGTH
    return start, end


def local_times(round_: Record) -> tuple[datetime | None, datetime | None]:
    """(start, end) on this computer's clock, for countdowns and deadlines."""
    zone = zone_of(round_)
    start, end = wall_times(round_)
    return (
        None if start is None else to_local(start, zone),
        None if end is None else to_local(end, zone),
    )


def rounds_of(ws: Workspace, opportunity: int | None = None) -> list[Record]:
    """The rounds of an opportunity (default: the active one), earliest first; rounds
    without a time last, in the order they were added."""
    return in_time_order(ws.scoped_records("round", opportunity))


def in_time_order(records: list[Record]) -> list[Record]:
    """Rounds earliest first; those without a time last, in the order they were added."""

    def order(r: Record) -> tuple[bool, datetime, int]:
        start = local_times(r)[0]
        return (start is None, start or datetime.min, r.id)

    return sorted(records, key=order)


def has_ended(round_: Record, now: datetime | None = None) -> bool:
    end = local_times(round_)[1]
    return end is not None and end <= (now or clock.now())


def next_round(rounds: list[Record], now: datetime | None = None) -> Record | None:
    """The first round not yet over (under way counts), among `rounds` sorted by rounds_of."""
    now = now or clock.now()
    for r in rounds:
        start, end = local_times(r)
        if end is not None and end > now:
            return r
    return None


def opportunity_times(opportunity: Record) -> tuple[datetime | None, datetime | None]:
    """(start, end) of the interview the opportunity itself names, on this computer's clock:
    an hour from its time, as the calendar holds it. The interview of an opportunity with no
    round."""
    start = _wall(str(opportunity["interview_at"] or ""))
    return start, None if start is None else start + DEFAULT_LENGTH


def named_interview(
    opportunity: Record, rounds: list[Record], now: datetime | None = None
) -> datetime | None:
    """The start of the interview the opportunity itself names, while it is not over and no
    round starts on its day; else None. A candidate who logs today's first round in pane 8
    keeps tomorrow's interview counted, until a round on that day takes its place."""
    start, end = opportunity_times(opportunity)
    if start is None or end is None or end <= (now or clock.now()):
        return None
    if round_on_day(rounds, start):
        return None
    return start


def round_on_day(rounds: list[Record], moment: datetime) -> bool:
    """Whether one of `rounds` starts on the day of `moment` (it then stands for the interview
    an opportunity names for that day)."""
    starts = (local_times(r)[0] for r in rounds)
    return any(s is not None and s.date() == moment.date() for s in starts)


def counts_named(opportunity: Record, rounds: list[Record], now: datetime | None = None) -> bool:
    """Whether the interview the opportunity names comes before any round not yet over."""
    named = named_interview(opportunity, rounds, now)
    if named is None:
        return False
    upcoming = next_round(rounds, now)
    return upcoming is None or (local_times(upcoming)[0] or named) > named


def interview_time(
    ws: Workspace, opportunity: Record, now: datetime | None = None
) -> datetime | None:
    """When the candidate is next interviewed for `opportunity`, on this computer's clock: the
    start of the round `interview.interview_round` names, else the time the opportunity itself
    names. Urgency is measured against it."""
    from .interview import interview_round

    target = interview_round(ws, opportunity, now)
    if target is not None:
        return local_times(target)[0]
    return opportunity_times(opportunity)[0]


def countdown(ws: Workspace, opportunity: Record, now: datetime | None = None) -> str:
    """'final round in 23 h 30 m', 'first round under way', or the opportunity's own
    interview time when it has no rounds or comes before them (see named_interview)."""
    from .timing import interview_countdown, span

    now = now or clock.now()
    rounds = rounds_of(ws, opportunity.id)
    if counts_named(opportunity, rounds, now):
        return interview_countdown(str(opportunity["interview_at"] or ""), now)
    upcoming = next_round(rounds, now)
    if upcoming is not None:
        start, end = local_times(upcoming)
        name = in_sentence(upcoming.title)
        if start is not None and start > now:
            return f"{name} in {span(start - now)}"
        return f"{name} under way" + (f", {span(end - now)} to go" if end else "")
    timed = [r for r in rounds if local_times(r)[1] is not None]
    if timed:
        last = timed[-1]
        end = local_times(last)[1]
        assert end is not None
        return f"{in_sentence(last.title)} ended {span(now - end)} ago"
    return interview_countdown(str(opportunity["interview_at"] or ""), now)


def round_line(round_: Record) -> str:
    """'Final round · Thu 12 Mar 10:00-13:00 Europe/Amsterdam · panel · on site'; a time the
    zone's clock shows twice says which of the two it is: '01:30 (first, EDT)'."""
    start, end = wall_times(round_)
    parts = [round_.title]
    if start is not None and end is not None:
        zone = zone_of(round_)
        same_day = start.date() == end.date()
        until = end.strftime("%H:%M") if same_day else end.strftime("%a %d %b %H:%M")
        until += which_text(end, which_of_two(round_["end_at"]), zone)
        begins = start.strftime("%a %d %b %H:%M")
        parts.append(f"{begins}{which_text(start, which_of_two(round_['start_at']), zone)}-{until}")
        parts[-1] += f" {round_['zone'] or 'local time'}"
    else:
        parts.append("time not set")
    parts.append(str(round_["conversation"]))
    parts.append(str(round_["format"]))
    return " · ".join(p for p in parts if p)


def in_sentence(title: str) -> str:
    """'Final round' -> 'final round' inside a sentence; a first word with another capital
    is an acronym and keeps them all ('CTO interview', 'HR screen')."""
    word = title.split()[0] if title.split() else ""
    return title if any(c.isupper() for c in word[1:]) else title[:1].lower() + title[1:]


def the(title: str) -> str:
    """'First round' -> 'the first round', as said inside a sentence."""
    return f"the {in_sentence(title)}" if title[:1].isupper() else title


def debriefs_due(
    ws: Workspace, opportunity: int | None = None, now: datetime | None = None
) -> list[Record]:
    """Rounds that have ended and hold no question asked yet: a debrief to write."""
    asked_in = {a["round"] for a in ws.scoped_records("asked", opportunity)}
    return [r for r in rounds_of(ws, opportunity) if has_ended(r, now) and r.id not in asked_in]


def rounds_without_people(
    ws: Workspace, opportunity: int | None = None, now: datetime | None = None
) -> list[Record]:
    """Rounds still to come with no interviewer recorded: whom the candidate will meet, and
    so whom to thank after, is missing."""
    now = now or clock.now()
    listed = {p["round"] for p in ws.scoped_records("interviewer", opportunity)}
    return [r for r in rounds_of(ws, opportunity) if r.id not in listed and to_come(r, now)]


def to_come(round_: Record, now: datetime) -> bool:
    """Whether the round starts after `now` (one with no start counts as not yet started)."""
    return (local_times(round_)[0] or now) > now


def add_who_you_meet(round_: Record) -> str:
    """'Add who you will meet in the second round (Tue 01 Dec)': for a round in
    rounds_without_people."""
    start = wall_times(round_)[0]
    day = f" ({start:%a %d %b})" if start is not None else ""
    return f"Add who you will meet in {the(round_.title)}{day}"


# the note template that suits a kind of round best; others keep the form's default
TEMPLATE_FOR = {"panel": "panel", "presentation": "presentation"}


def round_for_people(rounds: list[Record], now: datetime | None = None) -> Record | None:
    """The round a new interviewer most likely belongs to, among `rounds` sorted by rounds_of:
    the next one not yet over, else the one held last, else the one added last."""
    upcoming = next_round(rounds, now)
    if upcoming is not None:
        return upcoming
    ended = [r for r in rounds if has_ended(r, now)]
    if ended:
        return ended[-1]
    return max(rounds, key=lambda r: r.id) if rounds else None


def defaults_for(
    ws: Workspace, kind_name: str, now: datetime | None = None
) -> dict[str, int | str]:
    """The round a new record most likely belongs to: a new interviewer to the next round, or
    the one held last (with the note template that suits it), a question asked, a feedback
    item or a concern to the round that ended last; a question asked in a round with one
    interviewer was asked by them."""
    rounds = rounds_of(ws)
    if kind_name == "interviewer":
        chosen = round_for_people(rounds, now)
        if chosen is None:
            return {}
        template = TEMPLATE_FOR.get(str(chosen["conversation"]))
        return {"round": chosen.id, **({"template": template} if template else {})}
    if kind_name in ("asked", "feedback", "concern"):
        ended = [r for r in rounds if has_ended(r, now)]
        if not ended:
            return {}
        held = ended[-1].id
        if kind_name == "asked":
            asker = only_interviewer(ws.scoped_records("interviewer"), held)
            if asker is not None:
                return {"round": held, "by": asker}
        return {"round": held}
    return {}


def only_interviewer(people: list[Record], round_id: object) -> int | None:
    """The one interviewer of `people` met in round `round_id`, who asked a question there;
    None for a round with several, none, or no round."""
    met = [p.id for p in people if round_id is not None and p["round"] == round_id]
    return met[0] if len(met) == 1 else None


def choices(ws: Workspace, target: str) -> list[Record]:
    """What a link to `target` can pick from: the active opportunity's records of a kind that
    belongs to one (its rounds in time order, its interviewers by round), a bank whole."""
    if target == "round":
        return rounds_of(ws)
    records = ws.scoped_records(target)
    if target == "interviewer":
        order = {r.id: n for n, r in enumerate(rounds_of(ws))}
        records.sort(key=lambda p: (order.get(p["round"], len(order)), p.id))
    return records


def round_label(rounds: list[Record], round_: Record, now: datetime | None = None) -> str:
    """How a picker names a round so the one chosen for you says why: 'First round · the only
    round', 'Final round · next', 'Second round · held last'."""
    if len(rounds) == 1:
        return f"{round_.title} · the only round"
    now = now or clock.now()
    upcoming = next_round(rounds, now)
    if upcoming is not None and round_.id == upcoming.id:
        start = local_times(round_)[0]
        return f"{round_.title} · " + (
            "under way" if start is not None and start <= now else "next"
        )
    ended = [r for r in rounds if has_ended(r, now)]
    if ended and round_.id == ended[-1].id:
        return f"{round_.title} · held last"
    return round_.title


def choice_labels(ws: Workspace, target: str, records: list[Record]) -> dict[int, str]:
    """How a picker names the records of `target` where a title alone can be ambiguous: an
    interviewer met in two rounds is 'Marta Jensen · First round' and '… · Final round'; a
    round says whether it is the only one, the next or the one held last."""
    if target == "round":
        now = clock.now()
        return {r.id: round_label(records, r, now) for r in records}
    if target != "interviewer":
        return {}
    names = {r.id: r.title for r in rounds_of(ws)}
    return {
        p.id: f"{p.title} · {names[p['round']]}" if p["round"] in names else p.title
        for p in records
    }


def carry_forward(ws: Workspace, asked: Record, into: str) -> dict[str, object]:
    """A new feedback item or concern for the next round, from what you noticed about a
    question asked in a debrief."""
    person = None
    if asked["by"] is not None:
        try:
            person = ws.get("interviewer", asked["by"])
        except KeyError:
            person = None
    noticed = str(asked["notes"]).strip() or f"They asked: {asked['text']}"
    who = person.title if person is not None else ""
    if into == "concern":
        return {"raised": noticed, "by": who, "round": asked["round"]}
    day = ""
    if asked["round"] is not None:
        try:
            start = wall_times(ws.get("round", asked["round"]))[0]
            day = start.date().isoformat() if start is not None else ""
        except KeyError:
            day = ""
    return {
        "said": noticed,
        "source": f"my debrief of {asked['text']}" if not who else f"debrief: asked by {who}",
        "date": day,
        "round": asked["round"],
        "nature": "area to improve",
    }
