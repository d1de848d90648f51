"""Text boxes that take a burst of typed keys in one go: a long paste that arrives as key presses
(no bracketed paste) costs one insert, not one insert, redraw and change message per letter."""

from __future__ import annotations

from textual import events
from textual.message_pump import MessagePump, MessagePumpClosed
from textual.widgets import Input, TextArea


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


class TypedInput(Input):
    """A line of text whose waiting typed letters are inserted together."""

    async def _on_key(self, event: events.Key) -> None:
        # a restricted box checks letter by letter, as it always has
        if not event.is_printable or self.restrict or self.max_length or self.type != "text":
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
    """Several lines whose waiting typed letters and line breaks are inserted together."""

    async def _on_key(self, event: events.Key) -> None:
        # tab and escape keep their meaning where they indent; read-only areas take nothing
        if self.read_only or self.tab_behavior != "focus":
            return
        if not event.is_printable and event.key != "enter":
            return  # TextArea's own handler takes the key
        event.stop()
        event.prevent_default()
        self._restart_blink()
        first = "\n" if event.key == "enter" else event.character or ""
        text = await typed_after(self, first, enter="\n")
        self._replace_via_keyboard(text, *self.selection)
