"""A save serialises only the records a change touched, and the lists of records are read again
only where a change touched them: the file and the lists must always be what a full reading and
a full serialisation would give, whatever the change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.core.demo import build_demo
from tui.core.repository import Workspace
from tui.core.requests import SaveRecord, Undo
from tui.core.storage import SaveError, _unwrap
from tui.core.undo import History


def full_text(ws: Workspace) -> str:
    """The whole document serialised at once, as the file was written before."""
    doc = ws.storage.read() or {}
    return json.dumps(_unwrap(doc), ensure_ascii=False, separators=(",", ":"))


def in_step(ws: Workspace, path: Path) -> None:
    """The file, the text in memory and every list are what reading afresh gives."""
    assert ws.document_text() == full_text(ws)
    assert path.read_text(encoding="utf-8") == ws.document_text()
    fresh = Workspace(path, read_only=True)
    for name in ("story", "question", "requirement", "concern", "opportunity", "interviewer"):
        mine = [(r.id, r.values, r.opportunity, r.problems) for r in ws.all_records(name)]
        theirs = [(r.id, r.values, r.opportunity, r.problems) for r in fresh.all_records(name)]
        assert mine == theirs, name
    fresh.close()


def test_every_kind_of_change_keeps_file_and_lists_in_step(tmp_path):
    path = tmp_path / "demo.json"
    ws = build_demo(path)
    for name in ("story", "requirement", "concern"):
        ws.all_records(name)  # read once: kept from now on
    in_step(ws, path)
    story = ws.add("story", {"title": "Löste das Problem — fast 🚀", "competencies": ["Ownership"]})
    in_step(ws, path)
    ws.update("story", story.id, {"result": "cut costs by 30%"})
    in_step(ws, path)
    req = ws.add("requirement", {"text": "on-call", "stories": [story.id]})
    concern = ws.add("concern", {"raised": "scale", "story": story.id})
    in_step(ws, path)
    ws.delete("story", story.id)  # unlinks it from the requirement and the concern
    assert ws.get("requirement", req.id)["stories"] == []
    assert ws.get("concern", concern.id)["story"] is None
    in_step(ws, path)
    with ws.batch():
        first = ws.add("story", {"title": "one of a batch"})
        ws.update("story", first.id, {"title": "renamed in the batch"})
    in_step(ws, path)
    opp = ws.active_id
    assert opp is not None
    ws.delete("opportunity", opp)  # takes its records with it
    in_step(ws, path)


def test_undo_and_a_failed_batch_keep_file_and_lists_in_step(tmp_path):
    path = tmp_path / "demo.json"
    ws = build_demo(path)
    stories = ws.all_records("story")
    history = History()
    before = ws.document_text()
    SaveRecord("story", stories[0].id, {"title": "changed, then undone"}).apply(ws)
    history.keep("saved story", before, ws.document_text())
    in_step(ws, path)
    Undo(history).apply(ws)
    assert ws.document_text() == before
    assert [r.title for r in ws.all_records("story")] == [r.title for r in stories]
    in_step(ws, path)
    with pytest.raises(RuntimeError), ws.batch():
        ws.add("story", {"title": "never saved"})
        raise RuntimeError("stopped half way")
    assert "never saved" not in [r.title for r in ws.all_records("story")]
    in_step(ws, path)


def test_a_damaged_record_goes_back_to_the_file_as_it_was(tmp_path):
    path = tmp_path / "w.json"
    Workspace(path).add("story", {"title": "sound"})
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["story"]["7"] = ["not", "a", "record"]
    doc["story"]["8"] = {"title": 42, "extra": {"kept": [1, 2]}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    ws = Workspace(path)
    assert [r.damaged for r in ws.all_records("story")] == [False, True, True]
    ws.add("story", {"title": "another"})
    text = path.read_text(encoding="utf-8")
    assert '"7":["not","a","record"]' in text and '"extra":{"kept":[1,2]}' in text
    in_step(ws, path)
    ws.update("story", 8, {"title": "mended"})
    assert [r.damaged for r in ws.all_records("story")] == [False, True, False, False]
    in_step(ws, path)


def test_a_file_changed_elsewhere_is_read_again_whole(tmp_path):
    path = tmp_path / "w.json"
    ws = Workspace(path)
    ws.add("story", {"title": "mine"})
    assert [r.title for r in ws.all_records("story")] == ["mine"]
    other = json.loads(path.read_text(encoding="utf-8"))
    other["story"]["1"]["title"] = "changed by a sync client"
    path.write_text(json.dumps(other), encoding="utf-8")
    with pytest.raises(SaveError, match="changed by another program"):
        ws.add("story", {"title": "refused"})
    assert [r.title for r in ws.all_records("story")] == ["changed by a sync client"]
    ws.add("story", {"title": "after"})
    in_step(ws, path)


def test_records_added_together_keep_the_order_they_were_added_in(tmp_path):
    path = tmp_path / "w.json"
    ws = Workspace(path)
    ws.add("story", {"title": "first"})
    assert [r.title for r in ws.all_records("story")] == ["first"]  # kept from now on
    titles = [f"added together {n}" for n in range(12)]
    with ws.batch():
        for title in titles:
            ws.add("story", {"title": title})
    assert [r.title for r in ws.all_records("story")] == ["first", *titles]
    in_step(ws, path)


def test_texts_made_ahead_of_the_first_save_keep_the_file_in_step(tmp_path):
    path = tmp_path / "demo.json"
    build_demo(path).close()
    ws = Workspace(path)
    assert not ws.storage.text.known
    ws.prepare_text()  # made without the lock, then kept
    assert ws.storage.text.known
    story = ws.all_records("story")[0]
    ws.update("story", story.id, {"result": "cut costs by 30%"})
    in_step(ws, path)
    ws.close()


def test_a_change_saved_while_the_texts_are_made_is_not_lost(tmp_path):
    path = tmp_path / "demo.json"
    build_demo(path).close()
    ws = Workspace(path)
    story = ws.all_records("story")[0]
    changed: list[object] = []

    def meanwhile() -> None:  # between two tables, the lock not held: a save goes through
        if not changed:
            changed.append(ws.update("story", story.id, {"title": "Renamed meanwhile"}))

    ws.prepare_text(pause=meanwhile)
    assert changed
    assert ws.get("story", story.id)["title"] == "Renamed meanwhile"
    in_step(ws, path)
    ws.update("story", story.id, {"result": "and saved again"})
    in_step(ws, path)
    ws.close()


def _change_meanwhile(tmp_path, failing) -> tuple[Workspace, Path]:
    """Texts made ahead of the first save while `failing(ws, story)` makes a change that
    fails or is taken back (TinyDB changes the records in place first); then another record
    is saved. Returns the workspace and its file."""
    path = tmp_path / "demo.json"
    build_demo(path).close()
    ws = Workspace(path)
    story = ws.all_records("story")[0]
    done: list[int] = []

    def meanwhile() -> None:  # between two tables, the lock not held
        if not done:
            done.append(1)
            failing(ws, story)
            ws.get("story", story.id)  # read again: the file as it is

    ws.prepare_text(pause=meanwhile)
    assert done
    other = ws.all_records("story")[1]
    ws.update("story", other.id, {"result": "another record saved"})
    return ws, path


def test_a_batch_that_fails_while_the_texts_are_made_never_reaches_the_file(tmp_path):
    def failing(ws: Workspace, story) -> None:
        with pytest.raises(RuntimeError), ws.batch():
            ws.update("story", story.id, {"title": "A change given up"})
            raise RuntimeError("a later step of the batch fails")

    ws, path = _change_meanwhile(tmp_path, failing)
    assert "A change given up" not in path.read_text(encoding="utf-8")
    in_step(ws, path)
    ws.close()


def test_a_save_the_disk_refused_while_the_texts_are_made_never_reaches_the_file(tmp_path):
    def failing(ws: Workspace, story) -> None:
        real = ws.storage._put

        def refuse(text: str) -> None:
            raise OSError(28, "No space left on device")

        ws.storage._put = refuse  # type: ignore[method-assign]
        try:
            with pytest.raises(SaveError):
                ws.update("story", story.id, {"title": "A change the disk refused"})
        finally:
            ws.storage._put = real  # type: ignore[method-assign]

    ws, path = _change_meanwhile(tmp_path, failing)
    assert "A change the disk refused" not in path.read_text(encoding="utf-8")
    in_step(ws, path)
    ws.close()


@pytest.mark.parametrize(
    ("nature", "addressed", "state"),
    [
        ("strength", False, "to reinforce"),
        ("strength", True, "to reinforce"),
        ("area to improve", False, "to do"),
        ("area to improve", True, "addressed"),
    ],
)
def test_a_strength_reads_to_reinforce_never_addressed(workspace, nature, addressed, state):
    """A strength counts as done for pane 1's checklist, but nothing about it was addressed:
    its State says so, whatever its Addressed flag (space flips it) says."""
    from tui.core.formatting import state_text

    workspace.add("opportunity", {"company": "Acme", "role": "Engineer"})
    item = workspace.add(
        "feedback", {"said": "Clear answers", "nature": nature, "addressed": addressed}
    )
    assert state_text(item) == state
