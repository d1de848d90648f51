"""A workspace on a disk mounted read-only: no change of permissions can help there, so the
messages say it is the disk and point to a copy on another disk; and a disk that becomes
read-only while the app is open keeps the text being typed.

These tests mount a real file system (a small tmpfs) and remount it read-only, which needs
the right to mount: where that is not allowed they are skipped and say so."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SIZE, capture_notes, make_app, save_new_story, settle
from test_read_only_files import start_on

from tui.cli import main
from tui.core.file_check import DiskReadOnlyError
from tui.core.repository import Workspace
from tui.core.storage import SaveError


def _mount(*args: str) -> bool:
    mount = shutil.which("mount")
    if mount is None:
        return False
    return subprocess.run([mount, *args], capture_output=True).returncode == 0


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A small disk of its own (tmpfs) mounted at a folder, writable until `remount` is
    called; unmounted afterwards."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)):
        pytest.skip("mounting a file system is not allowed here (it needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def remount(folder: Path, mode: str) -> None:
    assert _mount("-o", f"remount,{mode}", str(folder)), f"could not remount {folder} {mode}"


def remount_under(ws: Workspace, disk: Path) -> None:
    """Make `disk` read-only under the open workspace `ws`, as the kernel does after a disk
    error. A remount by hand is refused while a file on the disk is open for writing, so the
    lock file is let go first; the workspace still takes itself for the file's writer."""
    assert ws.lock is not None
    ws.lock.release()
    remount(disk, "ro")


def on_disk(disk: Path) -> Path:
    """A workspace with one opportunity on `disk`, closed, its lock file gone."""
    path = disk / "ws.json"
    ws = Workspace(path)
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    ws.close()
    (disk / "ws.json.lock").unlink(missing_ok=True)
    return path


def test_a_workspace_on_a_read_only_disk_says_it_is_the_disk(disk):
    path = on_disk(disk)
    remount(disk, "ro")
    before = path.read_bytes()
    ws = Workspace(path)
    assert ws.read_only and ws.unwritable == "the disk it is on is mounted read-only"
    assert [o.title for o in ws.all_records("opportunity")] == ["Acme"]  # it still reads
    with pytest.raises(SaveError) as refused:
        ws.add("story", {"title": "lost?"})
    said = str(refused.value)
    assert "mounted read-only" in said and "finalround import" in said
    assert "chmod" not in said  # permissions cannot help a read-only disk
    assert not ws.take_over()
    remount(disk, "rw")  # the user remounts it: now the window can take the file over
    assert ws.take_over() and not ws.read_only
    ws.add("story", {"title": "saved once the disk is writable"})
    ws.close()
    assert path.read_bytes() != before


async def test_the_app_names_the_disk_and_keeps_the_edit(disk):
    path = on_disk(disk)
    remount(disk, "ro")
    app = make_app(Workspace(path))
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "READ-ONLY: disk read-only" in str(app.main.query_one("#topbar").render())
        told = [n for n in notes if "mounted read-only" in n]
        assert told and "chmod" not in told[0] and "on a disk that can be written" in told[0]
        from tui.ui.form import RecordForm

        assert isinstance(await save_new_story(pilot, "lost?"), RecordForm)  # the edit stays


def test_commands_refuse_to_write_onto_a_read_only_disk(disk, tmp_path, capsys):
    path = on_disk(disk)
    remount(disk, "ro")
    other = tmp_path / "other.json"
    Workspace(other).add("opportunity", {"company": "Other", "role": "Lead"})
    commands = [
        ["import", str(other), "--db", str(path), "--replace"],
        ["restore", str(other), "--db", str(path)],
        ["export", "--format", "json", "--db", str(other), "-o", str(disk / "out.json")],
    ]
    for argv in commands:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "the disk it is on is mounted read-only" in err, argv
        assert "name a file on another disk" in err and "chmod" not in err, argv
        assert "Traceback" not in err
    # the way out the messages give: a copy on another disk
    assert main(["import", str(path), "--db", str(tmp_path / "copy.json")]) == 0


def test_no_new_workspace_on_a_read_only_disk(disk):
    remount(disk, "ro")
    run = start_on(disk / "new.json")
    assert run.returncode == 2
    assert "cannot be created there: the disk it is on is mounted read-only" in run.stderr
    assert "--db PATH" in run.stderr and "Traceback" not in run.stderr


def test_a_disk_made_read_only_while_open_refuses_the_save_plainly(disk):
    path = on_disk(disk)
    ws = Workspace(path)
    assert not ws.read_only
    remount_under(ws, disk)
    with pytest.raises(DiskReadOnlyError) as refused:
        ws.add("story", {"title": "after the remount"})
    said = str(refused.value)
    assert "has become read-only" in said and "finalround import" in said
    assert "free some space" not in said and "permissions" not in said
    ws.close()


async def test_the_form_keeps_its_text_when_the_disk_becomes_read_only(disk, tmp_path):
    path = on_disk(disk)
    app = make_app(Workspace(path))
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        remount_under(app.workspace, disk)
        from tui.ui.form import RecordForm

        assert isinstance(await save_new_story(pilot, "typed as it went"), RecordForm)
        told = [n for n in notes if "has become read-only" in n]
        assert told and "Your text is still in the form, and kept in" in told[0]
        kept = told[0].split("kept in ", 1)[1].rstrip(".")
        assert "typed as it went" in Path(kept).read_text()
