"""A long paste that arrives as key presses (no bracketed paste: some terminals, ssh and tmux
set-ups, tools that type text) is taken by a text box in one go, not letter by letter: every
letter arrives, in order, and the box reports a change a handful of times, not once per letter
(each change used to carry the whole text so far, and a 50,000-letter paste froze the app for
minutes while its memory grew past a gigabyte)."""

from __future__ import annotations

from conftest import SIZE, capture_notes, make_app, settle
from textual import events
from textual.message import Message
from textual.widgets import Input, TextArea

from tui.ui.form import RecordForm

LETTERS = 3_000  # over a title's limit of 1,000, well under a long text's
FEW = 20  # changes a burst may take: one per batch of keys the app finds waiting, not per key


def burst(app, keys: list[str]) -> None:
    """Keys as a terminal delivers a paste without bracketed paste: each a key press, all
    queued at once, through the same door the terminal's keys come in by."""
    for key in keys:
        character = {"enter": "\r", "tab": "\t"}.get(key, key if len(key) == 1 else None)
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)


class Changes:
    """The change messages a text box sends, each counted once however far it bubbles."""

    def __init__(self, box_id: str) -> None:
        self.box_id = box_id
        self.seen: list[Message] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Input.Changed | TextArea.Changed):
            box = message.input if isinstance(message, Input.Changed) else message.text_area
            if box.id == self.box_id and not any(m is message for m in self.seen):
                self.seen.append(message)

    def __len__(self) -> int:
        return len(self.seen)


async def open_form(pilot) -> RecordForm:
    await pilot.press("4", "n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RecordForm)
    return pilot.app.screen


async def test_a_long_burst_into_the_title_is_typed_in_one_go_and_refused_whole(demo):
    changes = Changes("field-title")
    app = make_app(demo)
    async with app.run_test(size=SIZE, message_hook=changes) as pilot:
        form = await open_form(pilot)
        notes = capture_notes(app)
        stories = demo.count("story")
        burst(app, ["x"] * LETTERS + ["ctrl+s"])
        await settle(pilot)
        assert form.collect()["title"] == "x" * LETTERS  # every letter is in the field
        assert 0 < len(changes) <= FEW, len(changes)
        # too long to save: said once, beside the field, and the text stays to shorten
        assert app.screen is form
        error = str(form.query_one("#error-title").render())
        assert "is 3,000 characters; the limit here is 1,000" in error
        # the notice names the field once; the reason is the one beside it
        assert notes == ["Fix Title (marked ↑)."], notes
        assert demo.count("story") == stories


async def test_a_long_burst_of_lines_into_a_text_area_keeps_every_line(demo):
    lines = [f"line {n} of the situation, typed fast" for n in range(80)]
    keys = [k for line in lines for k in [*line, "enter"]][:-1]
    changes = Changes("field-situation")
    app = make_app(demo)
    async with app.run_test(size=SIZE, message_hook=changes) as pilot:
        form = await open_form(pilot)
        await pilot.press("tab")
        await settle(pilot)
        burst(app, keys)
        await settle(pilot)
        assert form.collect()["situation"] == "\n".join(lines)
        assert 0 < len(changes) <= FEW, len(changes)


async def test_a_burst_then_ctrl_s_saves_every_letter_then_the_form_closes(demo):
    title = "".join(chr(ord("a") + n % 26) for n in range(900))
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot)
        burst(app, [*title, "ctrl+s"])
        await settle(pilot)
        assert not isinstance(app.screen, RecordForm)
    assert max(demo.all_records("story"), key=lambda s: s.id).title == title


async def test_a_burst_right_after_n_lands_in_the_title_in_order(demo):
    """The letters that arrive while the form opens are held, then handed on: the ones still
    arriving meanwhile come after them, never before."""
    title = "".join(chr(ord("A") + n % 26) for n in range(800))
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        burst(app, ["n", *title, "ctrl+s"])
        await settle(pilot)
        await settle(pilot)
        assert not isinstance(app.screen, RecordForm)
    assert max(demo.all_records("story"), key=lambda s: s.id).title == title


async def test_letters_arriving_while_held_ones_are_handed_on_come_after_them(demo):
    """A paste still arriving as the form takes the letters held for it: the new letters are
    typed after the held ones, not slipped in between them."""
    from textual._context import active_message_pump

    from tui.ui.key_gate import ReplayKeys

    held, later = "held letters ", "arriving meanwhile"
    app = make_app(demo)
    sent = False

    def arrive_meanwhile(message: Message) -> None:
        nonlocal sent
        if isinstance(message, ReplayKeys) and active_message_pump.get() is app and not sent:
            sent = True
            # the app is about to hand the held letters on, and more letters come in from the
            # terminal right now: they are next in the app's queue (a race a test cannot wait
            # for, so the letters are put there, ahead of the one message already peeked at)
            queue, peeked = app._message_queue, app._pending_message
            app._pending_message = None
            if peeked is not None:
                queue.values.appendleft(peeked)
            for letter in reversed(later):
                key = events.Key(letter, letter)
                key.set_sender(app)
                queue.values.appendleft(key)
            queue.ready_event.set()

    async with app.run_test(size=SIZE, message_hook=arrive_meanwhile) as pilot:
        await pilot.press("4")
        await settle(pilot)
        burst(app, ["n", *held])
        await settle(pilot)
        assert sent and isinstance(app.screen, RecordForm)
        assert app.screen.collect()["title"] == held + later


async def test_tab_and_enter_inside_a_burst_keep_their_meaning(demo):
    """Tab moves to the next field, enter in a long text starts a line: a burst is only
    letters taken together, never a key that does something else."""
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        burst(app, [*"first", "tab", *"one", "enter", *"two", "tab", *"task"])
        await settle(pilot)
        values = form.collect()
    assert (values["title"], values["situation"], values["task"]) == (
        "first",
        "one\ntwo",
        "task",
    )


async def test_a_long_burst_into_the_job_description_box_is_typed_in_one_go(demo):
    from tui.ui.draft_screen import TextEditScreen

    changes = Changes("long-text")
    text = "\n".join(f"Requirement {n}: five years of something" for n in range(100))
    app = make_app(demo)
    async with app.run_test(size=SIZE, message_hook=changes) as pilot:
        app.push_screen(TextEditScreen("Job description · Northwind", ""))
        await settle(pilot)
        burst(app, ["enter" if c == "\n" else c for c in text])
        await settle(pilot)
        assert app.screen.query_one(TextArea).text == text
        assert 0 < len(changes) <= FEW, len(changes)


async def test_a_long_burst_into_the_search_box_is_one_search_not_one_per_letter(demo):
    """Each change of the search box searches and redraws the results: 4,000 letters pasted as
    key presses froze the screen for minutes, one search per letter."""
    text = " ".join(["conflict", "migration", "platform", "review"] * 200)
    changes = Changes("search-input")
    app = make_app(demo)
    async with app.run_test(size=SIZE, message_hook=changes) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        burst(app, [*text])
        await settle(pilot)
        assert app.screen.query_one("#search-input", Input).value == text
        assert 0 < len(changes) <= FEW, len(changes)
        assert app.screen.hits  # the whole text was searched once it was in


async def test_backspaces_then_letters_in_one_burst_apply_in_the_order_typed(demo):
    """A fast edit, all keys waiting at once: the backspaces take out what was there, then the
    new word is typed; the letters never jump ahead of the keys typed before them."""
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        box = app.screen.query_one("#search-input", Input)
        for _ in range(6):
            burst(app, [*"kind:question"])
            await settle(pilot)
            assert box.value == "kind:question"
            burst(app, ["backspace"] * 13 + [*"leadership"])
            await settle(pilot)
            assert box.value == "leadership"
            burst(app, ["ctrl+u", *"conflict"])
            await settle(pilot)
            assert box.value == "conflict"
            burst(app, ["ctrl+u"])
            await settle(pilot)
            assert box.value == ""
