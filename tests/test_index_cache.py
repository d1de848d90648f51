"""The search index kept between starts of a large workspace: the next start reads it back and
indexes again only what changed since, finds exactly what a fresh build finds, and passes over
a damaged, foreign or outdated kept index without a word."""

from __future__ import annotations

import json
import os

import pytest

from tui.core import index_cache
from tui.core.repository import Workspace
from tui.core.search import WorkspaceSearch

QUERIES = [
    "conflict",
    "stakeholder",
    "deadl",
    "missed deadline",
    "data pipeline migration",
    "what would success look like",
    "#leadership",
    "kind:story team",
]


@pytest.fixture
def large(demo, monkeypatch):
    """The demo's file, closed, counted as large."""
    demo.close()
    monkeypatch.setattr(index_cache, "MIN_SIZE", 1000)
    return demo.path


def _opened(path, keep: bool = True) -> tuple[WorkspaceSearch, Workspace]:
    ws = Workspace(path, read_only=True)
    return WorkspaceSearch(ws, keep_index=keep), ws


def _found(search: WorkspaceSearch, query: str) -> tuple[list[float], list]:
    """The scores of the best 20, and the records above the 20th: records tied with the 20th
    may differ, since among equals the more recently indexed comes first."""
    hits = search.search(query)
    scores = [round(h.score, 9) for h in hits]
    cut = scores[-1] if scores else 0.0
    return scores, sorted(h.key for h in hits if round(h.score, 9) > cut)


def _same_as_a_fresh_build(path) -> int | None:
    kept, ws = _opened(path)
    fresh, other = _opened(path, keep=False)
    try:
        for query in QUERIES:
            assert _found(kept, query) == _found(fresh, query), query
        assert set(kept.index.docs) == set(fresh.index.docs)
        return kept.caught_up
    finally:
        ws.close()
        other.close()


def _kept_file():
    (kept,) = index_cache.cache_folder().glob("*.index")
    return kept


def test_the_second_start_reads_the_kept_index_and_finds_the_same(large):
    assert _same_as_a_fresh_build(large) is None  # built, and kept
    kept = _kept_file()
    assert kept.stat().st_mode & 0o777 == 0o600  # the user's words: for the user alone
    assert _same_as_a_fresh_build(large) == 0  # read back, nothing to index again
    assert _kept_file() == kept


def test_records_changed_since_are_indexed_again(large):
    _same_as_a_fresh_build(large)
    ws = Workspace(large)
    try:
        story = ws.all_records("story")[0]
        ws.update("story", story.id, {"title": "Rebuilt the zanzibarian ledger overnight"})
        gone = ws.all_records("story")[1]
        ws.delete("story", gone.id)
        ws.add("question", {"text": "How does the quokkaform team measure success?"})
    finally:
        ws.close()
    assert _same_as_a_fresh_build(large) == 3
    search, ws = _opened(large)
    try:
        assert [h.key for h in search.search("zanzibarian")] == [("story", story.id)]
        assert ("story", gone.id) not in search.index.docs
        assert search.search("quokkaform")[0].kind_name == "question"
    finally:
        ws.close()


def test_a_file_changed_by_another_program_is_caught_up_too(large):
    _same_as_a_fresh_build(large)
    data = json.loads(large.read_text())
    table = data["story"]
    first = next(iter(table))
    table[first]["action"] = "Walked the floor with the night shift to hear the quietest voices."
    large.write_text(json.dumps(data))
    assert _same_as_a_fresh_build(large) == 1
    search, ws = _opened(large)
    try:
        assert ("story", int(first)) in [h.key for h in search.search("quietest voices")]
    finally:
        ws.close()


def test_many_changes_build_the_index_again(large):
    search, ws = _opened(large)
    indexed = len(search.index.docs)
    ws.close()
    ws = Workspace(large)
    try:
        with ws.batch():  # more than a quarter of the records indexed are new
            for n in range(int(index_cache.CATCH_UP_SHARE * indexed * 1.4)):
                ws.add("question", {"text": f"What does week {n} of the role look like?"})
    finally:
        ws.close()
    assert _same_as_a_fresh_build(large) is None  # built, not caught up


@pytest.mark.parametrize("damage", ["flipped", "cut short", "others can read it", "empty"])
def test_a_damaged_or_foreign_kept_index_is_passed_over(large, damage):
    _same_as_a_fresh_build(large)
    kept = _kept_file()
    blob = bytearray(kept.read_bytes())
    if damage == "flipped":
        blob[len(blob) // 2] ^= 0x20
        kept.write_bytes(bytes(blob))
    elif damage == "cut short":
        kept.write_bytes(bytes(blob[: len(blob) // 2]))
    elif damage == "others can read it":
        os.chmod(kept, 0o644)
    else:
        kept.write_bytes(b"")
    assert _same_as_a_fresh_build(large) is None  # built again, and kept again
    assert _same_as_a_fresh_build(large) == 0


def test_an_index_kept_by_other_search_code_is_passed_over(large, monkeypatch):
    _same_as_a_fresh_build(large)
    monkeypatch.setattr(index_cache, "_code", lambda: b"other code      ")
    assert _same_as_a_fresh_build(large) is None


def test_a_small_workspace_keeps_no_index(demo):
    demo.close()
    assert os.path.getsize(demo.path) < index_cache.MIN_SIZE
    assert _same_as_a_fresh_build(demo.path) is None
    assert not list(index_cache.cache_folder().glob("*.index"))


def test_a_cache_folder_that_cannot_be_written_costs_nothing(large, monkeypatch, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be")
    monkeypatch.setattr(index_cache, "cache_folder", lambda: blocked / "indexes")
    assert _same_as_a_fresh_build(large) is None
    assert _same_as_a_fresh_build(large) is None


async def test_the_app_starts_from_the_kept_index_and_finds_a_change_made_in_it(large):
    from conftest import make_app, settle, wait_for

    from tui.ui.search_screen import SearchScreen

    for session in range(2):
        ws = Workspace(large)
        app = make_app(ws)
        async with app.run_test(size=(120, 40)) as pilot:
            search = app.search
            await wait_for(pilot, lambda: search.ready)  # noqa: B023 (awaited here)
            if session == 0:
                assert search.caught_up is None  # built, and kept
                story = ws.all_records("story")[0]
                ws.update("story", story.id, {"title": "Mapped the zanzibarian supply chain"})
            else:
                assert search.caught_up == 1  # the story changed last time, and only it
                await pilot.press("slash")
                for ch in "zanzibarian":
                    await pilot.press(ch)
                await settle(pilot)
                assert isinstance(app.screen, SearchScreen)
                titles = [h.title for h in app.screen.hits]
                assert titles == ["Mapped the zanzibarian supply chain"]
        ws.close()


def test_what_a_killed_write_left_is_thrown_away_an_hour_later(large):
    folder = index_cache.cache_folder()
    folder.mkdir(parents=True)
    stale, recent = folder / ".a1b2.index.x1y2.tmp", folder / ".c3d4.index.z3w4.tmp"
    for left in (stale, recent):
        left.write_bytes(b"half of an index")
    os.utime(stale, (0, os.path.getmtime(stale) - 2 * 3600))
    _same_as_a_fresh_build(large)  # builds, and keeps its index
    assert not stale.exists()
    assert recent.exists()  # may be another window's write under way


def test_a_kept_index_wrong_inside_despite_its_checksum_is_built_again(large):
    """A kept file of the user's own, with a right checksum, whose records name words the
    index does not have: reading it back fails, and the index is built afresh instead."""
    from array import array

    from tui.core.thesaurus import thesaurus

    _same_as_a_fresh_build(large)
    kept = _kept_file()
    index = index_cache.load(kept, thesaurus())
    assert index is not None
    story_key = next(key for key in index.docs if key[0] == "story")
    index.docs[story_key].tokens = array("I", [10**8])
    index_cache.write(kept, index_cache.pack(index))
    ws = Workspace(large)
    try:  # changed, so the kept index takes the damaged record out
        ws.update("story", story_key[1], {"title": "Taught the night shift the new scanner"})
    finally:
        ws.close()
    assert _same_as_a_fresh_build(large) is None  # built, not caught up
