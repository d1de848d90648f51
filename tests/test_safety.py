"""Nothing lost: one writer per file, backups, unreadable files, disks that refuse, saves that
never freeze the screen."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SIZE, capture_notes, make_app, save_new_story, settle

from tui.core import backups, storage
from tui.core.repository import Workspace
from tui.core.requests import SaveRecord
from tui.core.storage import SaveError

HOLD = """
import sys, time
from tui.core.repository import Workspace
ws = Workspace(sys.argv[1])
print("holding", flush=True)
time.sleep(60)
"""


@pytest.fixture
def held(tmp_path):
    """A workspace file that another Final Round process has open for writing."""
    path = tmp_path / "shared.json"
    Workspace(path).add("story", {"title": "written by the first window"})
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "holding"
    yield path
    proc.kill()
    proc.wait()


def test_a_second_writer_opens_read_only(held):
    before = held.read_bytes()
    ws = Workspace(held)
    assert ws.read_only and ws.locked_elsewhere
    assert [s.title for s in ws.all_records("story")] == ["written by the first window"]
    with pytest.raises(SaveError, match="read-only"):
        ws.add("story", {"title": "second window"})
    assert held.read_bytes() == before


async def test_the_app_shows_a_read_only_banner(held):
    app = make_app(Workspace(held))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "READ-ONLY" in str(app.main.query_one("#topbar").render())
        from tui.ui.form import RecordForm

        assert isinstance(await save_new_story(pilot, "lost?"), RecordForm)  # the edit stays


async def test_a_read_only_window_does_not_rehearse_what_it_cannot_keep(tmp_path):
    """Each rating and note of a rehearsal is saved as it is given: in a read-only window all
    of them would be refused after the fact, so the rehearsal says why and does not start."""
    from tui.ui.rehearsal_screen import RehearsalScreen

    path = tmp_path / "shared.json"
    first = Workspace(path)
    first.add("opportunity", {"company": "Northwind", "role": "Staff Engineer"})
    first.add("story", {"title": "Cut CI build time"})
    first.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        app = make_app(Workspace(path))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            notes = capture_notes(app)
            await pilot.press("r")
            await settle(pilot)
            assert not isinstance(app.screen, RehearsalScreen)
            assert any("read-only" in n and "Take over the file" in n for n in notes), notes
    finally:
        proc.kill()
        proc.wait()


def test_import_refuses_a_file_open_elsewhere(held, tmp_path):
    from tui.core import export

    other = Workspace(tmp_path / "other.json")
    other.add("story", {"title": "x"})
    with pytest.raises(export.ImportProblem, match="open in another Final Round"):
        export.import_json(export.to_json(other), held, replace=True)


def test_first_save_of_the_day_keeps_a_backup_and_five_at_most(db_path):
    ws = Workspace(db_path)
    ws.add("story", {"title": "one"})  # a new file: nothing to back up yet
    assert backups.backups(db_path) == []
    ws.close()
    ws = Workspace(db_path)
    ws.add("story", {"title": "two"})
    ws.add("story", {"title": "three"})
    kept = backups.backups(db_path)
    assert len(kept) == 1  # once a day, not at every save
    assert [s["title"] for s in json.loads(kept[0].read_text())["story"].values()] == ["one"]
    for i in range(8):
        backups.make_backup(db_path, reason=f"test{i}")
        time.sleep(0.01)
    assert len(backups.backups(db_path)) == backups.KEEP


def test_a_workspace_made_today_and_worked_on_all_evening_has_copies(db_path):
    """The evening before the interview is often the workspace's first day: its second save
    keeps the first version, and a session opened three hours after the last copy keeps
    another; within a session, one copy."""
    from datetime import datetime

    from tui.core import clock

    def titles(copy: Path) -> list[str]:
        return [s["title"] for s in json.loads(copy.read_text())["story"].values()]

    with clock.held(datetime(2026, 11, 28, 18, 0)):
        ws = Workspace(db_path)
        ws.add("story", {"title": "one"})  # makes the file: nothing to copy yet
        ws.add("story", {"title": "two"})
        ws.add("story", {"title": "three"})
        ws.close()
    assert [titles(b) for b in backups.backups(db_path)] == [["one"]]
    with clock.held(datetime(2026, 11, 28, 20, 0)):  # two hours later: the copy is recent
        ws = Workspace(db_path)
        ws.add("story", {"title": "four"})
        ws.close()
    assert len(backups.backups(db_path)) == 1
    with clock.held(datetime(2026, 11, 28, 21, 30)):  # three and a half hours after it
        ws = Workspace(db_path)
        ws.add("story", {"title": "five"})
        ws.add("story", {"title": "six"})
        ws.close()
        kept = backups.backups(db_path)  # at that time: a copy taken later counts as older
    assert [titles(b) for b in kept] == [["one", "two", "three", "four"], ["one"]]


def test_a_migration_keeps_a_backup_first(db_path):
    old = {"story": {"1": {"title": "from an early version", "competencies": []}}}
    db_path.write_text(json.dumps(old))
    ws = Workspace(db_path)
    assert ws.get("story", 1).title == "from an early version"
    kept = backups.backups(db_path)
    assert len(kept) == 1 and "before-schema" in kept[0].name
    assert json.loads(kept[0].read_text()) == old


def test_backups_are_listed_and_one_restores(db_path):
    ws = Workspace(db_path)
    ws.add("story", {"title": "precious"})
    ws.close()
    ws = Workspace(db_path)
    ws.delete("story", 1)  # oops: the day's first save keeps the old file
    ws.close()
    listing = subprocess.run(
        [sys.executable, "-m", "tui", "backups", "--db", str(db_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "1 record " in listing and "finalround restore" in listing
    result = subprocess.run(
        [sys.executable, "-m", "tui", "restore", "--db", str(db_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert [s.title for s in Workspace(db_path, read_only=True).all_records("story")] == [
        "precious"
    ]
    # importing a backup with --replace works as well
    backup = backups.backups(db_path)[0]
    result = subprocess.run(
        [sys.executable, "-m", "tui", "import", str(backup), "--replace", "--db", str(db_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    kept = Workspace(db_path, read_only=True).all_records("story")
    assert [s.title for s in kept] == ["precious"]


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["search", "x"],
        ["export", "--format", "md"],
        ["export", "--format", "json"],
        ["import", "FILE"],
    ],
)
def test_every_command_stops_on_an_unreadable_file_and_leaves_it(tmp_path, command):
    bad = tmp_path / "workspace.json"
    bad.write_bytes(b'{"story": {"1": {"title": "half')
    good_export = tmp_path / "export.json"
    good_export.write_text("{}")
    args = [a if a != "FILE" else str(good_export) for a in command]
    result = subprocess.run(
        [sys.executable, "-m", "tui", *args, "--db", str(bad)],
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode != 0
    assert str(bad) in result.stderr or "not a Final Round export" in result.stderr
    assert bad.read_bytes() == b'{"story": {"1": {"title": "half'


def test_import_over_an_unreadable_target_asks_for_replace_and_keeps_it_aside(demo, tmp_path):
    from tui.core import export

    bad = tmp_path / "w.json"
    bad.write_bytes(b"garbage")
    with pytest.raises(export.ImportProblem, match="--replace"):
        export.import_json(export.to_json(demo), bad)
    assert bad.read_bytes() == b"garbage"
    export.import_json(export.to_json(demo), bad, replace=True)
    kept = list(tmp_path.glob("w.damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"garbage"
    assert Workspace(bad, read_only=True).count("story") == demo.count("story")


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
async def test_a_disk_that_refuses_keeps_the_edit_in_the_form(demo, monkeypatch, code):
    from tui.ui.form import RecordForm

    before = demo.path.read_bytes()
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        notes = capture_notes(app)

        # A full or read-only disk cannot be had on a test machine: the write fails as the
        # operating system would make it fail.
        def refuse(path, text):
            raise OSError(
                code,
                {
                    errno.ENOSPC: "No space left on device",
                    errno.EROFS: "Read-only file system",
                    errno.EACCES: "Permission denied",
                }[code],
            )

        monkeypatch.setattr(storage, "atomic_write_text", refuse)
        await pilot.press("4", "n")
        await settle(pilot)
        for ch in "Kept":
            await pilot.press(ch)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        assert app.screen.query_one("#field-title").value == "Kept"
        assert any("Your text is still in the form" in n for n in notes), notes
        assert demo.path.read_bytes() == before
        assert "Kept" not in [s.title for s in demo.all_records("story")]
        monkeypatch.undo()  # the disk has room again: the same form saves
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RecordForm)
    assert "Kept" in [s.title for s in Workspace(demo.path, read_only=True).all_records("story")]


async def test_keys_are_handled_while_a_slow_save_runs(demo, monkeypatch):
    from tui.ui.pane import RecordTable

    real_write = storage.atomic_write_text

    def slow_write(path: Path, text: str) -> None:
        time.sleep(1.5)  # a slow disk
        real_write(path, text)

    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        monkeypatch.setattr(storage, "atomic_write_text", slow_write)
        app.submit(SaveRecord("story", None, {"title": "saved slowly"}))
        await pilot.pause()
        assert app.saves.busy
        table = app.main.query_one("#table-story", RecordTable)
        start = table.cursor_row
        await pilot.press("j", "j")
        await pilot.pause()
        assert app.saves.busy, "the save should still be running"
        assert table.cursor_row == start + 2  # the keys were handled meanwhile
        await settle(pilot)
    assert "saved slowly" in [s.title for s in demo.all_records("story")]
