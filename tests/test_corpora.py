"""Every odd workspace file and every hostile import of tests/corpora.py, through the app's
start and every subcommand: no traceback, a failure never exits 0, and the file is left
byte for byte as it was unless the user chose to replace it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from conftest import SIZE, capture_notes, make_app, settle
from corpora import HOSTILE_IMPORTS, ODD_FILES, good, whole

from tui.cli import main
from tui.core.export import import_json, to_json
from tui.core.repository import Workspace
from tui.core.storage import WorkspaceFileError

SUBCOMMANDS = [
    ["search", "build"],
    ["search", "build", "--json"],
    ["export", "--format", "md"],
    ["export", "--format", "json"],
    ["export", "--format", "ics"],
    ["backups"],
]


def state(path: Path) -> object:
    """What is at `path`: a regular file's bytes, else what kind of thing it is."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    return path.read_bytes() if stat.S_ISREG(mode) else stat.S_IFMT(mode)


def run(capsys, *args: str) -> tuple[int, str]:
    status = main(list(args))
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text and "unexpected error" not in text, (args, text)
    assert "\x1b" not in text, (args, "a raw escape reached the terminal")
    return status, text


def test_the_corpora_are_large_enough(tmp_path):
    assert len(ODD_FILES) >= 45 and len(HOSTILE_IMPORTS) >= 45
    assert len({n for n, _ in ODD_FILES}) == len(ODD_FILES)
    assert len({n for n, _ in HOSTILE_IMPORTS}) == len(HOSTILE_IMPORTS)
    # each hostile import really differs from a good export (a change that missed its mark
    # would leave a valid file behind)
    for number, (name, make) in enumerate(HOSTILE_IMPORTS):
        folder = tmp_path / str(number)
        folder.mkdir()
        made = make(folder)
        if made.is_file():
            assert made.read_bytes() != good, name
    for number, (name, make) in enumerate(ODD_FILES):
        folder = tmp_path / f"odd-{number}"
        folder.mkdir()
        made = make(folder)
        if made.is_file():
            assert made.read_bytes() != whole, name


@pytest.mark.parametrize("make", [m for _, m in ODD_FILES], ids=[n for n, _ in ODD_FILES])
async def test_an_odd_workspace_file(tmp_path, capsys, make):
    path = make(tmp_path)
    before = state(path)
    try:
        ws = Workspace(path)
    except WorkspaceFileError:
        readable = False
        status, text = run(capsys, "--db", str(path))
        assert status == 2 and "Cannot open" in text
    else:
        readable = True
        app = make_app(ws)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for key in ("4", "e", "escape", "8", "e", "escape"):
                await pilot.press(key)
                await settle(pilot)
            await pilot.press("0")
            await settle(pilot)
        ws.close()
    assert state(path) == before
    for args in SUBCOMMANDS:
        status, _ = run(capsys, *args, "--db", str(path))
        if readable:
            assert status in (0, 1), args  # 1: the search found nothing
        elif args[0] != "backups":
            assert status != 0, args
    status, _ = run(capsys, "import", str(path), "--db", str(tmp_path / "new" / "w.json"))
    assert state(path) == before
    # the user chooses to put a backup back: a regular file is kept aside as it was
    good = tmp_path / "good.json"
    source = Workspace(tmp_path / "source.json")
    source.add("story", {"title": "restored story"})
    import_json(to_json(source), good)
    source.close()
    status, _ = run(capsys, "restore", str(good), "--db", str(path))
    if isinstance(before, bytes):
        assert status == 0
        kept = list(path.parent.glob("workspace.before-restore-*.json"))
        assert len(kept) == 1 and kept[0].read_bytes() == before
    else:
        assert status == 2 and state(path) == before


@pytest.fixture
def existing(tmp_path) -> Path:
    path = tmp_path / "existing" / "workspace.json"
    ws = Workspace(path)
    ws.add("story", {"title": "mine"})
    ws.close()
    return path


@pytest.mark.parametrize(
    "make", [m for _, m in HOSTILE_IMPORTS], ids=[n for n, _ in HOSTILE_IMPORTS]
)
def test_a_hostile_import_writes_nothing(tmp_path, capsys, existing, make):
    source = make(tmp_path)
    before = existing.read_bytes()
    fresh = tmp_path / "new" / "workspace.json"
    status, _ = run(capsys, "import", str(source), "--db", str(fresh))
    assert status == 2 and not fresh.exists()
    status, _ = run(capsys, "import", str(source), "--replace", "--db", str(existing))
    assert status == 2 and existing.read_bytes() == before
    status, _ = run(capsys, "restore", str(source), "--db", str(existing))
    assert status == 2 and existing.read_bytes() == before


async def test_hostile_imports_through_the_app_change_nothing(tmp_path, existing):
    before = existing.read_bytes()
    ws = Workspace(existing)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = capture_notes(app)
        for number, (name, make) in enumerate(HOSTILE_IMPORTS):
            folder = tmp_path / f"import-{number}"
            folder.mkdir()
            source = make(folder)
            app._import_from(str(source))
            await settle(pilot)
            assert app.is_running and app.screen is app.main, name
            assert notes and "Cannot import" in notes[-1], (name, notes[-1:])
    assert existing.read_bytes() == before
