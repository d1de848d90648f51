"""Text boxes that take a burst of typed keys in one go (a paste arriving as key presses costs one
insert, not one per letter) and keep all of a pasted text, its control characters made visible."""

from __future__ import annotations

import re

from textual import events
from textual.message_pump import MessagePump, MessagePumpClosed
from textual.widget import Widget
from textual.widgets import Input, TextArea

from ..core.formatting import visible

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # only these: splitlines() also breaks at ^\ ^] ^^


def pasted_lines(text: str) -> list[str]:
    """The lines of a pasted text (Windows, old Mac or Unix line ends), control characters
    shown in caret notation (^[, ^G), blank lines at its end left out."""
    lines = [visible(line) for line in _LINE_BREAK.split(text)]
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return lines


class LineInput(Input):
    """A line of text that keeps every line of a paste, joined by spaces (Textual's own box
    keeps the first line only and drops the rest without a word)."""

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own handler is skipped: the paste is typed here
        lines = pasted_lines(event.text)
        text = lines[0] if len(lines) == 1 else " ".join(ln.strip() for ln in lines if ln.strip())
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)
        if len(lines) > 1:
            self.notify(
                f"This box holds one line: the {len(lines)} pasted lines are joined with spaces. "
                "Check where one ends and the next begins."
            )


async def typed_after(box: MessagePump, first: str, enter: str | None = None) -> str:
    """`first` and the printable keys already waiting right behind it in `box`'s queue, taken
    off the queue; `enter` is what an enter key among them types (None: enter ends the text).
    The first other key or message stays queued, so it is handled after the text, as typed."""
    typed = [first]
    while True:
        try:
            waiting = box._peek_message()
        except MessagePumpClosed:
            break
        if not isinstance(waiting, events.Key):
            break
        if waiting.is_printable and waiting.character is not None:
            typed.append(waiting.character)
        elif enter is not None and waiting.key == "enter":
            typed.append(enter)
        else:
            break
        await box._get_message()  # the key just peeked at: it is in `typed` now
    return "".join(typed)


async def own_binding(box: Widget, event: events.Key) -> bool:
    """Run the box's own binding for `event` (backspace, ctrl+u, the arrows) here, when the key
    reaches the box: Textual runs it only once the key has bubbled up to the app, behind the
    letters already waiting there, so "13 backspaces then a word" typed fast came out as the
    word typed first and then cut by the backspaces. The box's own bindings come first among
    the bindings that are not priority ones, so the key means what it would have meant."""
    for binding in box._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await box.app.run_action(binding.action, box):
            event.stop()
            event.prevent_default()
            return True
    return False


class TypedInput(LineInput):
    """A line of text whose waiting typed letters are inserted together, and whose own keys
    (backspace, ctrl+u) act in the order typed among them."""

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            await own_binding(self, event)
            return
        # a restricted box checks letter by letter, as it always has
        if self.restrict or self.max_length or self.type != "text":
            return  # Input's own handler takes the key
        event.stop()
        event.prevent_default()  # Input's own handler is skipped: the letters are typed here
        assert event.character is not None
        self._restart_blink()
        text = await typed_after(self, event.character)
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)


class TypedArea(TextArea):
    """Several lines whose waiting typed letters and line breaks are inserted together, and
    whose own keys act in the order typed among them."""

    async def _on_key(self, event: events.Key) -> None:
        # tab and escape keep their meaning where they indent; read-only areas take nothing
        if self.read_only or self.tab_behavior != "focus":
            return
        if not event.is_printable and event.key != "enter":
            await own_binding(self, event)  # else TextArea's own handler takes the key
            return
        event.stop()
        event.prevent_default()
        self._restart_blink()
        first = "\n" if event.key == "enter" else event.character or ""
        text = await typed_after(self, first, enter="\n")
        self._replace_via_keyboard(text, *self.selection)

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # TextArea's own handler is skipped: the paste is typed here
        if self.read_only:
            return
        text = "\n".join(pasted_lines(event.text))
        if result := self._replace_via_keyboard(text, *self.selection):
            self.move_cursor(result.end_location)
            self.focus()
