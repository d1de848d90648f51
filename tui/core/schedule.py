"""A small spaced-repetition schedule with the interview as its deadline: an item rated
'again' or 'hard' comes back sooner, and none waits past the halfway point to the interview,
so every item comes up at least twice before it when there are two days or more."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from .rehearsal import Attempt

SOONEST = timedelta(minutes=10)  # 'again': later in the same session
BASE = {
    "again": timedelta(minutes=10),
    "hard": timedelta(hours=12),
    "good": timedelta(days=1),
    "easy": timedelta(days=2),
}
GROWS = {"again": 1.0, "hard": 1.2, "good": 2.0, "easy": 2.5}  # per good attempt before


def interval(rating: str, successes: int, left: timedelta | None) -> timedelta:
    """How long after an attempt rated `rating` the item is due again. `successes`: the
    attempts rated good or easy before it; `left`: the time from the attempt to the interview
    (None: no interview ahead). Never more than half of `left`, never under SOONEST."""
    base = BASE.get(rating, BASE["good"])
    if rating in ("good", "easy", "hard"):
        base = base * (GROWS[rating] ** min(successes, 6))
    if left is not None and left > timedelta(0):
        base = min(base, left / 2)
    return max(base, SOONEST)


def due(attempts: Sequence[Attempt], interview: datetime | None, first: datetime) -> datetime:
    """When an item is next due: `first` (when it became rehearsable, or now) if it has no
    attempt, else after its last attempt by the interval its rating earns."""
    if not attempts:
        return first
    successes = sum(1 for a in attempts[:-1] if a.rating in ("good", "easy"))
    last = attempts[-1]
    left = interview - last.started if interview is not None else None
    return last.started + interval(last.rating, successes, left)


def is_due(attempts: Sequence[Attempt], interview: datetime | None, now: datetime) -> bool:
    return due(attempts, interview, now) <= now
