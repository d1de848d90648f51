"""An undo refused because another program changed the file says what happened to the undo,
what is shown now and how to get a deleted record back, and the next undo agrees with it."""

from __future__ import annotations

import json
import queue

from conftest import capture_notes, make_app, settle

from tui.core import requests
from tui.core.repository import NotFound, Workspace
from tui.core.save_queue import Change, SaveQueue
from tui.core.undo import NothingToUndo, NotUndone


def _run(saves: SaveQueue, changes: queue.Queue, ws: Workspace, request) -> Change:
    saves.submit(ws, request)
    return changes.get(timeout=30)


def _edit_other_by_hand(path, record_id: int) -> None:
    doc = json.loads(path.read_text())
    doc["story"][str(record_id)]["title"] = "Retitled in an editor, at some length"
    path.write_text(json.dumps(doc, indent=2))


def test_an_undo_over_a_file_changed_elsewhere_says_it_was_not_undone(db_path):
    ws = Workspace(db_path)
    gone = ws.add("story", {"title": "Deleted in the app"}).id
    other = ws.add("story", {"title": "Kept"}).id
    changes: queue.Queue[Change] = queue.Queue()
    saves = SaveQueue(changes.put)
    assert _run(saves, changes, ws, requests.DeleteRecord("story", gone)).ok
    _edit_other_by_hand(db_path, other)
    change = _run(saves, changes, ws, requests.Undo(saves.history))
    assert isinstance(change.error, NotUndone)
    told = str(change.error)
    assert told.startswith("Not undone:")
    assert "save again" not in told  # an undo is not saved again
    assert "finalround backups" in told and "finalround restore" in told
    # shown as the file is: the hand edit, and the record still deleted
    assert ws.get("story", other).values["title"].startswith("Retitled in an editor")
    try:
        ws.get("story", gone)
        raise AssertionError("the deleted story came back")
    except NotFound:
        pass
    again = _run(saves, changes, ws, requests.Undo(saves.history))
    assert isinstance(again.error, NothingToUndo)
    assert "another program changed the file" in str(again.error)
    assert saves.history.nothing_why == str(again.error)
    ws.close()


async def test_u_after_a_file_changed_elsewhere_tells_the_same_on_screen(db_path):
    ws = Workspace(db_path)
    ws.add("story", {"title": "Deleted in the app"})
    other = ws.add("story", {"title": "Kept"}).id
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = capture_notes(app)
        app.submit(requests.DeleteRecord("story", 1))
        await settle(pilot)
        _edit_other_by_hand(db_path, other)
        await pilot.press("u")
        await settle(pilot)
        assert any(n.startswith("Not undone:") for n in notes), notes
        await pilot.press("u")
        await settle(pilot)
        assert "another program changed the file" in notes[-1]
        assert app.is_running
