"""The command line's stored search index: one query reads only the records it needs, and a
stored file that is cut short or not ours is never trusted."""

from __future__ import annotations

from tui.core.repository import Workspace
from tui.core.search import WorkspaceSearch
from tui.core.search_cache import StoredDocs, _load, stored_search


def _add_stories(path, n: int) -> None:
    ws = Workspace(path)
    with ws.batch():
        for i in range(n):
            ws.add("story", {"title": f"Story {i} about pipelines", "action": "Wrote the plan."})
    ws.add("story", {"title": "Mentored a new hire through the quarterly forecast"})
    ws.close()


def test_a_stored_index_reads_back_only_the_records_a_query_needs(demo, tmp_path):
    demo.close()
    _add_stories(demo.path, 300)
    folder = tmp_path / "cache"
    stored_search(demo.path, folder)  # builds and stores
    again = stored_search(demo.path, folder)
    docs = again.index._by_number
    assert isinstance(docs, StoredDocs)
    assert len(docs) == len(WorkspaceSearch(Workspace(demo.path, read_only=True)).index)
    hits = again.search("quartrly forcast")
    assert hits[0].title == "Mentored a new hire through the quarterly forecast"
    read = len(docs._made)
    assert 0 < read < len(docs) // 10  # a rare word: a few records read, not the 300 others
    # every record still reads back whole when a query asks for all of them
    listed = again.search("kind:story", limit=1000)
    assert len(listed) == demo_story_count(demo.path)
    assert {h.title for h in listed} >= {"Story 7 about pipelines", hits[0].title}


def demo_story_count(path) -> int:
    ws = Workspace(path, read_only=True)
    try:
        return ws.count("story")
    finally:
        ws.close()


def test_a_stored_index_cut_short_or_open_to_others_is_built_again(demo, tmp_path):
    demo.close()
    folder = tmp_path / "cache"
    expected = [(h.key, h.score) for h in stored_search(demo.path, folder).search("biuld time")]
    (stored,) = folder.glob("*.index")
    data = stored.read_bytes()
    stored.write_bytes(data[: len(data) - 100])  # cut short
    assert [(h.key, h.score) for h in stored_search(demo.path, folder).search("biuld time")] == (
        expected
    )
    assert _load(stored) is not None  # written again whole
    stored.chmod(0o644)  # others could have changed it: not read, written again privately
    assert [(h.key, h.score) for h in stored_search(demo.path, folder).search("biuld time")] == (
        expected
    )
    assert stored.stat().st_mode & 0o777 == 0o600


# modules behind the index that do not shape what is stored of it, and why
NOT_STORED = {
    "search_scores.py": "ranks at query time",
    "clock.py": "the time now",
    "timing.py": "the time left until an interview or a deadline",
    "private.py": "how files are written",
    "content.py": "finds and parses content files, whose bytes are in the digest",
    "content_cache.py": "keeps parsed content files, whose bytes are in the digest",
    "round_times.py": "checks a round's times when a record is saved",
}


def test_every_module_that_shapes_a_stored_index_is_in_its_key():
    """A stored index read back after the code that made it changed would answer with the
    old records' words: every module the index is made with is part of its key."""
    import ast
    from pathlib import Path

    from tui.core import search_cache

    core = Path(search_cache.__file__).parent

    def imported(name: str) -> set[str]:
        found = set()
        for node in ast.walk(ast.parse((core / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module] if node.module else [a.name for a in node.names]
                found |= {n.split(".")[0] + ".py" for n in names}
        return {f for f in found if (core / f).is_file()}

    behind: set[str] = set()
    todo = ["search_index.py", "search_bulk.py", "thesaurus.py"]  # what makes the index
    while todo:
        name = todo.pop()
        if name not in behind:
            behind.add(name)
            todo += imported(name)
    missing = behind - set(search_cache._SOURCES) - set(NOT_STORED)
    assert not missing
