"""A keymap with mistakes (or a key another action has where both work) is reported and
cannot take the keys that quit and save; a reader that goes away (`| head`) ends a command
quietly."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SIZE, capture_notes, new_record_form, settle

from tui.core.content import strategies
from tui.core.repository import Workspace
from tui.ui.app import FinalRoundApp, all_bindings, load_keymap
from tui.ui.form import RecordForm
from tui.ui.keymap import bindings_together, check_keymap


@pytest.mark.parametrize(
    "raw, problem",
    [
        (b"\xff\xfe not utf-8", "not text"),
        (b"keys = 5", "'keys' should be a table"),
        (b"[keys\n", "not valid TOML"),
        (b"[keys]\nsearch = 5\n", 'the key goes in quotes, like search = "5"'),
        (b"[keys]\nsearch = true\n", 'the key goes in quotes, like search = "f5"'),
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


def test_a_key_another_action_has_where_both_work_is_reported():
    good, problems = check_keymap(
        {"quit": "n", "help": "h", "search": "x", "new": "x"}, all_bindings(), bindings_together()
    )
    assert good == {"help": "h", "search": "x"}
    assert problems == [
        "new = 'x': x is already the key of search (Search) where new (New) works too, so "
        "this line was not applied; pick another key",
        "quit = 'n': n is already the key of new (New) where quit (Quit) works too, so this "
        "line was not applied; pick another key",
    ]
    # keys swapped between two actions, or one taken from an action given another key: no clash
    swapped = {"new": "e", "edit": "n"}
    assert check_keymap(swapped, all_bindings(), bindings_together()) == (swapped, [])
    # actions that never work at the same time may share a key (a dialog's and a pane's)
    apart = {"confirm-yes": "x", "day-of-export": "y"}
    assert check_keymap(apart, all_bindings(), bindings_together()) == (apart, [])
    # '?' and 'question_mark' are the same key
    _, problems = check_keymap({"new": "?"}, all_bindings(), bindings_together())
    assert "already the key of help (Help)" in problems[0]


async def test_a_keymap_file_with_a_clash_is_reported_and_not_applied(demo, tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text('[keys]\nquit = "n"\nhelp = "h"\n', encoding="utf-8")
    keymap, problems = load_keymap(path)
    app = FinalRoundApp(demo, keymap=keymap, keymap_problems=problems)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = [n.message for n in app._notifications]
        assert any(
            "quit = 'n': n is already the key of new (New) where quit (Quit) works too" in n
            for n in shown
        ), shown
        await pilot.press("n")  # on the dashboard: n does not quit
        await settle(pilot)
        assert app.is_running
        await pilot.press("h")  # the line without a clash is applied
        await settle(pilot)
        assert app.screen.query("HelpPanel")
        screen = await new_record_form(pilot, "4", "story")  # n on pane 4: New, as before
        assert isinstance(screen, RecordForm)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running


async def test_keymap_problems_name_the_strategy_of_a_pane_key(demo, tmp_path):
    """The keys 1-8 are named as the help names them ("2 Company & role"), never "Pane 2";
    each problem says what to write instead."""
    path = tmp_path / "keymap.toml"
    path.write_text(
        '[keys]\npane-2 = "3"\npane4 = "f4"\nhelp = "ctrl+hello"\nmystery = "m"\n',
        encoding="utf-8",
    )
    keymap, problems = load_keymap(path)
    app = FinalRoundApp(demo, keymap=keymap, keymap_problems=problems)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        (shown,) = [n.message for n in app._notifications if n.title == "Keymap"]
    assert "Pane " not in shown, shown
    assert (
        "pane-2 = '3': 3 is already the key of pane-3 (Interest) where pane-2 (Company & role) "
        "works too, so this line was not applied; pick another key"
    ) in shown, shown
    assert "pane4: no action has this id; did you mean pane-4 (Examples)?" in shown, shown
    assert "mystery: no action has this id; the README lists the ids" in shown, shown
    assert "help = 'ctrl+hello': not a key name; write one such as" in shown, shown
    # the same names as the help's, for every one of the keys 1-8
    names = {b.id: b.description for b in all_bindings()}
    assert [names[f"pane-{st.number}"] for st in strategies()] == [st.short for st in strategies()]


def test_every_id_the_readme_lists_can_be_remapped():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    listed = readme.split("Ids:")[1].split("A line with")[0]
    ids = re.findall(r"`([a-z0-9-]+)`", listed)
    assert len(ids) > 40
    _, problems = check_keymap(dict.fromkeys(ids, "f12"), all_bindings())
    assert problems == []


async def test_a_key_the_app_moves_with_is_not_taken_by_a_remap(demo):
    """tab goes to the next area, enter chooses, the arrows move: `quit = "tab"` used to be
    applied without a word, and tab then quit from any pane."""
    keymap = {"quit": "tab", "help": "shift+tab", "new": "enter", "pane-1": "left"}
    good, problems = check_keymap(keymap, all_bindings(), bindings_together())
    assert good == {}
    assert [p.split(":")[0] for p in problems] == [f"{k} = {v!r}" for k, v in keymap.items()]
    # an action keeps the moving keys it has, with one more of its own
    assert check_keymap({"search-down": "down,j"}, all_bindings())[0] == {"search-down": "down,j"}
    app = FinalRoundApp(demo, keymap={"quit": "tab"}, keymap_problems=[])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4", "tab")
        await settle(pilot)
        assert app.is_running
        shown = [n.message for n in app._notifications]
        assert any("quit = 'tab': tab moves between areas" in n for n in shown), shown
