"""A clipboard tool that never answers (a hung xclip) is ended when the copy gives up on it, and
any still running when the app ends is ended then: none is left behind, nor what it started.
The tool is a stand-in script named xclip, first in PATH: a test machine has no X display."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pyperclip
import pytest
from conftest import SIZE, capture_notes, make_app, settle
from test_copy_with_blanks import copy_note, named

from tui.core import clipboard


@pytest.fixture
def hung_xclip(tmp_path, monkeypatch) -> Path:
    """A stand-in xclip that starts a child and never answers; the file its pids go to."""
    pids = tmp_path / "pids"
    tool = tmp_path / "bin" / "xclip"
    tool.parent.mkdir()
    tool.write_text(f"#!/bin/sh\nsleep 300 &\necho $$ $! >> {pids}\nwait\n")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tool.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":77")
    monkeypatch.setattr(pyperclip, "copy", pyperclip.copy)  # restored after the test
    monkeypatch.setattr(pyperclip, "paste", pyperclip.paste)
    pyperclip.set_clipboard("xclip")
    return pids


def _running(pids: Path) -> list[int]:
    """The tools' and their children's pids still running (a zombie waiting for init is not)."""
    alive = []
    for pid in (int(p) for p in pids.read_text().split()):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(pid)
    return alive


def _gone(pids: Path) -> bool:
    deadline = time.monotonic() + 10
    while _running(pids) and time.monotonic() < deadline:
        time.sleep(0.05)  # the system takes a moment to reap an orphan
    return not _running(pids)


def test_a_copy_that_gives_up_ends_the_tool_and_its_children(hung_xclip):
    assert clipboard.copy_to_system("hello", timeout=0.5) == (
        "the clipboard tool did not answer within 0.5 s"
    )
    assert len(hung_xclip.read_text().split()) == 2
    assert _gone(hung_xclip)


def test_a_tool_still_running_when_the_app_ends_is_ended(hung_xclip):
    result: list[str | None] = []
    copying = threading.Thread(target=lambda: result.append(clipboard.copy_to_system("x", 60)))
    copying.start()
    deadline = time.monotonic() + 10
    while not (hung_xclip.exists() and clipboard.end_stuck_tools() == 1):  # as the app ends
        assert time.monotonic() < deadline, "the tool never started"
        time.sleep(0.02)
    assert _gone(hung_xclip)
    copying.join(10)
    assert not copying.is_alive()
    assert result == ["the clipboard tool failed (ended after it did not answer)"]
    assert len(hung_xclip.read_text().split()) == 2  # no second tool to read the copy back


async def test_copying_in_the_app_leaves_no_tool_running(demo, hung_xclip):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        notes = await copy_note(app, pilot, named(demo, "Aiko Tanaka"))
        await settle(pilot)
        assert any("did not answer within 2 s" in note for note in notes), notes
        capture_notes(app)
    assert _gone(hung_xclip)
