"""What the rehearsal screen says beside the item itself: the name of each item's kind above
it, the keys line under the drill and the session summary, as styled text."""

from __future__ import annotations

from collections import Counter

from textual.content import Content

from ..core.key_names import key_of
from ..core.kinds import RATINGS
from ..core.rehearsal import clock
from ..core.repository import Record
from .widgets import join, plain, styled

KIND_WORDS = {
    "practice": "Question you may be asked",
    "story": "Story",
    "concern": "Concern",
    "insight": "Why this company",
}

Done = list[tuple[Record, int | None, str]]  # each item rated: seconds spoken (or untimed), rating


def keys_line(note: str, revealed: bool) -> Content:
    """The drill's keys, the ratings marked once the notes are revealed, and the note typed."""
    typed = f" · note: {note}" if note else ""
    rate = " · ".join(f"{key_of(f'rehearse-{rating}')} {rating}" for rating in RATINGS)
    return join(
        styled(key_of("rehearse-stopwatch"), "bold"),
        plain(" stopwatch · "),
        styled(key_of("rehearse-reveal"), "bold"),
        plain(" reveal · "),
        styled(rate, "bold yellow" if revealed else "bold"),
        plain(
            f" · {key_of('rehearse-note')} note · {key_of('rehearse-skip')} skip · "
            f"{key_of('rehearse-end')} ends"
        ),
        styled(typed, "italic"),
    )


def summary_heads(done: Done) -> tuple[Content, Content]:
    """The summary's first lines: how many items were rehearsed; the time spoken and the
    ratings given."""
    total = sum(seconds or 0 for _, seconds, _ in done)
    ratings = Counter(rating for _, _, rating in done)
    count = styled(f"{len(done)} item{'s' if len(done) != 1 else ''} rehearsed", "bold")
    given = " · ".join(f"{r} {ratings[r]}" for r in RATINGS if ratings[r]) or "no ratings"
    return count, plain(f"Time spoken: {clock(total)} · {given}")


def summary_body(done: Done, waiting: list[tuple[Record, str]]) -> Content:
    """The items to redo soon (rated again or hard), then every item rated with its rating and
    time spoken, then what was not ready to rehearse and why."""
    lines: list[Content] = []
    redo = [r for r, _, rating in done if rating in ("again", "hard")]
    if redo:
        lines.append(styled("To redo soon (they come back first next time):", "bold"))
        lines += [plain(f"  • {r.title}") for r in redo]
    for record, seconds, rating in done:
        took = clock(seconds) if seconds is not None else "untimed"
        lines.append(plain(f"{rating:>5} · {took:>7} · {record.title}"))
    if waiting:
        lines.append(styled("Not ready to rehearse yet:", "bold"))
        lines += [plain(f"  • {r.title}: {why}") for r, why in waiting]
    return Content("\n").join(lines)
