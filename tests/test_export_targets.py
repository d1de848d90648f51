"""Where an export or an import may write: never over the workspace file, its lock or its
copies, nor over a pipe, a folder or a link that leads nowhere; a link to a file is followed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import SIZE, capture_notes, make_app, settle

from tui.cli import main
from tui.core.repository import Workspace


def small_workspace(path: Path) -> Path:
    ws = Workspace(path)
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    ws.add("story", {"title": "Cut build time", "result": "38 to 9 minutes"})
    ws.close()
    return path


@pytest.mark.parametrize(
    "name",
    [
        "workspace.json",  # the file itself
        "link-to-it.json",  # a link to it
        "hard-link.json",  # another name for the same file
        "workspace.json.lock",
        "workspace.backup-20261128-120000.json",
        "workspace.before-restore-20261128-120000.json",
    ],
)
def test_an_export_never_replaces_the_workspace_its_lock_or_its_copies(db_path, name, capsys):
    small_workspace(db_path)
    folder = db_path.parent
    (folder / "link-to-it.json").symlink_to(db_path.name)
    os.link(db_path, folder / "hard-link.json")
    for copy in ("workspace.backup-20261128-120000.json", "workspace.json.lock"):
        (folder / copy).write_bytes(db_path.read_bytes())
    before = {p.name: p.read_bytes() for p in folder.iterdir() if not p.is_symlink()}
    assert main(["--db", str(db_path), "export", "--format", "md", "-o", str(folder / name)]) == 2
    err = capsys.readouterr().err
    assert "was not written" in err and "name another file" in err, err
    assert before == {p.name: p.read_bytes() for p in folder.iterdir() if not p.is_symlink()}
    assert (folder / "link-to-it.json").is_symlink()
    assert Workspace(db_path, read_only=True).all_records("story")  # still the workspace


def test_an_export_refuses_a_pipe_a_folder_and_a_link_that_leads_nowhere(db_path, capsys):
    small_workspace(db_path)
    folder = db_path.parent
    os.mkfifo(folder / "pipe")
    (folder / "nowhere.md").symlink_to(folder / "missing" / "x.md")
    said = {
        "pipe": "not a regular file",
        "nowhere.md": "which does not exist",
        ".": "is a folder",
    }
    for name, reason in said.items():
        argv = ["--db", str(db_path), "export", "--format", "md", "-o", str(folder / name)]
        assert main(argv) == 2, name
        err = capsys.readouterr().err
        assert reason in err and "leave -o out" in err, err
    assert stat.S_ISFIFO(os.lstat(folder / "pipe").st_mode)  # still a pipe: no reader waits
    assert (folder / "nowhere.md").is_symlink() and not (folder / "missing").exists()


def test_an_export_through_a_link_writes_the_file_it_leads_to(db_path, tmp_path, capsys):
    small_workspace(db_path)
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    (briefs / "acme.md").write_text("an older brief\n")
    link = tmp_path / "latest.md"
    link.symlink_to(briefs / "acme.md")
    assert main(["--db", str(db_path), "export", "--format", "md", "-o", str(link)]) == 0
    assert f"Wrote {briefs / 'acme.md'} (the file the link {link} leads to)" in (
        capsys.readouterr().err
    )
    assert link.is_symlink() and (briefs / "acme.md").read_text().startswith("# Prep brief: Acme")


def test_an_import_never_turns_a_pipe_into_a_file(db_path, tmp_path, capsys):
    source = small_workspace(tmp_path / "source.json")
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    assert main(["import", str(source), "--db", str(pipe), "--replace"]) == 2
    err = capsys.readouterr().err
    assert "is not a regular file" in err and "Nothing was imported" in err
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


async def test_an_export_from_the_app_does_not_replace_a_pipe(db_path, frozen_clock):
    from tui.ui.commands import ExportFile

    small_workspace(db_path)
    exports = db_path.parent / "exports"
    exports.mkdir()
    pipe = exports / f"workspace-backup-{frozen_clock.strftime('%Y%m%d-%H%M%S')}.json"
    os.mkfifo(pipe)
    app = make_app(Workspace(db_path))
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(ExportFile("json"))
        await settle(pilot)
    said = [n for n in notes if n.startswith("Nothing exported")]
    assert said and "not a regular file" in said[0], notes
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


@pytest.mark.parametrize("demo_session", [True, False], ids=["demo", "workspace"])
async def test_an_export_from_the_demo_says_its_folder_goes_at_quit(db_path, demo_session):
    """The demo's workspace lives in a folder removed when it ends: an export made there says
    so, where one beside a real workspace does not."""
    from tui.ui.commands import ExportFile

    small_workspace(db_path)
    app = make_app(Workspace(db_path), demo=demo_session)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(ExportFile("json"))
        await settle(pilot)
    said = [n for n in notes if n.startswith("Exported to")]
    assert len(said) == 1, notes
    assert ("removed when you quit" in said[0]) == demo_session, said
