"""Text kept in a file when Final Round closed mid-form is announced at the next start of the
workspace, once per file, saying how to get it back; a demo announces nothing. Real workspace
files, the real app driven by Pilot, the hang-up handler run as the event loop runs it."""

from __future__ import annotations

import signal
from pathlib import Path

from conftest import SIZE, capture_notes, make_app, new_record_form, settle, type_text

from tui.core.repository import Workspace
from tui.ui import hang_up

TITLE = "Text kept from last time"


async def close_mid_story(path: Path, title: str) -> Path:
    """Start the app on the workspace at `path`, type a new story and close the terminal
    before saving it: the file its text is kept in."""
    ws = Workspace(path)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await new_record_form(pilot, "4", "story")
        await type_text(pilot, title)
        await settle(pilot)
        hang_up.stop(app, signal.SIGHUP)
        await settle(pilot)
    ws.close()
    (kept,) = app.hung_up_kept
    return kept


async def start(path: Path, demo: bool = False) -> list[str]:
    """Start the app on the workspace at `path` and quit: the kept-text notices it showed."""
    ws = Workspace(path)
    app = make_app(ws, demo=demo)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await settle(pilot)  # remembering what was told is a save
    ws.close()
    return [n for n in notes if "was not yet saved" in n]


async def test_text_kept_at_a_hang_up_is_announced_once_at_the_next_start(demo):
    path = demo.path
    demo.close()
    kept = await close_mid_story(path, "Story typed when the window closed")
    assert kept.parent == path.parent / "exports" and kept.name.startswith("unsaved-story-")
    assert "Story typed when the window closed" in kept.read_text(encoding="utf-8")

    told = await start(path)
    assert told == [
        "When Final Round last closed, text you had typed was not yet saved. It is kept in "
        f"this file:\n  {kept}\nTo get it back, open the file and paste the text into a new "
        "record (or the record you were editing)."
    ]
    assert await start(path) == []  # once

    again = await close_mid_story(path, "Another story cut short")
    (told,) = await start(path)
    assert str(again) in told and str(kept) not in told  # only the file not yet announced
    assert await start(path) == []


async def test_several_kept_files_are_named_together(demo):
    from tui.core.clipboard import save_copy

    path = demo.path
    demo.close()
    first = await close_mid_story(path, "One")
    # a second window on the same folder, closed at the same moment, kept an edit the same way
    second = save_copy("Title: Two\n", first.parent, "unsaved edit of story 1")
    (told,) = await start(path)
    assert "It is kept in these files:" in told and "open the files and paste" in told
    assert f"  {first}\n" in told and f"  {second}\n" in told
    assert await start(path) == []


async def test_a_demo_announces_no_kept_text(demo):
    path = demo.path
    demo.close()
    await close_mid_story(path, "Typed into a workspace")
    assert await start(path, demo=True) == []


async def test_only_the_text_kept_for_this_workspace_is_announced(demo):
    """A copy of the workspace in the same folder (cp ws.json q.json) shares its exports/
    folder: it is told about its own kept text only, not the other's. A file of an older
    version, which did not name its workspace, may be either's: both are told once."""
    import shutil

    from tui.core.clipboard import save_copy

    path = demo.path
    demo.close()
    copy = path.parent / "q.json"
    shutil.copy(path, copy)
    older = save_copy("Title: From an older version\n", path.parent / "exports", "unsaved-story")
    kept = await close_mid_story(path, "Typed in the first workspace")
    (told,) = await start(copy)
    assert str(older) in told and str(kept) not in told
    assert kept.name.split(".")[1] == "demo-json"  # the file names its workspace
    theirs = await close_mid_story(copy, "Typed in the copy")
    (told,) = await start(path)
    # the older file was told at the start that kept `kept`
    assert str(kept) in told and str(older) not in told and str(theirs) not in told
    (told,) = await start(copy)
    assert str(theirs) in told and str(kept) not in told


def _disk_full_for(monkeypatch, *folders: Path) -> None:
    """Writes into `folders` fail as on a full disk. Simulated: a test machine's disk is not
    full, and filling it would harm everything else running there."""
    import errno

    from tui.core import storage

    real = storage.atomic_write_text

    def write(path: Path, text: str) -> None:
        if path.parent in folders:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text)

    monkeypatch.setattr(storage, "atomic_write_text", write)


async def test_on_a_full_disk_the_text_is_kept_elsewhere_and_told_at_the_next_start(
    demo, monkeypatch, tmp_path
):
    import os

    cache = Path(os.environ["XDG_CACHE_HOME"]) / "finalround" / "unsaved"  # see conftest
    temp = tmp_path / "tmp" / f"finalround-unsaved-{os.getuid()}"
    path = demo.path
    demo.close()
    exports = path.parent / "exports"
    _disk_full_for(monkeypatch, exports)
    kept = await close_mid_story(path, "Typed on a full disk")
    assert kept.parent == cache
    assert kept.stat().st_mode & 0o777 == 0o600 and kept.parent.stat().st_mode & 0o777 == 0o700
    assert "Typed on a full disk" in kept.read_text(encoding="utf-8")
    assert not list(exports.glob("*.txt"))
    (told,) = await start(path)
    assert f"  {kept}\n" in told and f"the folder {exports} could not be written" in told
    assert await start(path) == []

    # the cache on the same full disk: the temporary folder
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    _disk_full_for(monkeypatch, exports, cache)
    last = await close_mid_story(path, "Typed on a fuller disk")
    assert last.parent == temp
    (told,) = await start(path)
    assert str(last) in told and str(kept) not in told
