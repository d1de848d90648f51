"""How search ranks: whether query words stand together in a record, and the best records,
ties broken on score parts (each record's total comes from search_scores)."""

from __future__ import annotations

import heapq
import sys
from array import array
from collections.abc import Callable, Mapping
from itertools import filterfalse
from operator import itemgetter
from typing import Any

from .kinds import Kind
from .search_types import Doc

NEAR = 3  # words at most this far apart count as near each other
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


def together(tokens: array, leads: list[int], after: set[int]) -> float:
    """1 when one of `leads` is followed by one of `after` in `tokens`, 0.5 when one is
    near one (NEAR words at most either side), else 0.

    The leads are looked for in the tokens' bytes (a search in C, where looking through
    the array compares one number object at a time); a find that does not start on a
    token's first byte is a piece of two tokens, and passed over."""
    size = len(tokens)
    raw = tokens.tobytes()
    width = tokens.itemsize
    best = 0.0
    for lead in leads:
        pattern = lead.to_bytes(width, sys.byteorder)
        found = raw.find(pattern)
        while found >= 0:
            at, apart = divmod(found, width)
            if not apart:
                if at + 1 < size and tokens[at + 1] in after:
                    return 1.0
                if best == 0.0 and not after.isdisjoint(tokens[max(0, at - NEAR) : at + NEAR + 1]):
                    best = 0.5
            found = raw.find(pattern, found + 1)
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
    docs: Mapping[int, Doc],
    near_cache: dict[tuple[tuple[int, ...], frozenset[int]], dict[int, float]],
    total: Any,
    word_matches: list[dict[int, float]],
    pool: list[int],
    outside: list[float],
    share: float = PROXIMITY_WEIGHT,
    limit: int = 20,
) -> tuple[dict[int, float], float | None]:
    """For records holding every query word (`pool`, highest `total` first): 1 when each
    word is followed by the next one as typed, less when they are only near each other, 0
    when apart; and the `limit`-th best score once that is added (None with fewer records).
    `outside`: the `limit` best totals of the records not in the pool.

    Records are looked at from the highest score down; once standing together (worth
    `share` at most) can no longer lift a record into the best `limit`, the rest are left
    alone: their order cannot change."""
    n = len(word_matches)
    # the `limit` best scores so far: of records outside the pool, then as looked at
    best_scores = list(outside)
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
    docs: Mapping[int, Doc],
    candidates: list[tuple[int, float]],
    threshold: float | None,
    limit: int,
    nearness: dict[int, float],
) -> list[tuple[int, float]]:
    """The best `limit` records, ties broken on the parts of their score: of `candidates`,
    all found when `threshold` is None, else those whose score reaches it, the `limit`-th
    best."""

    def parts(item: tuple[int, float]) -> tuple:
        number, v = item
        doc = docs[number]
        return (
            -round(v, 9),
            -nearness.get(number, 0.0),
            KIND_ORDER.get(doc.kind.name, 9),
            -number,
        )

    if threshold is None:
        return sorted(candidates, key=parts)
    above = [item for item in candidates if item[1] > threshold]
    # records tied with the last one in compete on the parts of their score
    tied = [number for number, v in candidates if v == threshold]
    wanted = limit - len(above)
    if len(tied) > wanted:
        tied = least_tied(tied, wanted, nearness, lambda number: docs[number].kind)
    top = above + heapq.nsmallest(wanted, ((n, threshold) for n in tied), key=parts)
    return sorted(top, key=parts)
