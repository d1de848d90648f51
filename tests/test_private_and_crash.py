"""Private by default, and a crash that neither hides nor leaks: files and folders the app
writes are the user's alone; an unexpected error exits non-zero and logs without locals."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SIZE, make_app, settle

from tui.core.clipboard import save_copy
from tui.core.crash import write_crash_log
from tui.core.demo import build_demo
from tui.core.repository import Workspace
from tui.core.restore import restore
from tui.ui.commands import ExportFile

SECRET = "my-private-salary-notes"


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def modes(root: Path) -> dict[str, int]:
    found = {}
    for path in [root, *root.rglob("*")]:
        found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


async def test_everything_written_is_private_whatever_the_umask(tmp_path, umask_022):
    root = tmp_path / "data"
    path = root / "finalround" / "workspace.json"
    ws = build_demo(path)
    ws.close()
    ws = Workspace(path)  # a second session: its first save keeps a backup
    ws.add("story", {"title": SECRET})
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for fmt in ("md", "json", "ics"):
            app.post_message(ExportFile(fmt))
        await settle(pilot)
    save_copy("a note", ws.path.parent / "exports", "note to Dana")
    ws.close()
    write_crash_log(path.parent, RuntimeError("x"))
    restore(path)  # keeps the file aside, writes the backup in place
    subprocess.run(
        [sys.executable, "-m", "tui", "export", "--format", "md", "--db", str(path), "-o"]
        + [str(path.parent / "brief.md")],
        check=True,
        capture_output=True,
    )
    found = modes(root)
    kinds = {p.suffix for p in path.parent.rglob("*") if p.is_file()}
    assert {".json", ".md", ".ics", ".log", ".lock", ".txt"} <= kinds
    assert (path.parent / "exports").is_dir()
    loose = {name: oct(mode) for name, mode in found.items() if mode & 0o077}
    assert loose == {}


def test_a_crash_in_a_command_exits_non_zero_with_a_private_log(tmp_path):
    path = tmp_path / "workspace.json"
    Workspace(path).add("story", {"title": SECRET})
    # A bug cannot be summoned on purpose, so the search is made to fail from inside.
    code = (
        "import sys\n"
        "import tui.core.search_index as s\n"
        "from tui.cli import main\n"
        "def boom(self, *args, **kwargs):\n"
        f"    secret = {SECRET!r}\n"
        "    raise RuntimeError('broken index')\n"
        "s.SearchIndex.search = boom\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "search", "x", "--db", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode not in (0, 1, 2)
    assert "Traceback" not in result.stderr and SECRET not in result.stderr
    logs = list(tmp_path.glob("finalround-crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in result.stderr
    assert stat.S_IMODE(logs[0].stat().st_mode) == 0o600
    text = logs[0].read_text()
    assert "RuntimeError: broken index" in text and SECRET not in text  # no locals


async def test_a_crash_in_the_app_exits_non_zero_and_says_where_the_log_is(demo):
    app = make_app(demo)

    def boom() -> None:
        secret = SECRET  # a local the traceback must not show
        raise RuntimeError("broken " + str(len(secret)))

    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.call_later(boom)  # the app has no bug to trigger, so one is planted
            await pilot.pause()
    assert app.return_code == 1
    assert app.crash_log is not None and app.crash_log.parent == demo.path.parent
    assert stat.S_IMODE(app.crash_log.stat().st_mode) == 0o600
    assert SECRET not in app.crash_log.read_text()


def test_a_copy_is_the_file_byte_for_byte_private_and_never_over_another(
    tmp_path, umask_022, monkeypatch
):
    """The day's backup is copied a piece at a time (here 7 bytes, so the pieces meet in
    the middle of a character): the copy is the same bytes, the user's alone; a name taken
    already is refused, and a file that cannot be opened leaves nothing behind."""
    from tui.core import private

    monkeypatch.setattr(private, "COPY_CHUNK", 7)
    source = tmp_path / "w.json"
    source.write_bytes(("café 東京 " * 300).encode("utf-8") + bytes(range(256)))
    copy = tmp_path / "w.copy.json"
    private.copy_private(source, copy)
    assert copy.read_bytes() == source.read_bytes()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        private.copy_private(source, copy)
    with pytest.raises(FileNotFoundError):
        private.copy_private(tmp_path / "gone.json", tmp_path / "gone.copy.json")
    assert not (tmp_path / "gone.copy.json").exists()


def test_a_copy_cut_short_leaves_no_half_copy(tmp_path, monkeypatch):
    """A disk that fills during the copy (simulated: the test machine's disk is not full):
    the error reaches the caller and no part of the copy is left."""
    import errno

    from tui.core import private

    def full(source, out, length):
        out.write(source.read(10))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(private.shutil, "copyfileobj", full)
    source = tmp_path / "w.json"
    source.write_text("{}" * 100)
    with pytest.raises(OSError, match="No space"):
        private.copy_private(source, tmp_path / "w.copy.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.json"]
