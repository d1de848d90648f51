"""A workspace path that is a symbolic link looping back on itself (ln -s a b; ln -s b a) leads to
no file: the app and every command say so, naming the link and what to do, and write nothing,
neither a lock, a copy nor a file in the link's place. Real links on a real folder."""

from __future__ import annotations

import os

import pytest

from tui.cli import main
from tui.core.export import to_json
from tui.core.repository import Workspace
from tui.core.storage import WorkspaceFileError


@pytest.fixture
def loop(tmp_path):
    """`a` -> `b` -> `a` in a folder of their own; an export to import beside it."""
    folder = tmp_path / "links"
    folder.mkdir()
    os.symlink("b", folder / "a")
    os.symlink("a", folder / "b")
    return folder / "a"


def _unchanged(loop) -> None:
    folder = loop.parent
    assert sorted(os.listdir(folder)) == ["a", "b"], "nothing was made beside the links"
    assert os.readlink(folder / "a") == "b" and os.readlink(folder / "b") == "a"


def _told(err: str, loop) -> None:
    assert f"{loop} is a symbolic link that loops" in err, err
    assert f"{loop} -> b -> a" in err
    assert "no workspace" not in err and "Restore a backup" not in err
    assert f"rm {loop}" in err and "--db PATH" in err


@pytest.mark.parametrize(
    "command",
    [
        [],  # the app itself
        ["search", "conflict"],
        ["export", "--format", "json"],
        ["export", "--format", "md"],
        ["restore"],
    ],
    ids=["app", "search", "export-json", "export-md", "restore"],
)
def test_each_command_names_the_loop_and_writes_nothing(loop, capsys, command):
    assert main([*command, "--db", str(loop)]) == 2
    _told(capsys.readouterr().err, loop)
    _unchanged(loop)


def test_the_app_started_from_the_environment_says_the_same(loop, capsys, monkeypatch):
    monkeypatch.setenv("FINALROUND_DB", str(loop))
    assert main([]) == 2
    _told(capsys.readouterr().err, loop)
    _unchanged(loop)


@pytest.mark.parametrize("replace", [True, False], ids=["replace", "into-new"])
def test_import_leaves_the_link_a_link(loop, demo, tmp_path, capsys, replace):
    source = tmp_path / "export.json"
    source.write_text(to_json(demo))
    args = ["import", str(source), "--db", str(loop)] + (["--replace"] if replace else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("finalround import: Nothing was imported:")
    _told(err, loop)
    _unchanged(loop)


def test_backups_lists_what_there_is_and_names_the_loop(loop, capsys):
    assert main(["backups", "--db", str(loop)]) == 0
    _told(capsys.readouterr().err, loop)
    _unchanged(loop)


def test_a_folder_on_the_way_that_loops_is_named(loop, capsys):
    inside = loop / "workspace.json"
    assert main(["--db", str(inside)]) == 2
    err = capsys.readouterr().err
    assert f"{inside} cannot be reached: the symbolic link {loop} on its way loops" in err, err
    _unchanged(loop)


def test_the_workspace_refuses_it_before_taking_a_lock(loop):
    with pytest.raises(WorkspaceFileError, match="symbolic link that loops"):
        Workspace(loop)
    _unchanged(loop)


def test_a_link_to_a_file_still_opens_the_file(tmp_path, capsys):
    real = tmp_path / "real.json"
    Workspace(real).add("story", {"title": "Moved the billing jobs"})
    link = tmp_path / "link.json"
    os.symlink(real.name, link)
    assert main(["search", "billing", "--db", str(link)]) == 0
    assert "Moved the billing jobs" in capsys.readouterr().out
