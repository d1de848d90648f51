"""Search quality on the demo workspace: a labelled query set, and the misses users reported."""

from __future__ import annotations

import pytest
from search_queries import CATEGORY_WHY, LITERAL, MEANING, WHY

from tui.core.search import WorkspaceSearch
from tui.core.starters import starters


@pytest.fixture(scope="module")
def search(tmp_path_factory) -> WorkspaceSearch:
    from tui.core.demo import build_demo

    return WorkspaceSearch(build_demo(tmp_path_factory.mktemp("demo") / "demo.json"))


def rank_of(search: WorkspaceSearch, query: str, record: tuple[str, str]) -> int | None:
    """1 for the first hit, None when the record is not among the first ten."""
    hits = [(h.kind_name, h.title) for h in search.search(query, limit=10)]
    return hits.index(record) + 1 if record in hits else None


def rates(search: WorkspaceSearch, labelled: dict) -> tuple[float, float, list]:
    ranks = {q: rank_of(search, q, record) for q, record in labelled.items()}
    top1 = sum(1 for r in ranks.values() if r == 1) / len(ranks)
    top3 = sum(1 for r in ranks.values() if r is not None and r <= 3) / len(ranks)
    misses = [(q, r) for q, r in ranks.items() if r is None or r > 3]
    return top1, top3, misses


def test_the_labelled_set_is_large_and_varied():
    assert len(LITERAL) + len(MEANING) >= 70
    assert len(MEANING) >= 15


def test_literal_queries_find_their_record_in_the_top_three(search):
    _, top3, misses = rates(search, LITERAL)
    assert top3 >= 0.95, misses


def test_queries_by_meaning_find_their_record_in_the_top_three(search):
    _, top3, misses = rates(search, MEANING)
    assert top3 >= 0.80, misses


def test_without_the_thesaurus_meaning_queries_mostly_miss(demo):
    # the thesaurus is what finds them: the same index without it misses most
    _, top3, _ = rates(WorkspaceSearch(demo, by_meaning=False), MEANING)
    assert top3 < 0.5


@pytest.mark.parametrize("query", list(WHY))
def test_reported_misses_are_found(search, query):
    rank = rank_of(search, query, WHY[query])
    assert rank is not None and rank <= 3, [h.title for h in search.search(query, limit=3)]


@pytest.mark.parametrize("query", list(CATEGORY_WHY))
def test_a_category_query_lists_questions_of_that_category(search, query):
    category = CATEGORY_WHY[query]
    hits = search.search(query, limit=3)
    assert len(hits) == 3
    for hit in hits:
        assert hit.kind_name in ("question", "starter_question"), hit.title
        if hit.kind_name == "starter_question":
            assert starters()[hit.key]["category"] == category
        else:
            assert search.workspace.get("question", hit.id)["category"] == category


def test_a_match_by_meaning_says_why(search):
    hit = next(h for h in search.search("argument with a coworker") if h.kind_name == "story")
    assert hit.title == "Resolved a conflict between the data and payments teams"
    assert hit.reason == "by meaning: conflict"
    # a record that holds the words themselves needs no reason
    assert search.search("patients first")[0].reason == ""


def test_a_typo_on_a_real_word_does_not_beat_the_words_themselves(search):
    hits = search.search("patients first", limit=2)
    assert hits[0].title == "Patients first"
    assert hits[0].score - hits[1].score > 0.3


def test_thank_you_drafts_count_less_than_the_interviewers_own_fields(search):
    # "platform" is in every draft; only some interviewers talked about it
    hits = [h for h in search.search("platform", limit=60)]
    stories_and_questions = [i for i, h in enumerate(hits) if h.kind_name != "interviewer"]
    interviewers = [i for i, h in enumerate(hits) if h.kind_name == "interviewer"]
    assert interviewers and min(interviewers) > min(stories_and_questions)


def print_figures(search: WorkspaceSearch) -> str:
    lines = []
    for name, labelled in (("literal", LITERAL), ("by meaning", MEANING)):
        top1, top3, _ = rates(search, labelled)
        lines.append(f"{name}: {len(labelled)} queries, top-1 {top1:.0%}, top-3 {top3:.0%}")
    return "\n".join(lines)


if __name__ == "__main__":  # the README's figures: uv run python tests/test_search_quality.py
    import sys
    import tempfile
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from tui.core.demo import build_demo

    with tempfile.TemporaryDirectory() as folder:
        print(print_figures(WorkspaceSearch(build_demo(Path(folder) / "demo.json"))))
