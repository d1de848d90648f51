"""What the search index keeps of recent query words stays bounded by the values it holds,
not only by the number of words, and answers the same when it has let some go."""

from __future__ import annotations

import pytest

from tui.core.kinds import KINDS
from tui.core.search_index import SearchIndex
from tui.core.search_types import WordCache

STORY = KINDS["story"]
WORDS = ["team", "migration", "budget", "customer", "deadline", "outage", "hiring", "launch"]


def build() -> SearchIndex:
    index = SearchIndex()
    for n in range(400):  # every record holds every word: one value per record for each
        index.add(("story", n + 1), STORY, {"title": f"Story {n}", "action": " ".join(WORDS)})
    return index


def queries() -> list[str]:
    typed = []
    for word in WORDS:
        typed += [word[:i] for i in range(1, len(word) + 1)]
        typed.append(word + " ")
    return typed


def test_kept_query_words_stay_within_their_bound_and_answer_the_same(monkeypatch):
    plain = build()
    expected = [[(h.key, h.score) for h in plain.search(q, limit=5)] for q in queries()]
    assert len(plain._word_cache) > 10  # unbounded by values, it keeps every word typed

    monkeypatch.setattr(WordCache, "MAX_SIZE", 2_000)  # five words of 400 values
    bounded = build()
    found = []
    for q in queries():
        found.append([(h.key, h.score) for h in bounded.search(q, limit=5)])
        cache = bounded._word_cache
        assert cache.size <= WordCache.MAX_SIZE
        held = 0
        for matches, meant, best, words in cache.values():
            held += len(matches) + len(meant) + len(best) + (0 if words is best else len(words))
        assert cache.size == held
    assert found == expected
    assert 0 < len(bounded._word_cache) < len(plain._word_cache)


@pytest.mark.parametrize("change", ["add", "remove"])
def test_a_change_to_the_records_empties_what_is_kept(change):
    index = build()
    index.search("team migration")
    assert index._word_cache.size > 0
    if change == "add":
        index.add(("story", 999), STORY, {"title": "Another", "action": "team"})
    else:
        index.remove(("story", 1))
    assert len(index._word_cache) == 0 and index._word_cache.size == 0


def test_the_words_before_the_last_stay_kept_while_the_last_is_typed(monkeypatch):
    monkeypatch.setattr(WordCache, "MAX_SIZE", 2_000)  # five words of 400 values
    index = build()
    for word in ["customer", "deadline"]:
        for i in range(1, len(word) + 1):
            index.search("team " + word[:i])
            assert ("team", False, ()) in index._word_cache
    assert len(index._word_cache) <= 5
