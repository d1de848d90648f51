"""A terminal window closed, or the system asking the app to stop (SIGHUP, SIGTERM): the real
app in a pseudo-terminal ends as after `q`, keeps a form's unsaved text in a file, and leaves
no demo folder behind."""

from __future__ import annotations

import json
import os
import signal

import pytest
from pty_terminal import Terminal

from tui.core.repository import Workspace


def _gone(term: Terminal, number: int | None, close_terminal: bool) -> int:
    """Send `number` (if any) to the app, first closing its terminal as a window closing
    does; its exit status."""
    if close_terminal:
        os.close(term.master)
    if number is not None:
        term.proc.send_signal(number)
    try:
        if not close_terminal:
            term.wait_for(b"")  # what it writes as it ends, read as a terminal reads it
        return term.proc.wait(timeout=60)
    finally:
        if term.proc.poll() is None:
            os.killpg(term.proc.pid, signal.SIGKILL)
            term.proc.wait()
        if not close_terminal:
            os.close(term.master)


@pytest.mark.parametrize(
    "number, close_terminal", [(signal.SIGHUP, True), (signal.SIGTERM, False), (None, True)]
)
def test_a_demo_ended_by_a_signal_leaves_no_folder(tmp_path, number, close_terminal):
    """None: the terminal goes without a signal (it is not the app's controlling terminal
    here): the app notices within a second or so, instead of spinning on it."""
    term = Terminal(["--demo"], env={"TMPDIR": str(tmp_path)})
    term.wait_for(b"What to do next")
    assert list(tmp_path.glob("finalround-demo-*")), "the demo runs in its own folder"
    assert _gone(term, number, close_terminal) == 128 + (number or signal.SIGHUP)
    assert list(tmp_path.glob("finalround-demo-*")) == []


def test_a_closed_terminal_keeps_the_form_being_typed(tmp_path):
    db = tmp_path / "work" / "workspace.json"
    term = Terminal(["--db", str(db)], env={"TMPDIR": str(tmp_path)})
    term.new_story_form()
    term.type(b"Saved before the window closed\x13")  # ctrl+s: saved as asked
    term.wait_for(b"1 story")
    term.type(b"n")
    term.wait_for(b"New story")
    term.type(b"Closed the window mid-story [not] lost")
    term.wait_for(b"mid-story")
    assert _gone(term, signal.SIGHUP, close_terminal=True) == 128 + signal.SIGHUP
    (kept,) = (db.parent / "exports").glob("unsaved-story-*.txt")
    assert kept.read_text() == (
        "Not saved: new story\n\nTitle: Closed the window mid-story [not] lost\n"
    )
    assert kept.stat().st_mode & 0o777 == 0o600
    saved = json.loads(db.read_text())
    assert [s["title"] for s in saved["story"].values()] == ["Saved before the window closed"]


async def test_an_edit_not_saved_is_kept_field_by_field_when_the_app_is_stopped(demo):
    """The signal's handler, run as the event loop runs it: an edit of a story, lines and
    tags included, is kept under the story's labels, and the app ends with the signal's
    status."""
    from conftest import SIZE, make_app, settle
    from textual.widgets import Input, TextArea

    from tui.ui import hang_up
    from tui.ui.form import RecordForm

    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm) and form.record is not None
        story = form.record
        form.query_one("#field-situation", TextArea).text = "Two teams, one deadline.\n[b]Both[/b]"
        form.query_one("#field-competencies", Input).value = "conflict, ownership"
        await settle(pilot)
        hang_up.stop(app, signal.SIGTERM)
        hang_up.stop(app, signal.SIGTERM)  # passed on a second time: kept once
        await settle(pilot)
    assert app.return_code == 128 + signal.SIGTERM
    (kept,) = app.hung_up_kept
    assert kept.name.startswith(f"unsaved-edit-of-story-{story.id}-")
    assert list(kept.parent.glob("unsaved-*")) == [kept]
    text = kept.read_text()
    assert text.startswith(f"Not saved: {story.title}\n\nTitle: {story.title}\n")
    assert "Situation:\nTwo teams, one deadline.\n[b]Both[/b]\n" in text
    assert "Competencies (comma-separated tags): conflict, ownership\n" in text
    stored = Workspace(demo.path, read_only=True)
    try:  # kept aside, not saved unasked
        assert stored.get("story", story.id)["situation"] == story["situation"]
    finally:
        stored.close()


async def test_a_long_text_not_saved_asks_before_quitting_and_is_kept_on_a_hang_up(demo):
    """The job description's text box holds typing too: q asks first, and a closed terminal
    keeps its text as typed."""
    from conftest import SIZE, make_app, settle
    from textual.widgets import TextArea

    from tui.ui import hang_up
    from tui.ui.dialogs import ConfirmScreen
    from tui.ui.draft_screen import TextEditScreen

    pasted = "Requirements:\n- Rust in production\n- [bold]Kafka[/] at scale\n"
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(TextEditScreen("Job description · Northwind", "older text"))
        await settle(pilot)
        app.screen.query_one(TextArea).text = pasted
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        hang_up.stop(app, signal.SIGHUP)
        await settle(pilot)
    (kept,) = app.hung_up_kept
    assert kept.name.startswith("unsaved-job-description-northwind-")
    assert kept.read_text() == pasted
