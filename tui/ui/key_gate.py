"""Keys typed while a form opens are held, then handed to the form in the order typed: a fast
typist's first letters after `n` land in the title, not in the list behind it."""

from __future__ import annotations

import sys
from functools import partial

from textual import events
from textual.app import App
from textual.message import Message

# Actions that open a form; a key bound to one starts holding the keys typed after it.
FORM_ACTIONS = frozenset({"new", "edit", "select_cursor"})
GIVE_UP = 3.0  # seconds: a form that never opens (nothing to edit) frees the keys anyway


class ReplayKeys(Message):
    """The form is ready: the held keys go to it, in order."""


class KeyGate(App[int]):
    """An app that holds keys while a form opens."""

    _held: list[events.Key] | None = None
    _gate = 0  # which holding the give-up timer belongs to

    def _opens_form(self, key: str) -> bool:
        # the form's module, once loaded: until then no form is open, and the first key of a
        # session need not load the form and the dialogs
        form = sys.modules.get(f"{__package__}.form")
        if form is not None and isinstance(self.screen, form.RecordForm):
            return False
        active = self.active_bindings.get(key)
        if active is None or active.binding.action not in FORM_ACTIONS:
            return False
        from .dialogs import OpportunityScreen

        # the lists whose keys open a record form (which hands the keys on once it is up)
        if isinstance(active.node, OpportunityScreen):
            return True
        from .pane import RecordTable

        return isinstance(active.node, RecordTable)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held is not None:
                self._held.append(event)  # a form is on its way: it gets this key
                return
            if self._opens_form(event.key):
                self._held = []
                self._gate += 1
                self.set_timer(GIVE_UP, partial(self._give_up, self._gate))
        await super().on_event(event)

    def _give_up(self, gate: int) -> None:
        if gate == self._gate:
            self.release_keys()

    def release_keys(self) -> None:
        """Hand the held keys on: call once the form has focused its first field."""
        if self._held is not None:
            self.post_message(ReplayKeys())

    async def on_replay_keys(self, message: ReplayKeys) -> None:
        held, self._held = self._held or [], None
        for key in held:
            await super().on_event(key)
