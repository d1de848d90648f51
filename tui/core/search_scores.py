"""Each record's value for a query, kept two ways with the same results to the last bit: in
dicts for an index of a few thousand records (quick to make, and a one-query command line
need not load numpy), in numpy arrays for a large one, where a short word that most records
hold would otherwise mean passes over dicts of tens of thousands of entries at every key.

A word's values: its record numbers with the value of its best match in each. A query's
total: those values times each word's weight, added word by word in the order typed.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Callable, Collection
from itertools import filterfalse
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    import numpy as np

FIELD_BONUS = 1 / 30  # a weightier field (title, tags) adds a little, never a whole word
PLAIN = 1.0 + FIELD_BONUS  # the value of a match in a field of weight 1
POOL = 1500  # at most this many records are checked for the query's words standing together
ARRAY_MIN = 20_000  # records from which values are kept in arrays

Postings = list[array]  # word number -> record numbers, ascending
Boosts = dict[float, dict[int, array]]  # field weight -> word number -> record numbers


def match_value(quality: float, weight: float) -> float:
    """The value of a match of this quality in a field of this weight (not 1)."""
    return quality * (min(weight, 1.0) + weight * FIELD_BONUS)


def first_by_total(numbers: list[int], total: dict[int, float], count: int) -> list[int]:
    """The `count` records of `numbers` with the highest totals, highest first (ties in the
    order given): the same as sorting them all, without sorting more than needed."""
    if len(numbers) > 2 * count:
        values = list(map(total.__getitem__, numbers))
        lowest = heapq.nlargest(count, values)[-1]
        numbers = [number for number, v in zip(numbers, values, strict=True) if v >= lowest]
    return sorted(numbers, key=total.__getitem__, reverse=True)[:count]


class InDicts:
    """Values in dicts: record number -> value."""

    def word(
        self,
        postings: Postings,
        boosts: Boosts,
        matches: dict[int, float],
        meant: dict[int, str],
    ) -> tuple[dict[int, float], Collection[int]]:
        """Per record, the value of the best of `matches` (word number -> quality) it
        holds; and the records holding one of them not in `meant` (only of like meaning)."""
        best: dict[int, float] = {}
        # weakest matches first: a record keeps the quality of its best match
        for other, quality in sorted(matches.items(), key=itemgetter(1)):
            best.update(dict.fromkeys(postings[other], quality * PLAIN))
        # light fields first (a note's template words), then title and tag words count more
        for weight, table in sorted(boosts.items()):
            for other, quality in matches.items():
                found = table.get(other)
                if found is None:
                    continue
                value = match_value(quality, weight)
                if weight > 1.0:
                    for number in found:
                        best[number] = max(best[number], value)
                else:
                    ceiling = quality * PLAIN
                    for number in found:
                        if best[number] <= ceiling:  # this match was the record's best
                            best[number] = value
        held: Collection[int] = best
        if meant:
            held = {n for w in matches if w not in meant for n in postings[w]}
        return best, held

    @staticmethod
    def size(values: dict[int, float]) -> int:
        return len(values)

    @staticmethod
    def added(
        bests: list[dict[int, float]], weights: list[float], total: dict[int, float] | None = None
    ) -> dict[int, float]:
        """`total` (a new one when None) with each record's value in `bests`, times its
        word's weight, added to it: total[key] = total.get(key, 0.0) + value * weight."""
        for best, weight in zip(bests, weights, strict=True):
            if not total:
                total = {key: value * weight for key, value in best.items()}
                continue
            get = total.get
            for key, value in best.items():
                total[key] = get(key, 0.0) + value * weight
        return total if total is not None else {}

    @staticmethod
    def copy(total: dict[int, float]) -> dict[int, float]:
        return dict(total)

    @staticmethod
    def narrowed(total: dict[int, float], admits: Callable[[int], bool]) -> dict[int, float]:
        return {number: v for number, v in total.items() if admits(number)}

    @staticmethod
    def count(total: dict[int, float]) -> int:
        return len(total)

    @staticmethod
    def pool(
        total: dict[int, float], helds: list[Collection[int]], limit: int
    ) -> tuple[list[int], list[float]]:
        """The records of `total` held by every one of `helds`, highest total first (ties:
        the most recent first), at most POOL; and the `limit` best totals of the others."""
        fewest = min(helds, key=len)
        common = set(filter(total.__contains__, fewest))
        for held in helds:
            if held is not fewest:
                common = set(filter(held.__contains__, common))
        # which of records tied at the cut are kept: the most recent
        ordered = sorted(common, reverse=True) if len(common) > POOL else list(common)
        pool = first_by_total(ordered, total, POOL)
        pooled = set(pool)
        outside = heapq.nlargest(
            limit, map(total.__getitem__, filterfalse(pooled.__contains__, total))
        )
        return pool, outside

    @staticmethod
    def candidates(
        total: dict[int, float], limit: int, threshold: float | None
    ) -> tuple[list[tuple[int, float]], float | None]:
        """Every record of `total` when they are `limit` or fewer (and None); else those
        whose total reaches the `limit`-th best, `threshold` when it is known, and that."""
        if len(total) <= limit:
            return list(total.items()), None
        if threshold is None:
            threshold = heapq.nlargest(limit, total.values())[-1]
        return [(number, v) for number, v in total.items() if v >= threshold], threshold


class InArrays:
    """Values in numpy arrays: a word's as its record numbers (ascending) and their values,
    a query's total as one float per record number (0 for records not found)."""

    def __init__(self, numbers: int) -> None:
        import numpy as np

        self.np = np
        self.numbers = numbers  # record numbers are below this

    def _held(self, words: list[array]) -> np.ndarray:
        np = self.np
        inside = np.zeros(self.numbers, dtype=bool)
        for numbers in words:
            inside[np.frombuffer(numbers, dtype=np.uintc)] = True
        return np.flatnonzero(inside)

    def _raise(self, best: np.ndarray, found: list[tuple[array, float]]) -> None:
        """best[n] = max(best[n], value) for each record number n of each (numbers, value)."""
        if not found:
            return
        np = self.np
        at = np.concatenate([np.frombuffer(numbers, dtype=np.uintc) for numbers, _ in found])
        values = np.repeat([value for _, value in found], [len(numbers) for numbers, _ in found])
        np.maximum.at(best, at, values)

    def word(
        self,
        postings: Postings,
        boosts: Boosts,
        matches: dict[int, float],
        meant: dict[int, str],
    ) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
        """As InDicts.word: the same values, each step done for all a word's records at once."""
        np = self.np
        best = np.zeros(self.numbers)
        # a record keeps the quality of its best match
        self._raise(
            best, [(postings[other], quality * PLAIN) for other, quality in matches.items()]
        )
        for weight, table in sorted(boosts.items()):
            if weight > 1.0:  # title and tag words count more
                found = [
                    (table[w], match_value(q, weight)) for w, q in matches.items() if w in table
                ]
                self._raise(best, found)
                continue
            for other, quality in matches.items():  # a light field's, one after the other
                at = table.get(other)
                if at is not None:
                    at = np.frombuffer(at, dtype=np.uintc)
                    best[at[best[at] <= quality * PLAIN]] = match_value(quality, weight)
        numbers = np.flatnonzero(best)
        held = numbers
        if meant:
            held = self._held([postings[w] for w in matches if w not in meant])
        return (numbers, best[numbers]), held

    @staticmethod
    def size(values: tuple[np.ndarray, np.ndarray]) -> int:
        return len(values[0])

    def added(
        self,
        bests: list[tuple[np.ndarray, np.ndarray]],
        weights: list[float],
        total: np.ndarray | None = None,
    ) -> np.ndarray:
        if total is None:
            total = self.np.zeros(self.numbers)
        for (numbers, values), weight in zip(bests, weights, strict=True):
            total[numbers] += values * weight
        return total

    @staticmethod
    def copy(total: np.ndarray) -> np.ndarray:
        return total.copy()

    def narrowed(self, total: np.ndarray, admits: Callable[[int], bool]) -> np.ndarray:
        left_out = [n for n in self.np.flatnonzero(total).tolist() if not admits(n)]
        total[left_out] = 0.0
        return total

    def count(self, total: np.ndarray) -> int:
        return int(self.np.count_nonzero(total))

    def pool(
        self, total: np.ndarray, helds: list[np.ndarray], limit: int
    ) -> tuple[list[int], list[float]]:
        np = self.np
        inside = total > 0.0
        for held in helds:
            holds = np.zeros(self.numbers, dtype=bool)
            holds[held] = True
            inside &= holds
        common = np.flatnonzero(inside)[::-1]  # the most recent first
        values = total[common]
        if len(common) > POOL:
            keep = values >= np.partition(values, -POOL)[-POOL]
            common, values = common[keep], values[keep]
        pool = common[np.argsort(-values, kind="stable")[:POOL]]
        others = total.copy()
        others[pool] = 0.0
        outside = others[others > 0.0]
        if len(outside) > limit:
            outside = np.partition(outside, -limit)[-limit:]
        return pool.tolist(), outside.tolist()

    def candidates(
        self, total: np.ndarray, limit: int, threshold: float | None
    ) -> tuple[list[tuple[int, float]], float | None]:
        np = self.np
        numbers = np.flatnonzero(total)
        values = total[numbers]
        if threshold is not None:
            threshold = float(threshold)  # as a plain number in the scores it sets
        if len(numbers) <= limit:
            return list(zip(numbers.tolist(), values.tolist(), strict=True)), None
        if threshold is None:
            threshold = float(np.partition(values, -limit)[-limit])
        keep = values >= threshold
        return list(zip(numbers[keep].tolist(), values[keep].tolist(), strict=True)), threshold


Values = TypeVar("Values")  # a word's: its records and the value of its best match in each
Total = TypeVar("Total")  # a query's: each record's values, times their words' weights, added
Held = TypeVar("Held")  # the records holding a word


class Scoring(Protocol[Values, Total, Held]):
    """What InDicts and InArrays both do, each over its own kind of values."""

    def word(
        self, postings: Postings, boosts: Boosts, matches: dict[int, float], meant: dict[int, str]
    ) -> tuple[Values, Held]: ...

    def size(self, values: Values) -> int: ...

    def added(
        self, bests: list[Values], weights: list[float], total: Total | None = None
    ) -> Total: ...

    def copy(self, total: Total) -> Total: ...

    def narrowed(self, total: Total, admits: Callable[[int], bool]) -> Total: ...

    def count(self, total: Total) -> int: ...

    def pool(
        self, total: Total, helds: list[Held], limit: int
    ) -> tuple[list[int], list[float]]: ...

    def candidates(
        self, total: Total, limit: int, threshold: float | None
    ) -> tuple[list[tuple[int, float]], float | None]: ...


if TYPE_CHECKING:  # each keeps to the protocol, with its own values
    _IN_DICTS: Scoring[dict[int, float], dict[int, float], Collection[int]] = InDicts()
    _IN_ARRAYS: Scoring[tuple[np.ndarray, np.ndarray], np.ndarray, np.ndarray] = InArrays(0)


def scoring_for(records: int, numbers: int) -> Scoring[Any, Any, Any]:
    """How values are kept for an index of `records` numbered below `numbers`."""
    return InArrays(numbers) if records >= ARRAY_MIN else InDicts()
