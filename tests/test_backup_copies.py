"""The copies kept beside the workspace file: none left half written by a full disk, today's
never removed by copies named after a later date, and what is no file passed over."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.core import backups as backups_module
from tui.core.private import write_private
from tui.core.repository import Workspace
from tui.core.storage import SaveError


def saved_once(path: Path) -> bytes:
    """A workspace saved yesterday, as far as backups go: today's first save keeps a copy."""
    ws = Workspace(path)
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    ws.close()
    return path.read_bytes()


def test_a_backup_cut_short_by_a_full_disk_leaves_no_temporary_file(db_path, monkeypatch):
    before = saved_once(db_path)

    def full_disk(source: Path, target: Path) -> None:
        # A full disk, simulated: the start of the copy reaches the disk, then the write fails.
        write_private(target, source.read_bytes()[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups_module, "copy_private", full_disk)
    ws = Workspace(db_path)
    with pytest.raises(SaveError, match="No space left on device"):
        ws.add("story", {"title": "not saved"})
    ws.close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == [
        "workspace.json",
        "workspace.json.lock",
    ]
    assert db_path.read_bytes() == before


def test_todays_backup_outlives_copies_named_after_a_later_date(db_path, capsys):
    saved_once(db_path)
    ahead = [db_path.with_name(f"workspace.backup-2099010{i}-000000.json") for i in range(1, 6)]
    for copy in ahead:
        copy.write_text('{"_meta": {"1": {"schema": 6}}}')
    ws = Workspace(db_path)
    ws.add("story", {"title": "today's first save"})
    ws.close()
    today = [p for p in db_path.parent.glob("workspace.backup-*.json") if "2099" not in p.name]
    assert len(today) == 1, "today's backup was removed at once"
    kept = backups_module.backups(db_path)
    assert len(kept) == backups_module.KEEP and kept[0] == today[0]
    assert main(["backups", "--db", str(db_path)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert str(today[0]) in listed[1] and "dated ahead of the clock" in listed[2]
    assert main(["restore", "--db", str(db_path)]) == 0
    assert f"Restored {today[0]} (1 record)" in capsys.readouterr().out


def test_a_link_named_like_a_backup_is_passed_over(db_path, capsys):
    saved_once(db_path)
    ws = Workspace(db_path)
    ws.add("story", {"title": "today's first save"})  # keeps a backup
    ws.close()
    stray = db_path.with_name("workspace.backup-20991229-000000.json")
    stray.symlink_to("/nonexistent/backup.json")
    assert main(["backups", "--db", str(db_path)]) == 0
    out = capsys.readouterr()
    assert f"Passed over {stray}: it is a link that leads nowhere" in out.err
    assert "1 record " in out.out
    assert main(["restore", "--db", str(db_path)]) == 0
    assert "Restored" in capsys.readouterr().out
    assert stray.is_symlink()


def test_a_backup_holding_a_damaged_record_is_restored_with_it(db_path, capsys):
    saved_once(db_path)
    doc = json.loads(db_path.read_text())
    doc["story"] = {"1": {"title": "half \ud800 emoji", "_opportunity": None}}
    doc["requirement"] = {
        "1": {"text": "Calm", "stories": [1], "_opportunity": 1, "_created": "", "_updated": ""}
    }
    backup = db_path.with_name("workspace.backup-20260101-000000.json")
    backup.write_text(json.dumps(doc))  # as the workspace file was that day
    db_path.write_bytes(b"")  # today's file, cut short
    assert main(["restore", str(backup), "--db", str(db_path)]) == 0, capsys.readouterr().err
    ws = Workspace(db_path, read_only=True)
    story = ws.get("story", 1)
    assert story.damaged and story.raw["title"] == "half \ud800 emoji"
    assert ws.all_records("requirement")[0]["stories"] == [1]


def test_a_backup_named_as_backups_lists_it_is_found_beside_the_workspace(
    db_path, tmp_path, monkeypatch, capsys
):
    """`restore NAME` from another folder looked for NAME there: "there is no file"."""
    saved_once(db_path)
    backup = db_path.with_name("workspace.backup-20260101-000000.json")
    backup.write_text(db_path.read_text())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["restore", backup.name, "--db", str(db_path)]) == 0, capsys.readouterr().err
    assert f"Restored {backup}" in capsys.readouterr().out
    # the copy beside the workspace, not a file of the same name in the folder it is run from
    (elsewhere / backup.name).write_text("not this one")
    assert main(["restore", backup.name, "--db", str(db_path)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["restore", "no-such.json", "--db", str(db_path)]) == 2  # still refused
    err = capsys.readouterr().err
    assert f"there is no file 'no-such.json' beside {db_path} nor in this folder" in err, err
