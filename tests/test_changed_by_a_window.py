"""When another Final Round window changed the workspace file, the messages say so ("another
Final Round window"), as its lock file's mark tells; when the mark does not name the file as it
is (an editor, a sync client), they keep saying "another program". Real files, real locks; each
window is a Workspace of its own, as a second `finalround` would open."""

from __future__ import annotations

import json
import queue
from pathlib import Path

import pytest
from conftest import SIZE, capture_notes, make_app, settle, type_text

from tui.core import requests
from tui.core.repository import Workspace
from tui.core.save_queue import Change, SaveQueue
from tui.core.storage import FileChangedError
from tui.core.undo import NothingToUndo, NotUndone
from tui.ui.form import RecordForm

WINDOW, PROGRAM = "another Final Round window", "another program"


def _two_windows(path: Path) -> tuple[Workspace, Workspace]:
    """Two windows that both write the file: the first one's lock file was removed while it
    held it (a folder clean-up), so the second took a lock of its own."""
    first = Workspace(path)
    first.add("story", {"title": "Kept the launch on track"})
    Path(f"{path}.lock").unlink()
    second = Workspace(path)
    assert not first.read_only and not second.read_only
    return first, second


def _edit_by_hand(path: Path) -> None:
    doc = json.loads(path.read_text())
    doc["story"]["1"]["title"] = "Retitled in an editor"
    path.write_text(json.dumps(doc, indent=2))


def test_a_save_over_another_windows_change_names_the_window(tmp_path):
    first, second = _two_windows(tmp_path / "workspace.json")
    second.add("story", {"title": "Written in the second window"})
    with pytest.raises(FileChangedError) as caught:
        first.add("story", {"title": "Written in the first window"})
    told = str(caught.value)
    assert WINDOW in told and PROGRAM not in told and "editor" not in told, told
    assert first.changed_by() == WINDOW and second.changed_by() == PROGRAM  # its own save


def test_an_editor_after_the_other_window_is_another_program(tmp_path):
    path = tmp_path / "workspace.json"
    first, second = _two_windows(path)
    second.add("story", {"title": "Written in the second window"})
    _edit_by_hand(path)  # the mark names the second window's version, not this one
    with pytest.raises(FileChangedError) as caught:
        first.add("story", {"title": "Written in the first window"})
    assert PROGRAM in str(caught.value) and WINDOW not in str(caught.value)


def _run(saves: SaveQueue, changes: queue.Queue, ws: Workspace, request) -> Change:
    saves.submit(ws, request)
    return changes.get(timeout=30)


def test_an_undo_refused_after_another_window_names_the_window(tmp_path):
    path = tmp_path / "workspace.json"
    first = Workspace(path)
    gone = first.add("story", {"title": "Deleted in the first window"}).id
    changes: queue.Queue[Change] = queue.Queue()
    saves = SaveQueue(changes.put)
    assert _run(saves, changes, first, requests.DeleteRecord("story", gone)).ok
    Path(f"{path}.lock").unlink()
    second = Workspace(path)
    second.add("story", {"title": "Written in the second window"})
    change = _run(saves, changes, first, requests.Undo(saves.history))
    assert isinstance(change.error, NotUndone)
    assert WINDOW in str(change.error) and PROGRAM not in str(change.error)
    again = _run(saves, changes, first, requests.Undo(saves.history))
    assert isinstance(again.error, NothingToUndo)
    assert f"{WINDOW} changed the file" in str(again.error)


async def test_a_record_deleted_in_the_other_window_while_edited_here(tmp_path):
    """This window opened read-only while the other held the file; the other deletes the story
    being edited here and closes: the save here takes the file over and says who deleted it."""
    path = tmp_path / "workspace.json"
    other = Workspace(path)
    story = other.add("story", {"title": "Led the migration"}).id
    here = Workspace(path)
    assert here.read_only
    app = make_app(here)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm) and form.record is not None
        assert form.record.id == story
        await pilot.press("end")
        await type_text(pilot, " fast")
        other.delete("story", story)
        other.close()
        notes = capture_notes(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert f"deleted by {WINDOW}" in notes[-1], notes
