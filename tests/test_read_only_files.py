"""Files and folders the user cannot write: opened read-only with the reason, never written,
their permissions never changed; commands that would write them say so and stop."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SIZE, capture_notes, make_app, save_new_story, settle

from tui.cli import main
from tui.core.repository import Workspace
from tui.core.storage import SaveError

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def start_on(db: Path) -> subprocess.CompletedProcess[str]:
    """Start the app on the workspace `db` as a user would, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def read_only_file(tmp_path: Path) -> Path:
    """A workspace with one opportunity, then made read-only (chmod 444) by its owner."""
    path = tmp_path / "ro.json"
    ws = Workspace(path)
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    ws.close()
    (tmp_path / "ro.json.lock").unlink()
    path.chmod(0o444)
    yield path
    path.chmod(0o644)


@pytest.fixture
def locked_folder(tmp_path: Path):
    """A folder holding a workspace, made so that no file can be created in it: chmod 555,
    or, for root (whom modes do not stop), the immutable attribute (chattr +i)."""
    folder = tmp_path / "rodir"
    folder.mkdir()
    ws = Workspace(folder / "ws.json")
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    ws.close()
    (folder / "ws.json.lock").unlink()
    if AS_ROOT:
        chattr = shutil.which("chattr")
        done = chattr and subprocess.run([chattr, "+i", str(folder)], capture_output=True)
        if not done or done.returncode != 0:
            pytest.skip(
                "running as root, whom a folder's mode does not stop, and chattr +i is not "
                "allowed here: a folder root cannot write cannot be made"
            )
        undo = [chattr, "-i", str(folder)]
    else:
        folder.chmod(0o555)
    try:
        yield folder
    finally:
        if AS_ROOT:
            subprocess.run(undo, check=True)
        else:
            folder.chmod(0o755)


# -- a file made read-only ---------------------------------------------------------------
def test_a_file_without_write_bits_opens_read_only_and_is_never_written(read_only_file):
    # the mode bits are read even by root, whom the operating system would let write
    before, beside = read_only_file.read_bytes(), listing(read_only_file.parent)
    ws = Workspace(read_only_file)
    assert ws.read_only and not ws.locked_elsewhere
    assert "read-only (mode 0444" in (ws.unwritable or "")
    assert [o.title for o in ws.all_records("opportunity")] == ["Acme"]
    with pytest.raises(SaveError, match=r"chmod u\+w .*ro\.json"):
        ws.add("story", {"title": "lost?"})
    ws.close()
    assert read_only_file.read_bytes() == before
    assert mode_of(read_only_file) == 0o444
    assert listing(read_only_file.parent) == beside  # no lock, no backup, no temporary file


def test_taking_over_never_makes_a_read_only_file_writable(read_only_file):
    ws = Workspace(read_only_file)
    assert not ws.take_over()
    assert ws.read_only and mode_of(read_only_file) == 0o444
    read_only_file.chmod(0o644)  # the user makes it writable: now it can be taken over
    assert ws.take_over() and not ws.read_only and ws.unwritable is None
    ws.add("story", {"title": "saved once writable"})
    ws.close()
    assert [s.title for s in Workspace(read_only_file).all_records("story")] == [
        "saved once writable"
    ]


@pytest.mark.skipif(AS_ROOT, reason="root may write any file whatever its mode: os.access says yes")
def test_a_file_this_user_may_not_write_opens_read_only(tmp_path):
    path = tmp_path / "group.json"
    Workspace(path).add("opportunity", {"company": "Acme", "role": "Engineer"})
    path.chmod(0o464)  # the group may write it, its owner may not
    try:
        ws = Workspace(path)
        assert ws.read_only and "you may not write" in (ws.unwritable or "")
    finally:
        path.chmod(0o644)


async def test_the_app_says_why_a_file_is_read_only_and_keeps_the_edit(read_only_file):
    before = read_only_file.read_bytes()
    app = make_app(Workspace(read_only_file))
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "READ-ONLY: file not writable" in str(app.main.query_one("#topbar").render())
        assert any("chmod u+w" in n and "finalround import" in n for n in notes)
        from tui.ui.form import RecordForm

        assert isinstance(await save_new_story(pilot, "lost?"), RecordForm)  # the edit stays
        assert any(n.startswith("Nothing was saved") for n in notes)
    assert read_only_file.read_bytes() == before and mode_of(read_only_file) == 0o444


def test_commands_refuse_to_write_a_read_only_file(read_only_file, tmp_path, capsys):
    before = read_only_file.read_bytes()
    other = tmp_path / "other.json"
    Workspace(other).add("opportunity", {"company": "Other", "role": "Lead"})
    commands = [
        ["import", str(other), "--db", str(read_only_file), "--replace"],
        ["restore", str(other), "--db", str(read_only_file)],
        ["export", "--format", "json", "--db", str(other), "-o", str(read_only_file)],
    ]
    for argv in commands:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "the file is read-only" in err and "chmod u+w" in err, argv
        assert "Traceback" not in err
    assert read_only_file.read_bytes() == before and mode_of(read_only_file) == 0o444
    # the way out the message gives: a copy to work on
    assert main(["import", str(read_only_file), "--db", str(tmp_path / "copy.json")]) == 0


# -- a folder that takes no new file -----------------------------------------------------
def test_a_workspace_in_an_unwritable_folder_opens_read_only(locked_folder):
    path = locked_folder / "ws.json"
    before = path.read_bytes()
    ws = Workspace(path)
    assert ws.read_only and f"its folder {locked_folder} cannot be written" in (ws.unwritable or "")
    with pytest.raises(SaveError, match="folder writable"):
        ws.add("story", {"title": "lost?"})
    assert not ws.take_over() and ws.read_only
    ws.close()
    assert path.read_bytes() == before and listing(locked_folder) == ["ws.json"]


async def test_the_app_says_the_folder_cannot_be_written(locked_folder):
    app = make_app(Workspace(locked_folder / "ws.json"))
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "READ-ONLY: folder not writable" in str(app.main.query_one("#topbar").render())
        assert any(f"its folder {locked_folder} cannot be written" in n for n in notes)


def test_a_new_workspace_in_an_unwritable_folder_is_a_clear_error(locked_folder):
    run = start_on(locked_folder / "new.json")
    assert run.returncode == 2
    assert "There is no workspace at" in run.stderr and "cannot be created there" in run.stderr
    assert "--db PATH" in run.stderr and "Traceback" not in run.stderr
    assert listing(locked_folder) == ["ws.json"]


def test_commands_refuse_to_write_into_an_unwritable_folder(locked_folder, tmp_path, capsys):
    other = tmp_path / "other.json"
    Workspace(other).add("opportunity", {"company": "Other", "role": "Lead"})
    target = str(locked_folder / "ws.json")
    commands = [
        ["import", str(other), "--db", str(locked_folder / "new.json")],
        ["import", str(other), "--db", target, "--replace"],
        ["restore", str(other), "--db", target],
        ["export", "--format", "md", "--db", target, "-o", str(locked_folder / "brief.md")],
    ]
    for argv in commands:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert f"its folder {locked_folder} cannot be written" in err, argv
        assert "Traceback" not in err
    assert listing(locked_folder) == ["ws.json"]
    # reading works: an export to the terminal
    assert main(["export", "--format", "md", "--db", target]) == 0
    assert "Acme" in capsys.readouterr().out


async def test_an_export_from_the_app_says_where_else_to_write_it(locked_folder):
    from tui.ui.commands import ExportFile

    app = make_app(Workspace(locked_folder / "ws.json"))
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(ExportFile("md"))
        await settle(pilot)
    said = [n for n in notes if n.startswith("Nothing exported")]
    assert said and f"{locked_folder / 'exports'} cannot be written" in said[0]
    assert "finalround export --format md" in said[0] and " -o FILE" in said[0]
    assert listing(locked_folder) == ["ws.json"]
