"""A workspace file another program leaves unreadable, or takes away, while Final Round has it
open: saves are refused with a message saying so, the file is left as it is, the workspace
shows what it held, typed text stays in the form (and in a file), and nothing crashes."""

from __future__ import annotations

import json

import pytest
from conftest import SIZE, capture_notes, make_app, settle, type_text

from tui.core.repository import Workspace
from tui.core.storage import FileChangedError, FileUnusableError
from tui.ui.form import RecordForm


def reopened(demo: Workspace) -> Workspace:
    """The demo file opened afresh, as a start of the app reads it (never written yet)."""
    demo.close()
    return Workspace(demo.path)


def test_a_file_made_unreadable_is_never_written_and_the_workspace_stays(demo):
    ws = reopened(demo)
    titles = [s.title for s in ws.all_records("story")]
    good = ws.path.read_bytes()
    ws.path.write_bytes(good[:5000])  # cut short by another program
    for _ in range(2):  # every save is refused the same way, not once
        with pytest.raises(FileUnusableError, match="can no longer be read"):
            ws.update("story", 1, {"title": "mine"})
        assert ws.path.read_bytes() == good[:5000]
        assert [s.title for s in ws.all_records("story")] == titles  # as it was, unchanged
    ws.path.write_bytes(good)  # the file is put back: saves work again, on the file as it is
    with pytest.raises(FileChangedError):
        ws.update("story", 1, {"title": "mine"})
    ws.update("story", 1, {"title": "mine"})
    ws.close()
    assert Workspace(demo.path, read_only=True).get("story", 1).title == "mine"


def test_a_file_taken_away_is_written_back_only_when_saved_again(demo):
    ws = reopened(demo)
    count = len(ws.all_records("question"))
    ws.path.unlink()
    with pytest.raises(FileUnusableError, match="deleted or moved"):
        ws.add("story", {"title": "new one"})
    assert not ws.path.exists()  # never a nearly empty file in its place, unasked
    assert len(ws.all_records("question")) == count
    ws.add("story", {"title": "new one"})  # told, and saved again: written back whole
    ws.close()
    back = Workspace(demo.path, read_only=True)
    assert len(back.all_records("question")) == count
    assert "new one" in [s.title for s in back.all_records("story")]


async def test_a_form_saved_over_an_unreadable_file_keeps_its_text(demo):
    ws = reopened(demo)
    app = make_app(ws)
    good = ws.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        await pilot.press("end")
        await type_text(pilot, " TYPED")
        typed = app.screen.collect()["title"]
        assert typed.endswith(" TYPED")
        ws.path.write_bytes(good[:5000])
        notes = capture_notes(app)
        for _ in range(2):
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, RecordForm) and app.screen.collect()["title"] == typed
            assert "can no longer be read" in notes[-1] and "kept in" in notes[-1], notes
        kept = list((ws.path.parent / "exports").glob("unsaved-edit-of-story-*.txt"))
        assert len(kept) == 1 and typed in kept[0].read_text()
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")  # drop the form: its text is kept
        await settle(pilot)
        await pilot.press("6")  # a flip from a pane is refused alike, twice
        await settle(pilot)
        for _ in range(2):
            await pilot.press("space")
            await settle(pilot)
            assert "can no longer be read" in notes[-1], notes
        assert app.is_running
    assert ws.path.read_bytes() == good[:5000]


async def test_a_file_taken_away_from_an_open_pane_asks_before_writing(demo):
    ws = reopened(demo)
    app = make_app(ws)
    doc = json.loads(ws.path.read_text())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await settle(pilot)
        ws.path.unlink()
        notes = capture_notes(app)
        await pilot.press("space")
        await settle(pilot)
        assert "deleted or moved" in notes[-1] and "Save again" in notes[-1], notes
        assert not ws.path.exists()
        await pilot.press("space")  # told; asked again: the workspace goes back whole
        await settle(pilot)
        assert app.is_running
    back = json.loads(ws.path.read_text())
    assert all(len(back[name]) >= len(table) for name, table in doc.items())
    assert len(back["asked_them"]) == len(doc["asked_them"]) + 1  # the flip, saved


async def test_a_record_deleted_elsewhere_while_edited_is_saved_as_new_when_asked(demo):
    ws = reopened(demo)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm) and form.record is not None
        edited = form.record.id
        await pilot.press("end")
        await type_text(pilot, " TYPED")
        typed = form.collect()["title"]
        doc = json.loads(ws.path.read_text())
        del doc["story"][str(edited)]  # another program deletes the story
        ws.path.write_text(json.dumps(doc))
        count = len(doc["story"])
        notes = capture_notes(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and form.collect()["title"] == typed
        assert "deleted by another program" in notes[-1] and "new story" in notes[-1], notes
        assert len(json.loads(ws.path.read_text())["story"]) == count  # nothing saved unasked
        await pilot.press("ctrl+s")  # asked: saved as a new story
        await settle(pilot)
        assert app.screen is not form
    stories = json.loads(ws.path.read_text())["story"]
    assert len(stories) == count + 1 and str(edited) not in stories
    assert typed in [s["title"] for s in stories.values()]
