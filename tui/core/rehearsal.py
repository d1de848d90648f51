"""What can be rehearsed out loud, and the attempts at it: prompts, the notes to compare with,
how long a story takes to tell, and each item's attempts in numbers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from statistics import median

from .key_names import key_of
from .kinds import has_number
from .repository import Record, Workspace
from .validation import parse_datetime

WORDS_A_MINUTE = 140  # a calm speaking pace; the "speaking_rate" setting changes it
LONG_AFTER = 150  # seconds: a story longer than 2:30 loses the listener


def item_key(record: Record) -> str:
    """How an attempt names its item: 'story:3'."""
    return f"{record.kind.name}:{record.id}"


@dataclass(frozen=True)
class Drill:
    """How one kind of record is rehearsed."""

    prompt: Callable[[Record], str]  # what to answer, shown first
    reveal: tuple[tuple[str, str], ...]  # (label, field): the notes to compare with
    not_ready: Callable[[Record], str]  # why it cannot be drilled yet ('' when it can)


def _empty(field: str, why: str) -> Callable[[Record], str]:
    return lambda r: why if not str(r[field] or "").strip() else ""


DRILLS: dict[str, Drill] = {
    "practice": Drill(
        prompt=lambda r: r["text"],
        reveal=(("Your answer", "notes"),),
        not_ready=lambda r: "",
    ),
    "story": Drill(
        prompt=lambda r: f"Tell it in two minutes: {r['title']}",
        reveal=(
            ("Situation", "situation"),
            ("Task", "task"),
            ("Action", "action"),
            ("Result", "result"),
            ("Measured impact", "impact"),
        ),
        not_ready=_empty("result", "its Result is empty: write it in pane 4 first"),
    ),
    "concern": Drill(
        prompt=lambda r: f"Say your answer to the concern: {r['raised']}",
        reveal=(("Your answer", "answer"), ("Steps already taken", "steps")),
        not_ready=_empty("answer", "no answer planned yet: write it in pane 7 first"),
    ),
    "insight": Drill(
        prompt=lambda r: f"Why this company? Say it from: {r['learned']}",
        reveal=(("How it strengthened your interest", "strengthened"),),
        not_ready=lambda r: "",
    ),
}


def rehearsable(ws: Workspace, opportunity: int | None = None) -> list[Record]:
    """Every item of the active (or given) opportunity that can be said out loud; a question
    of the bank that names another opportunity's company ("Why Northwind?" while preparing
    for Globex) is rehearsed for that company, not this one."""
    from .elsewhere import this_companys

    items = []
    for name in DRILLS:
        records = ws.scoped_records(name, opportunity)
        items += this_companys(ws, opportunity, records) if name == "practice" else records
    return items


def prompt_of(record: Record) -> str:
    return DRILLS[record.kind.name].prompt(record)


def not_ready(record: Record) -> str:
    return DRILLS[record.kind.name].not_ready(record)


def reveal_lines(record: Record) -> list[tuple[str, str]]:
    """(label, text) of the notes to compare an attempt with; the story told, for a question."""
    lines = [(label, str(record[name])) for label, name in DRILLS[record.kind.name].reveal]
    return [(label, text) for label, text in lines if text.strip()]


@dataclass(frozen=True)
class Attempt:
    item: str
    started: datetime
    seconds: int | None  # None: not timed
    rating: str
    note: str = ""
    imported: bool = False


def as_attempt(record: Record) -> Attempt | None:
    try:
        started = parse_datetime(record["started"])
    except (ValueError, TypeError):
        started = None
    if started is None:
        return None
    text = str(record["seconds"]).strip()
    seconds = int(text) if text.isdigit() else None
    return Attempt(
        record["item"], started, seconds, record["rating"], record["note"], record["imported"]
    )


def attempts_by_item(ws: Workspace) -> dict[str, list[Attempt]]:
    """Every attempt, by item, oldest first."""
    found: dict[str, list[Attempt]] = {}
    for record in ws.all_records("attempt"):
        attempt = as_attempt(record)
        if attempt is not None:
            found.setdefault(attempt.item, []).append(attempt)
    for attempts in found.values():
        attempts.sort(key=lambda a: a.started)
    return found


def practised_ids(
    ws: Workspace, kind_name: str = "practice", before: datetime | None = None
) -> set[int]:
    """The ids of the items of `kind_name` rehearsed out loud at least once (before `before`,
    on this computer's clock, when given)."""
    prefix = f"{kind_name}:"
    return {
        int(key[len(prefix) :])
        for key, attempts in attempts_by_item(ws).items()
        if key.startswith(prefix)
        and key[len(prefix) :].isdigit()
        and (before is None or attempts[0].started < before)
    }


def clock(seconds: float) -> str:
    """'2:10' for 130 seconds."""
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def median_seconds(attempts: list[Attempt]) -> float | None:
    timed = [a.seconds for a in attempts if a.seconds is not None]
    return median(timed) if timed else None


def attempts_line(attempts: list[Attempt], rehearsing: bool = False) -> str:
    """'3 attempts, last 2026-11-26 (good), median 1:52'; in a rehearsal, a first time says
    so rather than naming the key that starts one."""
    if not attempts:
        if rehearsing:
            return "not rehearsed before: this is the first time"
        return f"not rehearsed yet ({key_of('rehearse')} rehearses)"
    last = attempts[-1]
    words = "attempt" if len(attempts) == 1 else "attempts"
    line = f"{len(attempts)} {words}, last {last.started:%Y-%m-%d} ({last.rating})"
    middle = median_seconds(attempts)
    if middle is not None:
        line += f", median {clock(middle)}"
    if last.note:
        line += f" · {last.note}"
    return line


def speaking_rate(ws: Workspace) -> int:
    """Words a minute, from the 'speaking_rate' setting (140 unless set)."""
    text = ws.setting("speaking_rate")
    return int(text) if text.isdigit() and 40 <= int(text) <= 400 else WORDS_A_MINUTE


def spoken_seconds(story: Record, rate: int = WORDS_A_MINUTE) -> float:
    """How long the story takes to tell at `rate` words a minute: its four beats and impact."""
    words = sum(len(str(story[name]).split()) for _, name in DRILLS["story"].reveal)
    return words * 60 / rate


def spoken_line(story: Record, attempts: list[Attempt], rate: int = WORDS_A_MINUTE) -> str:
    """'~2:10 to tell (long), timed median 2:25'."""
    seconds = spoken_seconds(story, rate)
    if seconds:
        line = f"~{clock(seconds)} to tell at {rate} words a minute"
    else:  # a title alone: nothing to time yet
        line = "nothing to time yet: write its situation, task, action and result"
    if seconds > LONG_AFTER:
        line += " (long: aim for 2:30 or less)"
    middle = median_seconds(attempts)
    if middle is not None:
        line += f" · your timed median {clock(middle)}"
    if not has_number(story["result"]) and not has_number(story["impact"]):
        line += " · no number yet"
    return line
