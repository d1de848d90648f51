"""The rehearsal schedule, with the interview as its deadline: tested over any ratings."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.kinds import RATINGS
from tui.core.rehearsal import Attempt
from tui.core.schedule import SOONEST, due, interval

START = datetime(2026, 3, 2, 9, 0)
DAYS = (1, 2, 5, 14)


def times_due(days: int, ratings: list[str], spread: list[int]) -> list[datetime]:
    """Rehearse each time the item is due (late by up to `spread[i]` minutes), rating the
    attempts with `ratings` in turn; the moments it was due before the interview."""
    interview = START + timedelta(days=days)
    attempts: list[Attempt] = []
    seen: list[datetime] = []
    i = 0
    while True:
        when = due(attempts, interview, START)
        if when >= interview:
            return seen
        seen.append(when)
        started = when + timedelta(minutes=spread[i % len(spread)])
        if started >= interview:
            return seen
        attempts.append(Attempt("story:1", started, 120, ratings[i % len(ratings)]))
        i += 1
        if i > 400:  # the schedule settles well before: guard against a runaway loop
            return seen


@settings(max_examples=150, deadline=None)
@given(
    days=st.sampled_from(DAYS),
    ratings=st.lists(st.sampled_from(RATINGS), min_size=1, max_size=12),
    spread=st.lists(st.integers(min_value=0, max_value=180), min_size=1, max_size=5),
)
def test_every_item_comes_up_twice_before_an_interview_two_days_or_more_away(
    days: int, ratings: list[str], spread: list[int]
) -> None:
    seen = times_due(days, ratings, spread)
    if days >= 2:
        assert len(seen) >= 2, (days, ratings, seen)
    else:
        assert len(seen) >= 1


@settings(max_examples=200, deadline=None)
@given(
    days=st.sampled_from(DAYS),
    history=st.lists(st.sampled_from(RATINGS), max_size=8),
    hours_in=st.integers(min_value=0, max_value=14 * 24),
)
def test_again_is_never_later_than_good(days: int, history: list[str], hours_in: int) -> None:
    interview = START + timedelta(days=days)
    past = [
        Attempt("story:1", START + timedelta(hours=h), 100, r)
        for h, r in zip(range(len(history)), history, strict=True)
    ]
    last = START + timedelta(hours=len(history) + hours_in)

    def next_after(rating: str) -> datetime:
        return due([*past, Attempt("story:1", last, 100, rating)], interview, START)

    assert next_after("again") <= next_after("hard") <= next_after("good") <= next_after("easy")


def test_no_interval_runs_past_half_the_time_left() -> None:
    left = timedelta(days=5)
    for rating in RATINGS:
        for successes in range(8):
            assert SOONEST <= interval(rating, successes, left) <= left / 2


def test_an_item_without_attempts_is_due_at_once() -> None:
    assert due([], START + timedelta(days=3), START) == START


def test_good_answers_spread_out_when_no_interview_is_set() -> None:
    first = interval("good", 0, None)
    later = interval("good", 3, None)
    assert later > first >= timedelta(days=1)
