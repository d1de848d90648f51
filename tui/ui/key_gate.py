"""Keys typed while a form opens, or while a form moves to its next field, are held, then handed
on in the order typed: a fast typist's first letters after `n` land in the title, not in the
list behind it, and the letters after `tab` in the next field, not in the one left."""

from __future__ import annotations

import sys
from functools import partial

from textual import events
from textual.app import App
from textual.message import Message

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
        await super().on_event(event)

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
        for at, key in enumerate(held):
            if self._held is not None:  # a key handed on (tab) holds the rest again
                self._held += held[at:]
                return
            await self.on_event(key)
