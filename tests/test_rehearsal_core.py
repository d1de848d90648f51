"""Attempts, the migration of the old 'practised' flag, next actions, one-key states and undo,
on real workspace files."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tui.core import readiness
from tui.core.backups import backups
from tui.core.clock import hold
from tui.core.interview import interview_heading
from tui.core.next_actions import NOTES, REHEARSE, next_actions
from tui.core.rehearsal import attempts_by_item, spoken_line, spoken_seconds
from tui.core.repository import SCHEMA_VERSION, Workspace
from tui.core.states import MAIN_STATE, flip
from tui.core.undo import History, NothingToUndo


def test_old_practised_flag_becomes_one_imported_attempt_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    old = {
        "_meta": {"1": {"schema": 1, "active": None}},
        "practice": {
            "1": {"text": "Why us?", "notes": "", "story": None, "practised": True,
                  "_opportunity": None, "_created": "2026-01-02 10:00:00",
                  "_updated": "2026-01-03 11:00:00"},
            "2": {"text": "Why now?", "notes": "", "story": None, "practised": False,
                  "_opportunity": None, "_created": "", "_updated": ""},
        },
    }  # fmt: skip
    path.write_text(json.dumps(old))
    ws = Workspace(path)
    assert any(f"before-schema-{SCHEMA_VERSION}" in b.name for b in backups(path))
    attempts = ws.all_records("attempt")
    assert [(a["item"], a["imported"], a["started"]) for a in attempts] == [
        ("practice:1", True, "2026-01-03 11:00")
    ]
    stored = json.loads(path.read_text())
    assert (
        "practised" not in stored["practice"]["1"]
        and stored["_meta"]["1"]["schema"] == SCHEMA_VERSION
    )
    ws.close()
    # opened again: nothing moved twice
    again = Workspace(path)
    assert len(again.all_records("attempt")) == 1
    again.close()


def test_checklist_counts_practice_from_attempts(demo: Workspace) -> None:
    snap = readiness.Snapshot(demo)
    practised = sum(1 for p in snap("practice") if snap.practised(p))
    assert practised == 4  # the demo's attempts, not a flag
    question = next(p for p in demo.all_records("practice") if not snap.practised(p))
    flip(demo, question)  # space: an untimed attempt
    assert "5 practised" in readiness.summary(demo, 6)


def test_stories_told_are_counted_from_the_attempts(demo: Workspace) -> None:
    """Pane 4's "told" check counts each story rehearsed once, whatever else was rehearsed,
    and is done only when every story was."""

    def told() -> readiness.Check:
        checks = readiness.checklist(demo, 4, readiness.Snapshot(demo))
        return next(c for c in checks if c.detail.endswith(" told"))

    snap = readiness.Snapshot(demo)
    stories = snap("story")
    said = sum(1 for r in stories if snap.practised(r))
    assert 0 < said < len(stories)
    assert told().detail == f"{said} of {len(stories)} told" and told().done is False
    for story in stories:
        if not snap.practised(story):
            flip(demo, story)  # space: an untimed attempt
    assert told().detail == f"{len(stories)} of {len(stories)} told" and told().done is True


def test_only_an_attempt_naming_a_record_as_written_counts_it(demo: Workspace) -> None:
    """An attempt's item is free text in the file: "story:03" or "story:²" (a digit to
    Python, no number to int) is not story 3, and does not stop the count."""
    snap = readiness.Snapshot(demo)
    story = snap("story")[0]
    attempts = snap.attempts()
    attempts.clear()
    for item in (f"story:0{story.id}", "story:²", f"story:{story.id}.0", f"practice:{story.id}"):
        attempts[item] = []
    assert snap.practised_count([story]) == 0
    attempts[f"story:{story.id}"] = []
    snap._practised_ids = None  # made again from the attempts as they are now
    assert snap.practised_count([story]) == 1
    # records of several kinds: each counted under its own kind ("practice:N" is not story N)
    practice = next(p for p in snap("practice") if p.id != story.id)
    assert snap.practised_count([story, practice]) == 1
    attempts[f"practice:{practice.id}"] = []
    snap._practised_ids = None
    assert snap.practised_count([story, practice, story]) == 3
    assert snap.practised_count([]) == 0


def test_the_count_of_practised_records_agrees_with_each_records_attempts(demo: Workspace):
    snap = readiness.Snapshot(demo)
    for name in ("story", "practice"):
        records = snap(name)
        assert records
        assert snap.practised_count(records) == sum(map(snap.practised, records))


def test_spoken_length_from_words_and_rate(workspace: Workspace) -> None:
    story = workspace.add("story", {"title": "Long one", "action": " ".join(["word"] * 420)})
    assert spoken_seconds(story) == pytest.approx(180)
    line = spoken_line(story, [])
    assert line.startswith("~3:00") and "long" in line
    assert spoken_line(story, [], rate=210).startswith("~2:00")


def test_a_story_with_only_a_title_has_nothing_to_time(workspace: Workspace) -> None:
    story = workspace.add("story", {"title": "Led the migration"})
    line = spoken_line(story, [])
    assert "0:00" not in line and line.startswith("nothing to time yet"), line


def test_next_actions_in_order_of_urgency(demo: Workspace) -> None:
    ended = (datetime.now() - timedelta(hours=7)).strftime("%Y-%m-%d %H:%M")
    demo.add("interviewer", {"name": "Ada Lindqvist", "ended_at": ended})
    actions = next_actions(readiness.Snapshot(demo))
    assert len(actions) >= 5
    first = actions[0]
    assert first.urgency == NOTES and first.text == "Send the note to Ada Lindqvist"
    assert first.place == "8" and first.when.startswith("16 h")
    assert [a.urgency for a in actions] == sorted(a.urgency for a in actions)
    assert any(a.place == REHEARSE for a in actions)
    for action in actions:
        if action.kind_name in ("concern", "requirement", "story", "research", "feedback"):
            record = demo.get(action.kind_name, action.record_id or 0)
            assert not record.kind.is_done(record.values)


def test_heading_follows_the_clock() -> None:
    at = datetime(2026, 3, 3, 10, 0)
    assert interview_heading(at, at - timedelta(hours=14), 6, 0) == (
        "Interview tomorrow at 10:00 - 6 next steps below"
    )
    assert interview_heading(at, at - timedelta(hours=2), 1, 0).startswith("Interview today")
    assert interview_heading(at, at + timedelta(hours=3), 4, 3).startswith(
        "Follow-ups due: 3 thank-you notes - "
    )


def test_the_rehearsal_action_counts_items_due_by_the_clock(demo: Workspace) -> None:
    def due_count() -> int:
        rehearse = [a for a in next_actions(readiness.Snapshot(demo)) if a.place == REHEARSE]
        return int(rehearse[0].text.split()[1]) if rehearse else 0

    now = due_count()
    # a round after the month to come: rehearsal goes on for it once the demo's rounds are over
    start, end = (datetime.now() + timedelta(days=40, hours=h) for h in (0, 1))
    times = {"start_at": f"{start:%Y-%m-%d %H:%M}", "end_at": f"{end:%Y-%m-%d %H:%M}"}
    demo.add("round", {"name": "Offer call", **times}, demo.active_id)
    try:
        hold(datetime.now() + timedelta(days=30))  # a month on, every item is due again
        later = due_count()
    finally:
        hold(None)
    assert 0 < now < later


@pytest.mark.parametrize("kind_name", sorted(MAIN_STATE))
def test_flip_then_undo_returns_the_record(demo: Workspace, kind_name: str) -> None:
    history = History()
    record = demo.all_records(kind_name)[0]
    attempts_before = attempts_by_item(demo)
    before = demo.document_text()
    flip(demo, record)
    history.keep("flip", before, demo.document_text())
    assert demo.document_text() != before
    history.undo(demo)
    assert demo.get(kind_name, record.id).values == record.values
    assert attempts_by_item(demo) == attempts_before


def test_undo_brings_back_a_deleted_story_with_its_links(demo: Workspace) -> None:
    history = History()
    story = demo.all_records("story")[0]
    citing = [r for r in demo.all_records("requirement") if story.id in r["stories"]]
    assert citing
    before = demo.document_text()
    demo.delete("story", story.id)
    history.keep("deleted", before, demo.document_text())
    assert history.undo(demo) == "deleted"
    assert demo.get("story", story.id).values == story.values
    for requirement in citing:
        assert story.id in demo.get("requirement", requirement.id)["stories"]
    with pytest.raises(NothingToUndo):
        history.undo(demo)


def test_undo_refuses_when_the_workspace_changed_otherwise(demo: Workspace) -> None:
    history = History()
    before = demo.document_text()
    demo.add("question", {"text": "One"})
    history.keep("added", before, demo.document_text())
    demo.add("question", {"text": "Two, not through the history"})
    with pytest.raises(NothingToUndo, match="changed in another way"):
        history.undo(demo)
    assert {"One", "Two, not through the history"} <= {
        q["text"] for q in demo.all_records("question")
    }


def test_undo_tells_listeners_what_came_back(workspace: Workspace) -> None:
    history = History()
    seen: list[tuple[str, str]] = []
    workspace.subscribe(lambda event, record: seen.append((event, record.title)))
    story = workspace.add("story", {"title": "Kept"})
    before = workspace.document_text()
    workspace.delete("story", story.id)
    history.keep("deleted", before, workspace.document_text())
    seen.clear()
    history.undo(workspace)
    assert seen == [("added", "Kept")]
    assert json.loads(workspace.path.read_text())["story"]["1"]["title"] == "Kept"
