"""A pasted text (bracketed paste) is kept whole: several lines pasted into a one-line box are
joined with spaces and said so, and control characters, escape sequences among them, arrive in
place and in caret notation (^[, ^G), never raw, dropped or typed as keys."""

from __future__ import annotations

from conftest import SIZE, capture_notes, make_app, settle
from textual import events
from textual.widgets import Input, TextArea

from tui.ui.dialogs import AskScreen
from tui.ui.form import RecordForm

TWO_LINES = "First line of title\nsecond line of title"
ESCAPES = "AAA \x1b]0;TITLE\x07 BBB"  # a window-title sequence, copied from a terminal
COLOUR = "CCC \x1b[31mX DDD"
CONTROLS = "EEE \x07\x01 FFF\x00"


def paste(app, text: str) -> None:
    """A bracketed paste, through the same door the terminal's input comes in by."""
    event = events.Paste(text)
    event.set_sender(app)
    app._driver.send_message(event)


async def test_a_multi_line_paste_into_the_title_keeps_every_line_and_says_so(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        notes = capture_notes(app)
        paste(app, TWO_LINES)
        await settle(pilot)
        assert app.screen.query_one("#field-title", Input).value == (
            "First line of title second line of title"
        )
        assert any("2 pasted lines are joined" in note for note in notes)
        await pilot.press("ctrl+s")
        await settle(pilot)
    titles = [r.title for r in demo.all_records("story")]
    assert "First line of title second line of title" in titles


async def test_control_characters_in_a_paste_show_in_caret_notation(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        for text in (ESCAPES, CONTROLS, "\r\n"):  # a line end alone adds nothing
            paste(app, text)
            await settle(pilot)
        title = app.screen.query_one("#field-title", Input)
        assert title.value == "AAA ^[]0;TITLE^G BBBEEE ^G^A FFF^@"
        area = app.screen.query(TextArea).first()
        area.focus()
        await pilot.pause()
        paste(app, "one\r\ntwo " + COLOUR + "\rthree\n\n")
        await settle(pilot)
        assert area.text == "one\ntwo CCC ^[[31mX DDD\nthree"


async def test_a_multi_line_paste_into_a_dialog_keeps_every_line(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(AskScreen("Export to which file?"))
        await pilot.pause()
        paste(app, "/tmp/my\n  brief.md\n")
        await pilot.pause()
        assert app.screen.query_one("#answer", Input).value == "/tmp/my brief.md"
