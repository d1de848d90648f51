"""A large index keeps each record's value for a query in numpy arrays, a small one in dicts
(search_scores): both give the same hits, in the same order, with the same scores and counts,
whatever is typed; and the search for query words standing together finds what reading the
record word by word finds."""

from __future__ import annotations

import random
import re
from array import array

import pytest
from search_queries import LITERAL, MEANING, WHY
from test_search_bulk import records

from tui.core import search_scores
from tui.core.search_index import SearchIndex
from tui.core.search_rank import NEAR, together
from tui.core.search_scores import InArrays, InDicts
from tui.core.thesaurus import thesaurus


def typed(queries: list[str]) -> list[str]:
    """Every prefix typed on the way to each query."""
    return [q[:i] for q in queries for i in range(1, len(q) + 1) if q[:i].strip()]


def answers(index: SearchIndex, scoring, queries: list[str]) -> list:
    index._forget_queries()
    index._scoring = scoring
    found = []
    for query in queries:
        hits, count = index.search_counted(query, limit=10)
        found.append((query, count, [(h.key, h.score, h.snippet, h.reason) for h in hits]))
        assert all(type(h.score) is float for h in hits), query  # no numpy number leaks out
    index._forget_queries()
    return found


def assert_agree(index: SearchIndex, queries: list[str]) -> None:
    in_dicts = answers(index, InDicts(), queries)
    in_arrays = answers(index, InArrays(index._next_number), queries)
    assert len(in_arrays) == len(in_dicts)
    for a, d in zip(in_arrays, in_dicts, strict=True):
        assert a == d


def queries_from(items: list, rng: random.Random, count: int) -> list[str]:
    """Words of the records, run together as a person would type them, some misspelt, some
    narrowed to a kind or a tag."""
    words = sorted(
        {
            w.lower()
            for _, _, values, _ in items
            for v in values.values()
            if isinstance(v, str)
            for w in re.findall(r"\w+", v)
            if len(w) <= 30  # not the words of a huge paste: no one types them
        }
    )
    found = []
    for _ in range(count):
        picked = [rng.choice(words) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.3:
            w = picked[0]
            at = rng.randrange(len(w))
            picked[0] = w[:at] + w[at + 1 :] if len(w) > 3 else w + "x"
        query = " ".join(picked)
        if rng.random() < 0.15:
            query = rng.choice(["kind:story ", "kind:question ", "category:", "#"]) + query
        found.append(query)
    return found


@pytest.mark.parametrize("seed", [1, 2])
def test_arrays_and_dicts_rank_generated_records_alike(seed):
    items = records(700, seed)
    index = SearchIndex(thesaurus())
    index.add_many(items)
    assert_agree(index, typed(queries_from(items, random.Random(seed), 40)))


def test_they_agree_when_more_records_hold_every_word_than_are_checked_for_nearness(
    monkeypatch,
):
    """Only the POOL best of the records holding every query word are checked for the words
    standing together: the two cut the same records, the most recent of those tied."""
    monkeypatch.setattr(search_scores, "POOL", 4)
    items = records(400, 4)
    index = SearchIndex(thesaurus())
    index.add_many(items)
    assert_agree(index, typed(queries_from(items, random.Random(4), 30)))


def test_they_agree_after_records_are_changed_and_taken_out():
    """Record numbers then have gaps, and the changed records the highest numbers."""
    items = records(500, 5)
    index = SearchIndex(thesaurus())
    index.add_many(items)
    rng = random.Random(5)
    for item in rng.sample(items, 60):
        index.remove(item[0])
    for item in rng.sample(items, 60):
        index.add(*item)
    assert_agree(index, typed(queries_from(items, rng, 30)))


def test_they_agree_on_the_labelled_queries_of_the_demo(tmp_path):
    from tui.core.demo import build_demo
    from tui.core.search import WorkspaceSearch

    index = WorkspaceSearch(build_demo(tmp_path / "demo.json")).index
    assert_agree(index, typed([*LITERAL, *MEANING, *WHY]))


def test_a_large_index_keeps_values_in_arrays_and_a_small_one_in_dicts(monkeypatch):
    index = SearchIndex()
    index.add_many(records(50, 1))
    assert isinstance(index._scores(), InDicts)
    monkeypatch.setattr(search_scores, "ARRAY_MIN", 50)
    index.remove(next(iter(index.docs)))  # a change: how values are kept is asked again
    assert isinstance(index._scores(), InDicts)  # 49 records
    index.add_many(records(50, 2)[:1])
    assert isinstance(index._scores(), InArrays)


def plainly_together(tokens: array, leads: list[int], after: set[int]) -> float:
    """Reading the record word by word."""
    best = 0.0
    for at, token in enumerate(tokens):
        if token not in leads:
            continue
        if at + 1 < len(tokens) and tokens[at + 1] in after:
            return 1.0
        if not after.isdisjoint(tokens[max(0, at - NEAR) : at + NEAR + 1]):
            best = 0.5
    return best


def test_words_standing_together_are_found_as_reading_word_by_word():
    rng = random.Random(11)
    # word numbers whose bytes, side by side, hold another's: 0x0100 then 0x02 reads
    # as 0x00020001 from the second byte on
    numbers = [0x0100, 0x02, 0x00020001, 0x01000000, 1, 2, 3, 0x01010101, 0xFFFFFFFF, 0]
    for _ in range(3000):
        tokens = array("I", (rng.choice(numbers) for _ in range(rng.randint(0, 12))))
        leads = rng.sample(numbers, rng.randint(1, 4))
        after = set(rng.sample(numbers, rng.randint(1, 3)))
        assert together(tokens, leads, after) == plainly_together(tokens, leads, after), (
            tokens,
            leads,
            after,
        )


def test_a_piece_of_two_word_numbers_is_not_taken_for_a_word():
    tokens = array("I", [0x0100, 0x02, 7])
    # bytes 00 01 00 00 02 00 00 00: from the second on, 0x00020001 in little-endian order
    assert together(tokens, [0x00020001], {0x02, 7}) == 0.0
    assert together(tokens, [0x0100], {0x02}) == 1.0


def test_a_large_index_loads_numpy_while_it_is_built_not_at_the_first_key(monkeypatch, tmp_path):
    """The screen asks the index on its own thread: numpy (some 80 ms to load) is loaded by
    the thread that builds the index."""
    from tui.core.repository import Workspace
    from tui.core.search import WorkspaceSearch

    monkeypatch.setattr(search_scores, "ARRAY_MIN", 3)
    workspace = Workspace(tmp_path / "w.json")
    for n in range(3):
        workspace.add("story", {"title": f"Story {n}", "situation": "a migration"})
    search = WorkspaceSearch(workspace, with_starters=False, keep_index=False)
    assert isinstance(search.index._scoring, InArrays)
