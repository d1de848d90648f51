"""Rehearsal, one-key states and undo: each command goes to the save thread as a request."""

from __future__ import annotations

import contextlib

from textual import on

from ..core.key_names import add_opportunity_first, key_of
from .base import WorkspaceApp
from .commands import EditSpeakingRate, FlipState, LogAttempt, Rehearse, Undo


class PracticeCommands(WorkspaceApp):
    """Handlers of the rehearsal, state and undo commands."""

    @on(Rehearse)
    def rehearse(self, command: Rehearse) -> None:
        from .rehearsal_screen import RehearsalScreen  # imported on first use

        if self.workspace.active_id is None:
            self.notify(add_opportunity_first(), severity="warning")
            return
        if self.workspace.read_only:  # every rating and note would be refused, one by one
            why = self.workspace.read_only_message or (
                "Another Final Round window has this workspace open: rehearse there, or close "
                f"it and take the file over here ({key_of('palette')}, 'Take over the file')."
            )
            self.notify(
                f"Not rehearsing here: this window is read-only, so no rating or note could be "
                f"kept. {why}",
                title="Read-only",
                severity="warning",
                timeout=20,
            )
            return
        self.push_screen(RehearsalScreen())

    @on(FlipState)
    def flip_state(self, command: FlipState) -> None:
        from ..core import requests
        from ..core.states import MAIN_STATE, question_before_flip  # imported on first use

        record = command.record
        if record.kind.name not in MAIN_STATE:
            self.notify(
                f"A {record.kind.label.lower()} has no state to flip with {key_of('flip-state')}."
            )
            return
        with contextlib.suppress(KeyError):
            record = self.workspace.get(record.kind.name, record.id)  # as it is now
        question, yes = question_before_flip(record)
        request = requests.FlipState(record.kind.name, record.id)
        self.submit_asking(question, request, command.ticket, yes)

    @on(Undo)
    def undo(self, command: Undo) -> None:
        from ..core import requests

        if not len(self.saves.history):
            self.notify(self.saves.history.nothing_why, markup=False)
            return
        self.submit(requests.Undo(self.saves.history), command.ticket)

    @on(LogAttempt)
    def log_attempt(self, command: LogAttempt) -> None:
        from ..core import requests

        record = command.record
        self.submit(
            requests.LogAttempt(
                record.kind.name,
                record.id,
                command.started,
                command.seconds,
                command.rating,
                command.note,
            ),
            command.ticket,
        )

    @on(EditSpeakingRate)
    def edit_speaking_rate(self, command: EditSpeakingRate) -> None:
        from ..core import requests
        from ..core.rehearsal import speaking_rate
        from .dialogs import AskScreen

        def wrong(text: str) -> str | None:
            text = text.strip()
            if not (text.isascii() and text.isdigit()) or not 40 <= int(text) <= 400:
                return "Your pace is a number of words a minute, from 40 to 400."
            return None

        def save(text: str | None) -> None:
            if text is not None:  # one `wrong` let through
                self.submit(requests.SetSpeakingRate(int(text.strip())), command.ticket)

        self.push_screen(
            AskScreen(
                "Your speaking pace, in words a minute (140 is calm)",
                "140",
                str(speaking_rate(self.workspace)),
                check=wrong,
            ),
            save,
        )
