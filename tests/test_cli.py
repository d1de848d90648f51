"""The command line: bad files stop with a clear message and are never touched."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.cli import main


def test_unreadable_file_stops_with_a_message_and_is_left_alone(tmp_path, capsys):
    bad = tmp_path / "workspace.json"
    bad.write_bytes(b'{"story": {"1": {"title": "cut')
    assert main(["--db", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "truncated" in err and "backup" in err
    assert bad.read_bytes() == b'{"story": {"1": {"title": "cut'


def test_python_dash_m_is_the_same_program():
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("finalround ")


def test_db_from_the_environment(tmp_path, monkeypatch):
    from tui.cli import default_db_path

    monkeypatch.setenv("FINALROUND_DB", str(tmp_path / "x.json"))
    assert default_db_path() == tmp_path / "x.json"


def test_a_demo_subcommand_leaves_no_folder_behind(tmp_path):
    env = {**__import__("os").environ, "TMPDIR": str(tmp_path)}
    for args in (["search", "build", "--json"], ["export", "--format", "md"]):
        result = subprocess.run(
            [sys.executable, "-m", "tui", "--demo", *args], capture_output=True, env=env
        )
        assert result.returncode == 0, result.stderr
    assert list(tmp_path.glob("finalround-demo-*")) == []


def test_a_demo_session_leaves_no_folder_behind(tmp_path):
    """The real app in a pseudo-terminal: the dashboard shows, q quits, the folder is gone."""
    from pty_terminal import Terminal

    term = Terminal(["--demo"], env={"TMPDIR": str(tmp_path)})
    try:
        term.wait_for(b"What to do next")
        assert list(tmp_path.glob("finalround-demo-*")), "the demo runs in its own folder"
        term.type(b"q")
    finally:
        assert term.close() == 0
    assert list(tmp_path.glob("finalround-demo-*")) == []


def test_a_plain_start_is_read_as_the_parser_reads_it():
    """Opening a workspace skips building the parser: what it reads must be what the parser
    reads, and anything else (subcommands, --help, abbreviations, mistakes) goes to the parser."""
    from tui.cli import build_parser, plain_start

    for argv in (
        [],
        ["--demo"],
        ["--db", "w.json"],
        ["--db", ""],
        ["--db=w.json"],
        ["--db="],
        ["--db=-odd.json"],
        ["--db", "search"],
        ["--demo", "--db", "a.json", "--db", "b.json", "--demo"],
    ):
        plain = plain_start(argv)
        assert plain is not None, argv
        assert vars(plain) == vars(build_parser().parse_args(argv)), argv
    for argv in (
        ["--help"],
        ["-h"],
        ["--version"],
        ["--dem"],
        ["--demo=yes"],
        ["--db"],
        ["--db", "-"],
        ["--db", "--demo"],
        ["search", "x"],
        ["--demo", "export"],
        ["--", "--demo"],
        ["stray"],
    ):
        assert plain_start(argv) is None, argv


def test_a_search_with_nothing_to_look_for_says_what_to_give(capsys):
    assert main(["--demo", "search", ""]) == 2
    assert "give words to look for" in capsys.readouterr().err
    assert main(["--demo", "search", "kind:bogus"]) == 2
    err = capsys.readouterr().err
    assert "no kind of record is called 'bogus'" in err and "kind:story" in err
    assert main(["--demo", "search", "kind:sto", "--json"]) == 0  # the start of a kind's name
    assert '"kind": "story"' in capsys.readouterr().out
    # a filter without its value was searched as the word "category"
    assert main(["--demo", "search", "category:"]) == 2
    err = capsys.readouterr().err
    assert "category: takes a value, such as category:clarification" in err, err
    assert main(["--demo", "search", "growth", "category:"]) == 2
    assert main(["--demo", "search", "category:nonsense"]) == 2
    err = capsys.readouterr().err
    assert "no category begins 'nonsense'; category: takes category:clarification" in err, err


def test_kind_takes_the_kinds_search_prints(capsys):
    """`kind:starter_question` was refused though results are labelled so; `kind:question`
    also listed questions to practise and asked ("question" begins their labels)."""
    import json

    assert main(["--demo", "search", "kind:starter_question", "--json", "--limit", "5"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {row["kind"] for row in rows} == {"starter_question"}
    assert main(["--demo", "search", "kind:question", "--json", "--limit", "50"]) == 0
    assert {row["kind"] for row in json.loads(capsys.readouterr().out)} == {"question"}
    assert main(["--demo", "search", "kind:questions", "--json", "--limit", "50"]) == 0
    kinds = {row["kind"] for row in json.loads(capsys.readouterr().out)}
    assert {"question", "practice", "asked"} <= kinds  # the lists named by their plurals


def test_a_search_of_a_file_not_made_yet_says_how_to_make_that_file(tmp_path, capsys):
    path = tmp_path / "not made.json"
    assert main(["--db", str(path), "search", "x"]) == 2
    err = capsys.readouterr().err
    assert f"Open it once with `finalround --db '{path}'`" in err, err
    assert not path.exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-o", ""], "-o names no file"),
        (["--opportunity", " "], "--opportunity names no company"),
    ],
)
def test_an_empty_name_given_to_export_is_refused(tmp_path, capsys, args, said):
    """A script's empty variable (`-o "$OUT"`) is said, not taken as "write to the screen"
    or "the active opportunity"."""
    assert main(["--demo", "export", *args]) == 2
    captured = capsys.readouterr()
    assert said in captured.err and captured.out == ""
