"""Nothing typed is lost: quitting from a changed form asks, keys typed while a form opens
reach it, ctrl+s saves what is in the fields, $EDITOR edits survive a failed save, and the
app tells the user when another program or window holds the file."""

from __future__ import annotations

import contextlib
import errno
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SIZE, capture_notes, make_app, settle
from textual import events

from tui.core import storage
from tui.core.repository import Workspace
from tui.ui.dialogs import ConfirmScreen
from tui.ui.form import RecordForm


def editor_app(demo, monkeypatch, editor: str):
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(demo)
    # The headless test driver has no terminal to hand over to the editor, so suspending is
    # a no-op here; the editor itself really runs and really writes the file.
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    return app


def fake_editor(tmp_path, body: str) -> str:
    script = tmp_path / "fake-editor"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return str(script)


@pytest.mark.parametrize("editor", ["code-not-installed --wait", "vim 'unbalanced"])
async def test_an_editor_that_cannot_start_gives_a_message_and_the_screen_back(
    demo, monkeypatch, editor
):
    before = demo.scoped_records("interviewer")[0]["draft_body"]
    app = editor_app(demo, monkeypatch, editor)
    async with app.run_test(size=SIZE) as pilot:
        notes = capture_notes(app)
        await pilot.press("8", "E")
        await settle(pilot)
        assert any("EDITOR" in n for n in notes), notes
        await pilot.press("j")  # the screen still answers keys
        await settle(pilot)
    assert demo.scoped_records("interviewer")[0]["draft_body"] == before


async def test_an_editor_writing_latin1_keeps_the_text(demo, monkeypatch, tmp_path):
    editor = fake_editor(tmp_path, "printf 'Caf\\351 cr\\350me\\n' > \"$1\"")
    app = editor_app(demo, monkeypatch, editor)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "E")
        await settle(pilot)
    assert demo.scoped_records("interviewer")[0]["draft_body"] == "Café crème\n"


@pytest.mark.parametrize("failure", ["too long", "disk full"])
async def test_an_editor_edit_whose_save_fails_is_kept_in_a_named_file(
    demo, monkeypatch, tmp_path, failure
):
    before = demo.scoped_records("interviewer")[0]["draft_body"]
    if failure == "too long":  # over the 200,000-character limit of a note
        editor = fake_editor(tmp_path, "head -c 300000 /dev/zero | tr '\\0' 'x' > \"$1\"")
        expected = "x" * 300_000
    else:
        editor = fake_editor(tmp_path, "printf 'Edited words\\n' > \"$1\"")
        expected = "Edited words\n"

        # a full disk cannot be made on demand: the workspace's own write is made to fail as
        # one would (the folder of exports stays writable: the edit is kept there)
        real = storage.atomic_write_text

        def full(path, text):
            if path == demo.path:
                raise OSError(errno.ENOSPC, "No space left on device")
            real(path, text)

        monkeypatch.setattr(storage, "atomic_write_text", full)
    app = editor_app(demo, monkeypatch, editor)
    async with app.run_test(size=SIZE) as pilot:
        notes = capture_notes(app)
        await pilot.press("8", "E")
        await settle(pilot)
    kept = [n for n in notes if "kept in" in n]
    assert kept, notes
    path = kept[0].split("kept in ")[1].rstrip(".")
    assert open(path, encoding="utf-8").read() == expected
    assert Path(path).parent == demo.path.parent / "exports"  # not the editor's own file
    assert demo.scoped_records("interviewer")[0]["draft_body"] == before


async def test_quitting_from_a_changed_form_asks(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n", "a", "b")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # back to the form, text intact
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        assert app.screen.collect()["title"] == "ab"
        await pilot.press("ctrl+q", "y")
        await settle(pilot)
    assert app.return_code == 0


async def test_quitting_from_an_unchanged_form_does_not_ask(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running


async def test_ctrl_c_says_how_to_quit_in_plain_words(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        notes = capture_notes(app)
        await pilot.press("ctrl+c")
        await settle(pilot)
    assert notes and "[" not in notes[0] and "quit" in notes[0]


async def test_an_outside_change_is_detected_and_the_form_kept(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        for ch in "mine":
            await pilot.press(ch)
        # a sync client rewrites the file meanwhile
        doc = json.loads(demo.path.read_text())
        doc["story"]["1"]["title"] = "changed elsewhere"
        demo.path.write_text(json.dumps(doc))
        outside = demo.path.read_bytes()
        notes = capture_notes(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo.path.read_bytes() == outside  # not overwritten
        assert isinstance(app.screen, RecordForm) and app.screen.collect()["title"] == "mine"
        assert any("changed by another program" in n for n in notes), notes
        await pilot.press("ctrl+s")  # saving again puts the story on top of the new file
        await settle(pilot)
        assert not isinstance(app.screen, RecordForm)
    titles = [s.title for s in Workspace(demo.path, read_only=True).all_records("story")]
    assert "changed elsewhere" in titles and "mine" in titles


HOLD = """
import sys
from tui.core.repository import Workspace
ws = Workspace(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
ws.close()
print("closed", flush=True)
sys.stdin.readline()
"""


async def test_the_read_only_window_saves_after_the_first_closes(demo):
    demo.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(demo.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "holding"
        ws = Workspace(demo.path)
        assert ws.read_only
        app = make_app(ws)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("4", "n")
            await settle(pilot)
            for ch in "later":
                await pilot.press(ch)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, RecordForm)  # refused: the edit stays
            proc.stdin.write("\n")
            proc.stdin.flush()
            assert proc.stdout.readline().strip() == "closed"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, RecordForm)
            assert "READ-ONLY" not in str(app.main.query_one("#topbar").render())
        titles = [s.title for s in Workspace(demo.path, read_only=True).all_records("story")]
        assert "later" in titles
    finally:
        proc.kill()
        proc.wait()


TYPED = "Quick20charsTyped987"  # 20 characters, sent at once as a fast typist's burst


def burst(app, keys: list[str]) -> None:
    """Keys as a terminal delivers a fast burst: all queued at once, no pause between."""
    from textual import events

    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


@pytest.fixture(scope="session")
def big_file(tmp_path_factory):
    """A workspace of 10,000 records, made once through the core API."""
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent / "benchmarks"))
    import random

    from bench_save import make_workspace

    path = tmp_path_factory.mktemp("big") / "workspace.json"
    make_workspace(path, 10_000, random.Random(7)).close()
    return path


@pytest.mark.parametrize("size", ["demo", "10,000 records"])
async def test_keys_typed_right_after_n_are_saved_exactly(demo, big_file, tmp_path, size):
    if size == "demo":
        ws = demo
    else:
        path = tmp_path / "big.json"
        path.write_bytes(big_file.read_bytes())
        ws = Workspace(path)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        before = ws.count("story")
        for attempt in range(3):
            title = f"{TYPED[:-1]}{attempt}"
            burst(app, ["n", *title, "ctrl+s"])
            await settle(pilot)
            await settle(pilot)
            assert not isinstance(app.screen, RecordForm), app.screen
            stories = ws.all_records("story")
            assert len(stories) == before + attempt + 1
            assert max(stories, key=lambda s: s.id).title == title


async def test_the_read_only_window_takes_over_from_the_palette(demo):
    from tui.ui.commands import TakeOverFile

    demo.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(demo.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "holding"
        app = make_app(Workspace(demo.path))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            notes = capture_notes(app)
            app.post_message(TakeOverFile())
            await settle(pilot)
            assert app.workspace.read_only and "still has the file open" in notes[-1]
            proc.stdin.write("\n")
            proc.stdin.flush()
            assert proc.stdout.readline().strip() == "closed"
            app.post_message(TakeOverFile())
            await settle(pilot)
            assert not app.workspace.read_only
            assert "READ-ONLY" not in str(app.main.query_one("#topbar").render())
    finally:
        proc.kill()
        proc.wait()


async def test_keys_typed_fast_after_tab_go_to_the_next_field(demo):
    """Keys that arrive faster than the screen answers them (a busy moment, a fast typist):
    the letters after tab land in the field tab moves to, and after shift+tab in the one
    before, not in the field left."""
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        typed = ["a", "b", "tab", "c", "d", "tab", "e", "shift+tab", "f"]
        for key in typed:  # all queued at once, before the first is answered
            character = key if len(key) == 1 else "\t" if key == "tab" else None
            app.post_message(events.Key(key, character))
        await settle(pilot)
        values = app.screen.collect()
    assert (values["title"], values["situation"], values["task"]) == ("ab", "cdf", "e")


@pytest.mark.parametrize("then", ["escape", "ctrl+q"])
async def test_a_save_in_flight_closes_the_form_once_and_saves_once(demo, monkeypatch, then):
    """ctrl+s, then escape (or ctrl+q) before the save is on disk, as happens in a large
    workspace: the form closes once the save lands, with one record saved and no crash. The
    save is held back on the real save thread until the key is in; nothing else is changed."""
    import threading

    go = threading.Event()
    real_add = Workspace.add

    def held_add(self, *args, **kwargs):
        go.wait(10)
        return real_add(self, *args, **kwargs)

    monkeypatch.setattr(Workspace, "add", held_add)
    stories = demo.count("story")
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n", "R", "a", "c", "e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.saving
        await pilot.press(then)
        await pilot.pause()
        go.set()
        await settle(pilot)
        if isinstance(app.screen, ConfirmScreen):  # quitting asks first; the answer is no
            await pilot.press("n")
            await settle(pilot)
        assert not isinstance(app.screen, RecordForm | ConfirmScreen), app.screen
        assert not form.is_attached
        await pilot.press("ctrl+s")  # nothing left to save twice
        await settle(pilot)
    assert [s.title for s in demo.all_records("story")].count("Race") == 1
    assert demo.count("story") == stories + 1
