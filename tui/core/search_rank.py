"""How search ranks: summing each query word's value per record, the records with the best
totals, whether query words stand together in a record, and ties broken on score parts."""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Callable
from itertools import filterfalse
from operator import itemgetter

from .kinds import Kind
from .search_types import Doc

NEAR = 3  # words at most this far apart count as near each other
POOL = 1500  # at most this many records are checked for the query's words standing together
NEAR_CACHE = 64  # pairs of query words whose records' nearness is kept likewise
PROXIMITY_WEIGHT = 0.3  # phrase part of the score, below one query word
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


def near_records(
    docs: dict[int, Doc],
    near_cache: dict[tuple[tuple[int, ...], frozenset[int]], dict[int, float]],
    total: dict[int, float],
    word_matches: list[dict[int, float]],
    pool: list[int],
    share: float = PROXIMITY_WEIGHT,
    limit: int = 20,
) -> tuple[dict[int, float], float | None]:
    """For records holding every query word (`pool`): 1 when each word is followed by the
    next one as typed, less when they are only near each other, 0 when apart; and the
    `limit`-th best score once that is added (None with fewer records).

    Records are looked at from the highest score down; once standing together (worth
    `share` at most) can no longer lift a record into the best `limit`, the rest are left
    alone: their order cannot change."""
    n = len(word_matches)
    pool = first_by_total(pool, total, POOL)
    # the `limit` best scores so far: of records outside the pool, then as looked at
    pooled = set(pool)
    best_scores = heapq.nlargest(
        limit, map(total.__getitem__, filterfalse(pooled.__contains__, total))
    )
    heapq.heapify(best_scores)
    # for each pair of query words: the few best matches of the first, any match of the
    # second, and what is known of records for them (the same as the user types on)
    pairs: list[tuple[list[int], set[int], dict[int, float]]] = []
    for i in range(n - 1):
        leads = [w for w, _ in heapq.nlargest(4, word_matches[i].items(), key=itemgetter(1))]
        after = set(word_matches[i + 1])
        pair_key = (tuple(leads), frozenset(after))
        known = near_cache.get(pair_key)
        if known is None:
            if len(near_cache) >= NEAR_CACHE:
                del near_cache[next(iter(near_cache))]
            known = near_cache[pair_key] = {}
        pairs.append((leads, after, known))
    found: dict[int, float] = {}
    for number in pool:
        value = total[number]
        if len(best_scores) >= limit and value + share < best_scores[0]:
            break
        score = 0.0
        for leads, after, known in pairs:
            best = known.get(number)
            if best is None:
                best = known[number] = together(docs[number].tokens, leads, after)
            score += best
        if score:
            found[number] = score / (n - 1)
            value += share * found[number]
        if len(best_scores) < limit:
            heapq.heappush(best_scores, value)
        elif value > best_scores[0]:
            heapq.heapreplace(best_scores, value)
    # the best scores of every record: those not looked at are below them all
    return found, best_scores[0] if len(best_scores) >= limit else None


def best_records(
    docs: dict[int, Doc],
    total: dict[int, float],
    limit: int,
    nearness: dict[int, float],
    threshold: float | None = None,
) -> list[tuple[int, float]]:
    """The best `limit` records, ties broken on the parts of their score; `threshold`,
    when known, is the `limit`-th best score."""

    def parts(item: tuple[int, float]) -> tuple:
        number, v = item
        doc = docs[number]
        return (
            -round(v, 9),
            -nearness.get(number, 0.0),
            KIND_ORDER.get(doc.kind.name, 9),
            -number,
        )

    if len(total) <= limit:
        return sorted(total.items(), key=parts)
    if threshold is None:
        threshold = heapq.nlargest(limit, total.values())[-1]
    candidates = [(number, v) for number, v in total.items() if v >= threshold]
    above = [item for item in candidates if item[1] > threshold]
    # records tied with the last one in compete on the parts of their score
    tied = [number for number, v in candidates if v == threshold]
    wanted = limit - len(above)
    if len(tied) > wanted:
        tied = least_tied(tied, wanted, nearness, lambda number: docs[number].kind)
    top = above + heapq.nsmallest(wanted, ((n, threshold) for n in tied), key=parts)
    return sorted(top, key=parts)
