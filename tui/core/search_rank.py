"""How search ranks: summing each query word's value per record, the records with the best
totals, whether query words stand together in a record, and ties broken on score parts."""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Callable
from itertools import filterfalse

from .kinds import Kind

NEAR = 3  # words at most this far apart count as near each other
# Stories and questions come first when scores tie.
KIND_ORDER = {
    "story": 0,
    "question": 1,
    "practice": 2,
    "starter_question": 3,
    "starter_practice": 4,
}


def add_values(
    bests: list[dict[int, float]], weights: list[float], total: dict[int, float] | None = None
) -> dict[int, float]:
    """`total` (a new dict when None) with each record's value in `bests`, times its
    word's weight, added to it: total[key] = total.get(key, 0.0) + value * weight."""
    for best, weight in zip(bests, weights, strict=True):
        if not total:
            total = {key: value * weight for key, value in best.items()}
            continue
        get = total.get
        for key, value in best.items():
            total[key] = get(key, 0.0) + value * weight
    return total if total is not None else {}


def first_by_total(numbers: list[int], total: dict[int, float], count: int) -> list[int]:
    """The `count` records of `numbers` with the highest totals, highest first (ties in the
    order given): the same as sorting them all, without sorting more than needed."""
    if len(numbers) > 2 * count:
        values = list(map(total.__getitem__, numbers))
        lowest = heapq.nlargest(count, values)[-1]
        numbers = [number for number, v in zip(numbers, values, strict=True) if v >= lowest]
    return sorted(numbers, key=total.__getitem__, reverse=True)[:count]


def together(tokens: array, leads: list[int], after: set[int]) -> float:
    """1 when one of `leads` is followed by one of `after` in `tokens`, 0.5 when one is
    near one (NEAR words at most either side), else 0."""
    size = len(tokens)
    best = 0.0
    for lead in leads:
        if lead not in tokens:
            continue
        at = tokens.index(lead)
        while True:
            if at + 1 < size and tokens[at + 1] in after:
                return 1.0
            if best == 0.0 and not after.isdisjoint(tokens[max(0, at - NEAR) : at + NEAR + 1]):
                best = 0.5
            try:
                at = tokens.index(lead, at + 1)
            except ValueError:
                break
    return best


def least_tied(
    tied: list[int], wanted: int, nearness: dict[int, float], kind_of: Callable[[int], Kind]
) -> list[int]:
    """Of records tied on score, the ones that can be among the `wanted` first on the other
    parts (nearness, kind, most recent): all those near, and the `wanted` first of the rest,
    looked for from the most recent down until that many stories are found."""
    near = [n for n in tied if n in nearness]
    rest = sorted(filterfalse(nearness.__contains__, tied), reverse=True)
    by_order: dict[int, list[int]] = {}
    for number in rest:
        found = by_order.setdefault(KIND_ORDER.get(kind_of(number).name, 9), [])
        found.append(number)
        if len(by_order.get(0, ())) >= wanted:
            break  # no record further down can come before these
    first = [n for order in sorted(by_order) for n in by_order[order]][:wanted]
    return near + first
