"""Undo keeps, for each change, only the records it touched (their text before and after), on
real workspace files through the save thread: what it holds grows with the changes, not with
the workspace, and taking a change back leaves the file as it was, byte for byte."""

from __future__ import annotations

import errno
import json
import queue
import re
from pathlib import Path

import pytest

from tui.core import requests, storage
from tui.core.export import import_json, to_json
from tui.core.repository import Workspace
from tui.core.save_queue import Change, SaveQueue
from tui.core.storage import FileChangedError, SaveError
from tui.core.undo import DEPTH, History, NothingToUndo


class Saves:
    """A save thread over one workspace, as the app has, with its undo history."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._changes: queue.Queue[Change] = queue.Queue()
        self.queue = SaveQueue(self._changes.put)

    def run(self, request: requests.Request) -> Change:
        self.queue.submit(self.ws, request)
        return self._changes.get(timeout=30)

    def undo(self) -> Change:
        return self.run(requests.Undo(self.queue.history))


def large_workspace(path: Path, stories: int) -> Workspace:
    """A real workspace file of `stories` stories of some length, written at once (adding
    them one by one through the workspace takes long at this size), then opened."""
    ws = Workspace(path)
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    model = ws.add("story", {"title": "Model", "situation": "word " * 60, "action": "act " * 90})
    ws.close()
    doc = json.loads(path.read_text(encoding="utf-8"))
    stored = doc["story"].pop(str(model.id))
    doc["story"] = {str(i): {**stored, "title": f"Story {i}"} for i in range(1, stories + 1)}
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return Workspace(path)


def held_after_changes(path: Path, stories: int) -> tuple[int, int]:
    """The text undo holds after DEPTH edits of stories, and the size of the file."""
    ws = large_workspace(path, stories)
    saves = Saves(ws)
    for n in range(DEPTH):
        change = saves.run(requests.SaveRecord("story", n + 1, {"title": f"Edited {n}"}))
        assert change.ok, change.error
    assert len(saves.queue.history) == DEPTH
    held = saves.queue.history.size
    size = len(path.read_text(encoding="utf-8"))
    ws.close()
    return held, size


def test_what_undo_holds_grows_with_the_changes_not_the_workspace(tmp_path):
    small_held, small_size = held_after_changes(tmp_path / "small.json", 200)
    large_held, large_size = held_after_changes(tmp_path / "large.json", 4000)
    assert large_size > 15 * small_size
    # the same edits hold about the same text at either size (the titles' digits differ)...
    assert large_held <= small_held * 1.05
    # ... each of them a story before and after, not the workspace
    story_text = large_size / 4000
    assert large_held <= DEPTH * 2 * story_text * 1.2
    assert large_held < large_size / 20


def test_undo_of_many_changes_gives_the_file_back_byte_for_byte(demo: Workspace):
    path = demo.path
    original = path.read_text(encoding="utf-8")
    saves = Saves(demo)
    stories = demo.all_records("story")
    steps = [
        requests.SaveRecord("story", None, {"title": "A new story"}),
        requests.SaveRecord("story", stories[0].id, {"result": "cut costs by a third"}),
        requests.DeleteRecord("story", stories[1].id),  # unlinked from what cited it
        requests.SetSignature("Ada Ortega"),  # notes follow in the same save
        requests.SaveRecord("question", None, {"text": "What would you change first?"}),
        requests.DeleteRecord("story", stories[2].id),
        requests.FlipState("question", demo.all_records("question")[0].id),
    ]
    for request in steps:
        assert saves.run(request).ok
    assert path.read_text(encoding="utf-8") != original
    for _ in steps:
        change = saves.undo()
        assert change.ok, change.error
    # every record as it was, byte for byte; only the highest ids ever given stay raised, so
    # that the new story's and question's ids are never given to another record
    assert without_marks(path.read_text(encoding="utf-8")) == without_marks(original)
    assert without_marks(demo.document_text()) == without_marks(original)
    before, after = marks_in(original), demo.last_ids()
    # flipping the question to asked added the record of it asked in the round
    raised = {"story": 1, "question": 1, "asked_them": 1}
    assert after == {name: n + raised.get(name, 0) for name, n in before.items()}
    assert [r.title for r in demo.all_records("story")] == [r.title for r in stories]
    assert not saves.undo().ok  # nothing left to undo
    assert demo.add("story", {"title": "Another"}).id == before["story"] + 2


MARKS = re.compile(r'"2":\{"last_ids":\{[^}]*\}\}')


def without_marks(text: str) -> str:
    """The workspace text with its record of the ids ever given left out."""
    assert len(MARKS.findall(text)) == 1
    return MARKS.sub("", text)


def marks_in(text: str) -> dict[str, int]:
    return json.loads(text)["_meta"]["2"]["last_ids"]


def test_undo_of_a_delete_puts_everything_back_where_it_stood(demo: Workspace):
    """An opportunity takes its own records with it, from several tables, and the active
    opportunity changes: undoing brings all of it back, in the order it had."""
    path = demo.path
    original = path.read_text(encoding="utf-8")
    opp = demo.active_id
    assert opp is not None
    before = {name: [r.id for r in demo.all_records(name)] for name in ("requirement", "round")}
    own = [r.id for r in demo.scoped_records("requirement", opp)]
    assert all(before.values()) and own
    saves = Saves(demo)
    told: list[tuple[str, str]] = []
    demo.subscribe(lambda event, record: told.append((event, record.kind.name)))
    deleted = saves.run(requests.DeleteRecord("opportunity", opp))
    assert deleted.ok and len(deleted.records("deleted")) > 3
    assert not {r.id for r in demo.all_records("requirement")} & set(own)
    told.clear()
    assert saves.undo().ok
    assert path.read_text(encoding="utf-8") == original
    assert demo.active_id == opp
    assert {name: [r.id for r in demo.all_records(name)] for name in before} == before
    assert ("added", "opportunity") in told and ("added", "requirement") in told
    assert all(event == "added" for event, _ in told)


def test_undo_of_a_batch_takes_back_every_record_and_the_table_it_made(workspace: Workspace):
    saves = Saves(workspace)
    assert saves.run(requests.SaveRecord("opportunity", None, {"company": "Acme", "role": "SRE"}))
    opp = workspace.active_id
    assert opp is not None
    original = workspace.path.read_text(encoding="utf-8")
    assert '"requirement"' not in original
    kept = (("on-call", "must-have"), ("Go", "nice-to-have"), ("mentoring", "must-have"))
    added = saves.run(requests.AddRequirements(opp, kept))
    assert added.ok
    # what to do next names the key that links a story (l), and the undo does not repeat it
    assert added.request.done_text(workspace, None) == (
        "Added 3 requirements to Acme. Link a story to each in pane 2 (l on the requirement)."
    )
    assert len(workspace.all_records("requirement")) == 3
    undone = saves.undo()
    assert undone.ok
    assert undone.request.done_text(workspace, None) == "Undone: Added 3 requirements to Acme."
    assert workspace.all_records("requirement") == []
    after = workspace.path.read_text(encoding="utf-8")
    assert without_marks(after) == without_marks(original)  # the table is gone too
    assert marks_in(after) == {"opportunity": 1, "requirement": 3}  # the ids stay given
    assert saves.undo().ok  # the opportunity, the step before
    assert workspace.all_records("opportunity") == []
    assert workspace.add("opportunity", {"company": "Beta", "role": "SRE"}).id == 2


def test_undo_refuses_once_another_program_changed_the_file(workspace: Workspace):
    """The first undo finds the file changed on disk and writes nothing over it; the views
    then show the file as it is, and undo refuses from then on, as after any outside change."""
    saves = Saves(workspace)
    story = saves.run(requests.SaveRecord("story", None, {"title": "Mine"})).record
    assert story is not None
    assert saves.run(requests.SaveRecord("story", story.id, {"title": "Mine, edited"})).ok
    doc = json.loads(workspace.path.read_text(encoding="utf-8"))
    doc["story"][str(story.id)]["title"] = "Theirs"  # a sync client's version of the record
    outside = json.dumps(doc) + "\n"
    workspace.path.write_text(outside, encoding="utf-8")
    first = saves.undo()
    assert isinstance(first.error, FileChangedError)
    assert workspace.path.read_text(encoding="utf-8") == outside
    refused = saves.undo()
    assert isinstance(refused.error, NothingToUndo)
    assert "another program changed the file" in str(refused.error)  # as the first undo said
    assert len(saves.queue.history) == 0
    assert workspace.get("story", story.id).title == "Theirs"
    assert workspace.path.read_text(encoding="utf-8") == outside


def test_undo_still_applies_after_a_save_the_disk_refused(workspace: Workspace, monkeypatch):
    """The file keeps its last good save, so the change before still comes undone."""
    saves = Saves(workspace)
    story = saves.run(requests.SaveRecord("story", None, {"title": "Mine"})).record
    assert story is not None

    # A full disk cannot be had on a test machine: the write fails as the system makes it fail.
    def refuse(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "atomic_write_text", refuse)
    failed = saves.run(requests.SaveRecord("story", story.id, {"title": "Never saved"}))
    assert isinstance(failed.error, SaveError)
    monkeypatch.undo()  # the disk has room again
    undone = saves.undo()
    assert undone.ok, undone.error
    assert workspace.all_records("story") == []
    assert "Mine" not in workspace.path.read_text(encoding="utf-8")


def test_undo_refuses_after_a_change_outside_the_history_to_a_touched_record(
    workspace: Workspace,
):
    saves = Saves(workspace)
    story = saves.run(requests.SaveRecord("story", None, {"title": "Mine"})).record
    assert story is not None
    workspace.update("story", story.id, {"title": "Changed by another window's request"})
    refused = saves.undo()
    assert isinstance(refused.error, NothingToUndo)
    assert "changed in another way" in str(refused.error)
    assert workspace.get("story", story.id).title == "Changed by another window's request"


def test_undo_after_an_import_refuses_and_keeps_what_was_imported(tmp_path: Path):
    """Importing replaces the file and the workspace is opened again: the changes made before
    cannot be undone over it, the ones made after can."""
    path = tmp_path / "w.json"
    ws = Workspace(path)
    saves = Saves(ws)
    assert saves.run(requests.SaveRecord("story", None, {"title": "Before the import"})).ok
    other = Workspace(tmp_path / "other.json")
    other.add("story", {"title": "Imported"})
    export = to_json(other)
    other.close()
    history = saves.queue.history
    import_json(export, path, replace=True, take_lock=False)  # the app holds the lock
    ws.close()
    ws = Workspace(path)  # as the app opens the file again after an import
    saves.ws = ws
    assert saves.run(requests.SaveRecord("story", None, {"title": "After the import"})).ok
    assert len(history) == 2
    assert saves.undo().ok
    assert [r.title for r in ws.all_records("story")] == ["Imported"]
    refused = saves.undo()
    assert isinstance(refused.error, NothingToUndo)
    assert "changed in another way" in str(refused.error)
    assert [r.title for r in ws.all_records("story")] == ["Imported"]
    ws.close()


@pytest.mark.parametrize("kind_name", ["story", "question"])
def test_a_record_added_then_undone_leaves_the_lists_as_a_fresh_reading(demo, kind_name):
    values = {"title": "Passing"} if kind_name == "story" else {"text": "Passing?"}
    before = [(r.id, r.values) for r in demo.all_records(kind_name)]
    saves = Saves(demo)
    assert saves.run(requests.SaveRecord(kind_name, None, values)).ok
    assert saves.undo().ok
    fresh = Workspace(demo.path, read_only=True)
    assert [(r.id, r.values) for r in demo.all_records(kind_name)] == before
    assert [(r.id, r.values) for r in fresh.all_records(kind_name)] == before
    fresh.close()


def test_a_save_that_only_puts_records_in_another_order_is_taken_back(demo: Workspace):
    """The app only ever adds records last; a file written otherwise (records in another
    order, nothing else changed) still counts as a change, and undoing it restores the order."""
    original = demo.path.read_text(encoding="utf-8")
    ids = [r.id for r in demo.all_records("story")]
    history = History()
    with demo.recording() as edit:
        data = demo.storage.read() or {}
        data["story"] = dict(reversed(list(data["story"].items())))
        demo.storage.write(data)  # the storage itself: no change of the workspace does this
    assert demo.path.read_text(encoding="utf-8") != original
    history.record("reordered", edit)
    assert len(history) == 1
    assert [r.id for r in demo.all_records("story")] == ids[::-1]
    assert history.undo(demo) == "reordered"
    assert demo.path.read_text(encoding="utf-8") == original
    assert [r.id for r in demo.all_records("story")] == ids
    # the same from whole texts
    data["story"] = dict(reversed(list(data["story"].items())))
    demo.storage.write(data)
    history.keep("reordered", original, demo.document_text())
    history.undo(demo)
    assert demo.path.read_text(encoding="utf-8") == original


def test_the_lists_kept_in_memory_stay_in_the_files_order(demo: Workspace):
    """A new record is put last in the list kept in memory, without reading the others
    again; a deleted one brought back goes back to its place, as a fresh reading has it."""

    def fresh_order() -> list[int]:
        fresh = Workspace(demo.path, read_only=True)
        ids = [r.id for r in fresh.all_records("story")]
        fresh.close()
        return ids

    saves = Saves(demo)
    ids = [r.id for r in demo.all_records("story")]
    middle = ids[len(ids) // 2]
    assert saves.run(requests.DeleteRecord("story", middle)).ok
    assert [r.id for r in demo.all_records("story")] == fresh_order()
    for title in ("Newest", "Newer still"):
        assert saves.run(requests.SaveRecord("story", None, {"title": title})).ok
        kept = demo.all_records("story")
        assert [r.id for r in kept] == fresh_order() and kept[-1].title == title
    for _ in range(3):
        assert saves.undo().ok
    assert [r.id for r in demo.all_records("story")] == ids == fresh_order()
