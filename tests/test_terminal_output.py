"""Through a real pseudo-terminal: escape sequences typed into records never reach the terminal
raw, from an edit form, plain search, Markdown on stdout, an error message, or a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from pty_terminal import Terminal

from tui.core.repository import Workspace

# Sequences a terminal would act on: set the window title, ask for the cursor position.
TITLE = "\x1b]2;PWNED\x07"
ASK = "\x1b[6nQQ"
EVIL = f"{TITLE}evil story {ASK} \x9b31m"
RAW = [TITLE.encode(), ASK.encode(), "\x9b".encode()]


@pytest.fixture
def evil_db(tmp_path) -> Path:
    path = tmp_path / "workspace.json"
    ws = Workspace(path)
    opp = ws.add("opportunity", {"company": f"Acme {TITLE}", "role": "Engineer"})
    ws.add("story", {"title": EVIL, "result": f"cut costs 30% {ASK}"})
    ws.add("interviewer", {"name": f"Dana {TITLE}"}, opportunity=opp.id)
    ws.close()
    return path


def assert_nothing_raw(output: bytes) -> None:
    for sequence in RAW:
        assert sequence not in output, f"{sequence!r} reached the terminal raw"


def test_an_edit_form_shows_control_characters_as_symbols(evil_db):
    term = Terminal(["--db", str(evil_db)])
    term.wait_for(b"Dashboard")
    term.type(b"4")
    term.wait_for(b"evil story")
    term.type(b"e")
    term.wait_for(b"ctrl+s saves")
    term.type(b"\x11")  # ctrl+q: the form is unchanged, so the app quits at once
    assert term.close() == 0
    assert b"^[" in term.seen  # the escape is shown in caret notation
    assert_nothing_raw(term.seen)


@pytest.mark.parametrize(
    "args",
    [["search", "evil"], ["export", "--format", "md"], ["backups"]],
)
def test_command_output_shows_control_characters_as_symbols(evil_db, args):
    term = Terminal([*args, "--db", str(evil_db)])
    status = term.close()
    assert status == 0, term.seen
    assert_nothing_raw(term.seen)
    if args[0] != "backups":
        assert b"evil story" in term.seen


def test_an_error_message_shows_control_characters_as_symbols(tmp_path):
    folder = tmp_path / f"dir{TITLE}"
    path = folder / "workspace.json"
    path.mkdir(parents=True)  # a folder where the file should be
    term = Terminal(["--db", str(path)])
    assert term.close() == 2
    assert b"Cannot open" in term.seen
    assert_nothing_raw(term.seen)
