"""A keymap with mistakes is reported and cannot take the keys that quit and save; a reader
that goes away (`| head`) ends a command quietly."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SIZE, capture_notes, settle

from tui.core.repository import Workspace
from tui.ui.app import FinalRoundApp, all_bindings, load_keymap
from tui.ui.keymap import check_keymap


@pytest.mark.parametrize(
    "raw, problem",
    [
        (b"\xff\xfe not utf-8", "not text"),
        (b"keys = 5", "'keys' should be a table"),
        (b"[keys\n", "not valid TOML"),
        (b"[keys]\nsearch = 5\n", "should be text"),
    ],
)
def test_a_broken_keymap_file_is_reported(tmp_path, raw, problem):
    path = tmp_path / "keymap.toml"
    path.write_bytes(raw)
    keymap, problems = load_keymap(path)
    assert keymap == {} and problem in problems[0]


def test_bad_entries_are_skipped_and_vital_keys_kept():
    keymap = {
        "no-such-action": "x",
        "search": "ctrl+notakey",
        "pane-1": "q",
        "help": "h",
    }
    good, problems = check_keymap(keymap, all_bindings())
    assert good == {"help": "h"}
    text = "\n".join(problems)
    assert "no-such-action" in text and "ctrl+notakey" in text and "q stays with quit" in text
    # q may move when quit itself is given another key
    good, _ = check_keymap({"quit": "ctrl+x", "pane-1": "q"}, all_bindings())
    assert good == {"quit": "ctrl+x", "pane-1": "q"}


async def test_keymap_problems_show_at_start_and_q_still_quits(demo):
    keymap, problems = {"pane-1": "q", "nope": "x"}, ["keymap.toml: 'keys' should be a table"]
    app = FinalRoundApp(demo, keymap=keymap, keymap_problems=problems)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running
    # the notice was shown before capture started; the app keeps it in its notifications
    shown = notes or [n.message for n in app._notifications]
    assert any("nope" in n and "q stays with quit" in n for n in shown), shown


def test_a_closed_pipe_ends_quietly_with_status_0(tmp_path):
    path = tmp_path / "workspace.json"
    ws = Workspace(path)
    with ws.batch():
        for n in range(400):
            ws.add("story", {"title": f"story {n} " + "word " * 40, "result": "x" * 400})
    ws.close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "export", "--format", "json", "--db", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout.read(10)  # like `head -c 10`: read a little, then go away
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert "Broken pipe" not in err and "Traceback" not in err
