"""Search follows the file when the app reads it again after another program changed it; a
result whose record is gone since says so instead of stopping the app; the count is honest."""

from __future__ import annotations

import json

import pytest
from conftest import capture_notes, make_app, save_new_story, settle, text_of, wait_for
from textual.widgets import Input

from tui.core.repository import Workspace
from tui.core.search import WorkspaceSearch
from tui.core.storage import FileChangedError
from tui.ui.commands import OpenRecord
from tui.ui.search_screen import SearchScreen


def _three_stories(ws: Workspace) -> tuple[int, int, int]:
    kept = ws.add("story", {"title": "Alpha otter story"}).id
    renamed = ws.add("story", {"title": "Beta heron story"}).id
    deleted = ws.add("story", {"title": "Gamma walrus story"}).id
    return kept, renamed, deleted


def _edit_by_hand(path, renamed: int, deleted: int) -> None:
    """What another program (an editor, a sync client) does to the file."""
    doc = json.loads(path.read_text())
    stories = doc["story"]
    new = dict(stories[str(renamed)], title="Liveedit ocelot story")
    stories["99999"] = new
    stories[str(renamed)] = dict(stories[str(renamed)], title="Beta lynx story, retold")
    del stories[str(deleted)]
    path.write_text(json.dumps(doc, indent=2))


def _titles(search: WorkspaceSearch, text: str) -> set[str]:
    return {hit.title for hit in search.search(text, kinds=["story"])}


def test_the_index_catches_up_after_a_refused_save_read_the_file_again(db_path):
    ws = Workspace(db_path)
    _, renamed, deleted = _three_stories(ws)
    search = WorkspaceSearch(ws, with_starters=False, by_meaning=False)
    assert not search.stale
    _edit_by_hand(db_path, renamed, deleted)
    with pytest.raises(FileChangedError):
        ws.add("question", {"text": "Why this team?"})
    assert search.stale  # the file was read again: the index still holds the old records
    assert search.refresh() == 3  # one added, one retitled, one deleted
    assert not search.stale
    assert _titles(search, "ocelot") == {"Liveedit ocelot story"}
    assert _titles(search, "lynx") == {"Beta lynx story, retold"}
    assert _titles(search, "heron") == set()
    assert _titles(search, "walrus") == set()
    assert search.refresh() is None  # nothing more to do
    # changes made since are followed as before
    ws.add("story", {"title": "Delta okapi story"})
    assert _titles(search, "okapi") == {"Delta okapi story"}
    ws.close()


def test_a_take_over_reload_makes_the_index_stale(db_path):
    ws = Workspace(db_path)
    _, renamed, deleted = _three_stories(ws)
    search = WorkspaceSearch(ws, with_starters=False, by_meaning=False)
    _edit_by_hand(db_path, renamed, deleted)
    ws.reload()
    assert search.stale
    search.refresh()
    assert _titles(search, "ocelot") == {"Liveedit ocelot story"}
    ws.close()


def test_the_count_says_how_many_were_found_beyond_those_shown(db_path):
    ws = Workspace(db_path)
    for n in range(60):
        ws.add("story", {"title": f"Leadership story {n}"})
    search = WorkspaceSearch(ws, with_starters=False, by_meaning=False)
    hits, found = search.search_counted("leadership", limit=50)
    assert (len(hits), found) == (50, 60)
    hits, found = search.search_counted("kind:story", limit=10)
    assert (len(hits), found) == (10, 60)
    ws.close()


async def _search_for(pilot, text: str) -> None:
    app = pilot.app
    if not isinstance(app.screen, SearchScreen):
        await pilot.press("slash")
        await settle(pilot)
    app.screen.query_one("#search-input", Input).value = text
    await settle(pilot)


async def test_app_search_finds_the_file_as_it_is_after_a_refused_save(db_path):
    ws = Workspace(db_path)
    _, renamed, deleted = _three_stories(ws)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.search.ready)
        _edit_by_hand(db_path, renamed, deleted)
        await save_new_story(pilot, "Mine")  # refused: the file changed; it is read again
        await pilot.press("ctrl+s")  # saved, over the file as it is now
        await settle(pilot)
        await wait_for(pilot, lambda: not app.search.stale)
        await _search_for(pilot, "ocelot")
        await wait_for(pilot, lambda: "1 result" in text_of(app, "#search-count"))
        assert [h.title for h in app.screen.hits] == ["Liveedit ocelot story"]
        await _search_for(pilot, "walrus")
        assert "No match" in text_of(app, "#search-count")


async def test_opening_a_result_deleted_since_says_so_and_refreshes(db_path):
    ws = Workspace(db_path)
    _, renamed, deleted = _three_stories(ws)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = capture_notes(app)
        await wait_for(pilot, lambda: app.search.ready)
        await _search_for(pilot, "walrus")
        assert [h.id for h in app.screen.hits] == [deleted]
        _edit_by_hand(db_path, renamed, deleted)
        app.workspace.reload()  # as a take-over does: the results shown are from before
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert any("That story was deleted" in n for n in notes)
        assert isinstance(app.screen, SearchScreen)  # still searching, the results refreshed
        await wait_for(pilot, lambda: "No match" in text_of(app, "#search-count"))


async def test_a_record_gone_before_it_is_opened_elsewhere_is_told(db_path):
    ws = Workspace(db_path)
    _, renamed, deleted = _three_stories(ws)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = capture_notes(app)
        _edit_by_hand(db_path, renamed, deleted)
        app.workspace.reload()
        app.post_message(OpenRecord("story", deleted))  # as the palette or dashboard asks
        await settle(pilot)
        assert app.is_running
        assert any("That story was deleted" in n for n in notes)


async def test_the_search_screen_counts_all_that_were_found(db_path):
    ws = Workspace(db_path)
    for n in range(60):
        ws.add("story", {"title": f"Leadership story {n}"})
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.search.ready)
        await _search_for(pilot, "leadership")
        every = app.search.search("leadership", limit=100_000)  # as the command line's --limit
        assert len(every) > 60  # the stories and starter questions on leading
        assert f"The best 50 of {len(every)} results" in text_of(app, "#search-count")
        await _search_for(pilot, "leadership story 7")
        assert "result" in text_of(app, "#search-count")
