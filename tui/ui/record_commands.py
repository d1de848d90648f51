"""Record commands: open a form, save it, delete after asking, add a starter question,
switch the active opportunity."""

from __future__ import annotations

from typing import Any

from textual import on

from ..core import rounds
from ..core.key_names import add_opportunity_first
from ..core.kinds import OPPORTUNITY, Kind, kind
from ..core.record import Record
from ..core.repository import Workspace
from .base import WorkspaceApp
from .commands import (
    ActivateOpportunity,
    AddStarter,
    CarryForward,
    DeleteRecord,
    EditRecord,
    NewRecord,
    SaveRecord,
)


def delete_question(record: Record, ws: Workspace) -> str:
    """What to ask before deleting `record`: what goes with it, and what points at it."""
    from ..core import references
    from .dialogs import opportunity_line

    if record.kind is OPPORTUNITY:
        return (
            f"Delete the opportunity {opportunity_line(record)} and every feedback "
            "item, note, concern and interviewer that belongs to it? Stories and "
            "questions stay in your banks."
        )
    question = f"Delete this {record.kind.label.lower()}?\n\n{record.title}"
    warning = references.delete_warning(ws.pointing_at(record), record.kind)
    return question + "\n\n" + warning if warning else question


class RecordCommands(WorkspaceApp):
    """Handlers of the record commands; each change goes to the save thread as a request."""

    @on(NewRecord)
    def new_record(self, command: NewRecord) -> None:
        if command.kind.scoped and self.workspace.active_id is None:
            self.notify(
                add_opportunity_first(),
                severity="warning",
                markup=False,
            )
            self.release_keys()
            return
        self._open_form(command.kind, None, command.values)

    @on(EditRecord)
    def edit_record(self, command: EditRecord) -> None:
        self._open_form(command.record.kind, command.record)

    def _open_form(
        self, kind: Kind, record: Record | None, preset: dict[str, Any] | None = None
    ) -> None:
        from .form import RecordForm  # imported on first use: keeps start-up short

        ws = self.workspace
        stories = ws.all_records("story")
        targets = {f.target for f in kind.fields if f.behaviour.links_records}
        targets |= {f.suggest_from for f in kind.fields if f.suggest_from}
        links = {t: rounds.choices(ws, t) for t in targets}
        labels = {t: rounds.choice_labels(ws, t, links[t]) for t in targets}
        start = {**rounds.defaults_for(ws, kind.name), **(preset or {})} if record is None else {}
        self.push_screen(RecordForm(kind, record, stories, links, start, labels))

    @on(CarryForward)
    def carry_forward(self, command: CarryForward) -> None:
        values = rounds.carry_forward(self.workspace, command.record, command.into)
        self._open_form(kind(command.into), None, values)

    @on(SaveRecord)
    def save_record(self, command: SaveRecord) -> None:
        from ..core import requests

        record_id = None if command.record is None else command.record.id
        self.submit(
            requests.SaveRecord(command.kind.name, record_id, command.values, command.untouched),
            command.ticket,
        )

    @on(DeleteRecord)
    def delete_record(self, command: DeleteRecord) -> None:
        from ..core import requests
        from .dialogs import confirm_then

        record = command.record
        delete = requests.DeleteRecord(record.kind.name, record.id)
        confirm_then(
            self,
            delete_question(record, self.workspace),
            "Delete",
            lambda: self.submit(delete, command.ticket),
        )

    @on(AddStarter)
    def add_starter(self, command: AddStarter) -> None:
        from ..core import requests

        self.submit(requests.AddStarter(command.starter_kind, command.number), command.ticket)

    @on(ActivateOpportunity)
    def activate_opportunity(self, command: ActivateOpportunity) -> None:
        from ..core import requests

        self.submit(requests.ActivateOpportunity(command.opportunity_id), command.ticket)
