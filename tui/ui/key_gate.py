"""Keys typed while a form opens, or while a form moves to its next field, are held, then handed
on in the order typed: a fast typist's first letters after `n` land in the title, not in the
list behind it, and the letters after `tab` in the next field, not in the one left. Letters
already waiting for a text box (a paste arriving as key presses) go to it in one go."""

from __future__ import annotations

import sys
from functools import partial
from typing import TypeGuard

from textual import events
from textual.app import App
from textual.driver import Driver
from textual.message import Message
from textual.message_pump import MessagePumpClosed
from textual.widget import Widget

# Actions that open a form; a key bound to one starts holding the keys typed after it.
FORM_ACTIONS = frozenset({"new", "edit", "select_cursor"})
GIVE_UP = 3.0  # seconds: a form that never opens (nothing to edit) frees the keys anyway
# Keys that move a form to another field; the keys after one wait until the focus has moved.
FOCUS_KEYS = frozenset({"tab", "shift+tab"})
FOCUS_GIVE_UP = 0.5  # seconds: a move that never lands frees the keys anyway


class ReplayKeys(Message):
    """The form is ready: the held keys go to it, in order."""


class KeyGate(App[int]):
    """An app that holds keys while a form opens."""

    _held: list[events.Key] | None = None
    _gate = 0  # which holding the give-up timer belongs to
    _replaying = False  # held keys are being handed on

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        if (driver.__module__, driver.__name__) != ("textual.drivers.linux_driver", "LinuxDriver"):
            return driver  # another platform, or a driver asked for by name
        from .paste_guard import GuardedDriver  # a paste's escapes reach the app as text

        return GuardedDriver

    def _opens_form(self, key: str) -> bool:
        # the form's module, once loaded: until then no form is open, and the first key of a
        # session need not load the form and the dialogs
        if self._in_form():
            return False
        active = self.active_bindings.get(key)
        if active is None or active.binding.action not in FORM_ACTIONS:
            return False
        from .dialogs import OpportunityScreen

        # the lists whose keys open a record form (which hands the keys on once it is up)
        if isinstance(active.node, OpportunityScreen):
            return True
        from .record_table import RecordTable

        return isinstance(active.node, RecordTable)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held is not None:
                self._held.append(event)  # a form is on its way: it gets this key
                return
            if self._opens_form(event.key):
                self._hold(GIVE_UP)
            elif event.key in FOCUS_KEYS and self._in_form():
                self._hold(FOCUS_GIVE_UP)  # the form hands the keys on once focus moved
            elif not self._replaying and (burst := self._burst(event)) is not None:
                await super().on_event(event)  # the first letter goes the usual way
                await self._hand_on_burst(*burst)
                return
        await super().on_event(event)

    def _burst(self, event: events.Key) -> tuple[Widget, bool, set[str]] | None:
        """The focused text box, whether it takes line breaks, and the keys bound before any
        box sees them, when `event` is a letter for it with more letters waiting behind it (a
        paste arriving as key presses); None otherwise."""
        boxes = sys.modules.get(f"{__package__}.text_boxes")  # none loaded: no box to type in
        box = self.focused
        if boxes is None or not isinstance(box, boxes.TypedInput | boxes.TypedArea):
            return None
        lines = isinstance(box, boxes.TypedArea)
        if not _typed(event, lines) or not _typed(self._waiting(), lines):
            return None
        # keys that act before the box sees them (ctrl+s saves) are never typed
        bound = {key for key, active in self.active_bindings.items() if active.binding.priority}
        return None if event.key in bound else (box, lines, bound)

    async def _hand_on_burst(self, box: Widget, lines: bool, bound: set[str]) -> None:
        """The letters waiting in the queue go straight to `box`, which types them in one go,
        rather than each looking for a binding on its way; the first other key stays queued."""
        while _typed(waiting := self._waiting(), lines) and waiting.key not in bound:
            await self._get_message()  # taken off the queue: `box` has it now
            box._forward_event(waiting)

    def _waiting(self) -> Message | None:
        """The message next in the app's queue, left there."""
        try:
            return self._peek_message()
        except MessagePumpClosed:
            return None

    def _hold(self, give_up: float) -> None:
        self._held = []
        self._gate += 1
        self.set_timer(give_up, partial(self._give_up, self._gate))

    def _in_form(self) -> bool:
        form = sys.modules.get(f"{__package__}.form")
        return form is not None and isinstance(self.screen, form.RecordForm)

    def _give_up(self, gate: int) -> None:
        if gate == self._gate:
            self.release_keys()

    def release_keys(self) -> None:
        """Hand the held keys on: call once the form has focused a field."""
        if self._held is not None:
            self.post_message(ReplayKeys())

    async def on_replay_keys(self, message: ReplayKeys) -> None:
        held, self._held = self._held or [], None
        self._replaying = True  # keys arriving meanwhile wait in the queue for the held ones
        try:
            for at, key in enumerate(held):
                if self._held is not None:  # a key handed on (tab) holds the rest again
                    self._held += held[at:]
                    return
                await self.on_event(key)
        finally:
            self._replaying = False


def _typed(key: Message | None, lines: bool) -> TypeGuard[events.Key]:
    """A key a text box types: a letter, or enter where the box takes line breaks."""
    return (
        isinstance(key, events.Key)
        and not key.is_forwarded
        and (key.is_printable or (lines and key.key == "enter"))
    )
