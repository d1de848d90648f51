"""Files that could lock the user out or lose their work: damaged records, odd files, links,
changes made behind the app's back, a second window, restore, and the dates in between."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from tui.core import export
from tui.core.repository import Workspace
from tui.core.storage import FileChangedError, SaveError, WorkspaceFileError
from tui.core.timing import note_deadline
from tui.core.validation import ValidationError, parse_datetime, validate

CLI = [sys.executable, "-m", "tui"]


def run(*args: str, timeout: float = 60, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=timeout, check=False, **kw
    )


def damaged_file(path: Path) -> None:
    """A workspace with the three records that used to crash it, beside sound ones."""
    ws = Workspace(path)
    opp = ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    ws.add("story", {"title": "Sound story", "result": "cut costs 30%"})
    ws.add("interviewer", {"name": "Dana", "ended_at": "2026-03-14 10:00"}, opportunity=opp.id)
    ws.add("interviewer", {"name": "Lee"}, opportunity=opp.id)
    ws.close()
    doc = json.loads(path.read_text())
    doc["interviewer"]["1"]["ended_at"] = "9999-12-31 23:59"
    doc["interviewer"]["2"]["draft_body"] = None
    doc["story"]["2"] = {"title": "Numbers for tags", "competencies": 5, "result": 42}
    path.write_text(json.dumps(doc))


def test_records_that_do_not_fit_their_kind_open_as_damaged(db_path):
    damaged_file(db_path)
    before = db_path.read_bytes()
    ws = Workspace(db_path)
    dana, lee = ws.all_records("interviewer")
    story = ws.get("story", 2)
    assert dana.damaged and "9999" in dana.raw_text and dana["ended_at"] == ""
    assert lee.damaged and lee["draft_body"] == ""
    assert story.damaged and story["competencies"] == [] and '"competencies": 5' in story.raw_text
    assert not ws.get("story", 1).damaged
    assert story.title.startswith("⚠ damaged")
    md = export.brief_markdown(ws, ws.active)
    assert "Damaged in the file" in md and "9999-12-31 23:59" in md
    ics = export.calendar_ics(ws)
    assert "BEGIN:VCALENDAR" in ics
    data = json.loads(export.to_json(ws))
    assert {d["id"] for d in data["damaged"] if d["kind"] == "interviewer"} == {1, 2}
    assert db_path.read_bytes() == before  # reading changed nothing
    # the user fixes the record by saving it: it is whole again
    fixed = ws.update("interviewer", 1, {"ended_at": "2026-03-14 10:00"})
    assert not fixed.damaged and fixed["ended_at"] == "2026-03-14 10:00"


def test_damaged_records_through_every_subcommand(db_path):
    damaged_file(db_path)
    before = db_path.read_bytes()
    for args in (
        ["search", "Dana"],
        ["search", "tags", "--json"],
        ["export", "--format", "md"],
        ["export", "--format", "ics"],
        ["export", "--format", "json"],
        ["backups"],
    ):
        result = run(*args, "--db", str(db_path))
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    "text, line",
    [
        ('{"story": {"1": {"title": "a"},\n "1": {"title": "b"}}}', 2),
        ('{"story": {"1": {"title": "a",\n"title": "b"}}}', 2),
        ('{"story": {"1": {"title": "a"},\n"01": {"title": "b"}}}', 2),
        ('{"story": {\n"abc": {"title": "a"}}}', 2),
    ],
)
def test_duplicate_keys_and_clashing_ids_are_unreadable_with_the_line(db_path, text, line):
    db_path.write_text(text)
    with pytest.raises(WorkspaceFileError, match=f"line {line}"):
        Workspace(db_path)
    assert db_path.read_text() == text


def test_an_empty_file_is_reported_not_opened_as_new(db_path):
    db_path.write_bytes(b"")
    with pytest.raises(WorkspaceFileError, match="empty"):
        Workspace(db_path)
    result = run("--db", str(db_path))
    assert result.returncode == 2 and "empty" in result.stderr
    assert db_path.read_bytes() == b""


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "workspace.json"
    os.mkfifo(fifo)
    for args in (["search", "x"], ["export"], ["backups"], ["restore"], []):
        result = run(*args, "--db", str(fifo), timeout=20)
        assert result.returncode != 0 or args == ["backups"], (args, result.stderr)
        assert "Traceback" not in result.stderr
    with pytest.raises(WorkspaceFileError, match="not a regular file"):
        Workspace(fifo)


def test_a_symlink_is_locked_and_written_at_its_target(tmp_path):
    target = tmp_path / "real" / "workspace.json"
    target.parent.mkdir()
    Workspace(target).close()
    link = tmp_path / "link.json"
    link.symlink_to(target)
    first = Workspace(target)
    second = Workspace(link)
    assert second.read_only and second.locked_elsewhere  # one lock for both names
    second.close()
    first.close()
    ws = Workspace(link)
    ws.add("story", {"title": "through the link"})
    ws.close()
    assert link.is_symlink()
    assert "through the link" in target.read_text()


def test_a_change_made_behind_the_app_is_not_overwritten(db_path):
    ws = Workspace(db_path)
    ws.add("story", {"title": "mine"})
    time.sleep(0.01)
    doc = json.loads(db_path.read_text())
    doc["story"]["1"]["title"] = "edited by a sync client"
    db_path.write_text(json.dumps(doc))
    outside = db_path.read_bytes()
    with pytest.raises(FileChangedError, match="changed by another program"):
        ws.add("story", {"title": "second"})
    assert db_path.read_bytes() == outside
    # the workspace now shows the file as it is on disk, and saving again applies the change
    assert [s.title for s in ws.all_records("story")] == ["edited by a sync client"]
    ws.add("story", {"title": "second"})
    assert [s.title for s in Workspace(db_path, read_only=True).all_records("story")] == [
        "edited by a sync client",
        "second",
    ]


HOLD = """
import sys
from tui.core.repository import Workspace
ws = Workspace(sys.argv[1])
ws.add("story", {"title": "from the first window"})
print("holding", flush=True)
sys.stdin.readline()
ws.add("story", {"title": "last words of the first window"})
ws.close()
print("closed", flush=True)
sys.stdin.readline()
"""


def test_a_read_only_window_takes_over_once_the_first_closes(db_path):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "holding"
        ws = Workspace(db_path)
        assert ws.read_only
        with pytest.raises(SaveError, match="read-only"):
            ws.add("story", {"title": "second window"})
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "closed"
        ws.add("story", {"title": "second window"})
        assert not ws.read_only
        titles = [s.title for s in Workspace(db_path, read_only=True).all_records("story")]
        assert titles == [
            "from the first window",
            "last words of the first window",
            "second window",
        ]
    finally:
        proc.kill()
        proc.wait()


def test_restore_brings_back_a_backup_over_a_truncated_file(db_path):
    ws = Workspace(db_path)
    ws.add("story", {"title": "precious"})
    ws.close()
    ws = Workspace(db_path)
    ws.add("story", {"title": "today"})  # the day's first save keeps a backup
    ws.close()
    whole = db_path.read_bytes()
    db_path.write_bytes(whole[: len(whole) // 2])
    damaged = db_path.read_bytes()
    assert run("search", "precious", "--db", str(db_path)).returncode == 2
    result = run("restore", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert "kept as" in result.stdout
    kept = list(db_path.parent.glob("workspace.before-restore-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    titles = [s.title for s in Workspace(db_path, read_only=True).all_records("story")]
    assert titles == ["precious"]


def test_restore_refuses_a_file_that_is_not_a_backup(db_path, tmp_path):
    Workspace(db_path).add("story", {"title": "keep"})
    before = db_path.read_bytes()
    junk = tmp_path / "junk.json"
    junk.write_text("[1, 2]")
    result = run("restore", str(junk), "--db", str(db_path))
    assert result.returncode == 2 and "Nothing was restored" in result.stderr
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    "text, stored",
    [
        ("2026-03-14 09:30 PM", "2026-03-14 21:30"),
        ("2026-03-14 9:30pm", "2026-03-14 21:30"),
        ("2026-03-14 12:05 AM", "2026-03-14 00:05"),
        ("2026-03-14 12:05 p.m.", "2026-03-14 12:05"),
        ("2026-03-14T09:30", "2026-03-14 09:30"),
    ],
)
def test_times_with_am_or_pm_are_read_correctly(text, stored):
    assert validate_ended(text) == stored


@pytest.mark.parametrize(
    "text", ["2026-03-14 13:30 PM", "2026-03-14 00:30 AM", "9999-12-31 23:59", "1899-12-31 10:00"]
)
def test_impossible_times_and_far_years_are_refused(text):
    with pytest.raises(ValidationError):
        validate_ended(text)


def validate_ended(text: str) -> str:
    from tui.core.kinds import INTERVIEWER

    return validate(INTERVIEWER, {"name": "x", "ended_at": text})["ended_at"]


def test_dates_far_out_cannot_overflow():
    assert note_deadline("9999-12-31 23:59") is None
    assert note_deadline("2200-12-31 23:59") is not None


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset to switch zones")
def test_the_note_deadline_is_24_real_hours_across_a_clock_change(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        # clocks go forward at 02:00 on 2026-03-29: 24 real hours later reads 11:00
        assert note_deadline("2026-03-28 10:00") == datetime(2026, 3, 29, 11, 0)
        # and back at 03:00 on 2026-10-25: 24 real hours later reads 09:00
        assert note_deadline("2026-10-24 10:00") == datetime(2026, 10, 25, 9, 0)
        assert parse_datetime("2026-03-28 10:00") == datetime(2026, 3, 28, 10, 0)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_calendar_times_carry_their_zone_and_text_is_escaped(db_path, monkeypatch):
    from icalendar import Calendar

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        ws = Workspace(db_path)
        opp = ws.add(
            "opportunity",
            {
                "company": "Acme\x1b]0;owned\x07",
                "role": "Dev; ops",
                "interview_at": "2026-07-01 09:00",
            },
        )
        ws.add("interviewer", {"name": "Kim", "ended_at": "2026-07-01 10:00"}, opportunity=opp.id)
        ics = export.calendar_ics(ws)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert "\x1b" not in ics and "\x07" not in ics
    assert "DTSTART:20260701T130000Z" in ics  # 09:00 in New York in summer
    cal = Calendar.from_ical(ics)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert events[0].decoded("dtstart").tzinfo is not None
    assert "Dev; ops" in str(events[0]["summary"])


def test_half_an_emoji_in_the_file_does_not_stop_other_saves(db_path):
    ws = Workspace(db_path)
    ws.add("story", {"title": "sound"})
    ws.close()
    doc = json.loads(db_path.read_text())
    doc["story"]["2"] = {"title": "half \ud800 emoji"}
    db_path.write_text(json.dumps(doc))  # json writes it as the escape \ud800
    ws = Workspace(db_path)
    assert ws.get("story", 2).damaged
    ws.add("story", {"title": "still saves"})
    ws.close()
    again = Workspace(db_path, read_only=True)
    assert [s.title for s in again.all_records("story")][2] == "still saves"
    assert again.get("story", 2).raw["title"] == "half \ud800 emoji"


def test_restore_from_a_folder_says_to_name_a_backup_not_to_restore_over_it(db_path, tmp_path):
    Workspace(db_path).add("story", {"title": "kept"})
    before = db_path.read_bytes()
    folder = tmp_path / "not-a-backup.json"
    folder.mkdir()
    result = run("restore", str(folder), "--db", str(db_path))
    assert result.returncode == 2
    assert f"cannot read {folder}: it is a folder, not a file" in result.stderr, result.stderr
    assert "Name a backup file" in result.stderr and "over it" not in result.stderr
    assert db_path.read_bytes() == before
