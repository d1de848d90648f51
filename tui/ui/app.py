"""The Final Round app: owns the workspace, opens forms and dialogs, routes changes to views."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from ..core.kinds import kind
from ..core.repository import Record, Workspace
from ..core.search import WorkspaceSearch
from ..core.starters import BANK_KIND, starters
from ..core.storage import SaveError
from .palette import WorkspaceCommands
from .screen import WorkspaceScreen


def load_keymap(path: Path | None) -> dict[str, str]:
    """A user's key remapping: `binding-id = "key"` lines in keymap.toml."""
    if path is None or not path.is_file():
        return {}
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    keys = data.get("keys", data)
    return {str(k): str(v) for k, v in keys.items() if isinstance(v, str)}


class FinalRoundApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "Final Round"
    COMMANDS = App.COMMANDS | {WorkspaceCommands}
    BINDINGS = [Binding("ctrl+p", "command_palette", "Palette", id="palette", show=False)]

    def __init__(self, workspace: Workspace, demo: bool = False,
                 keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.demo = demo
        self._keymap = keymap or {}
        self._search: WorkspaceSearch | None = None

    @property
    def search(self) -> WorkspaceSearch:
        """The search index, built on first use and kept current from then on."""
        if self._search is None:
            self._search = WorkspaceSearch(self.workspace)
        return self._search

    def get_default_screen(self) -> WorkspaceScreen:
        return WorkspaceScreen()

    def on_mount(self) -> None:
        if self._keymap:
            self.set_keymap(self._keymap)

    @property
    def main(self) -> WorkspaceScreen:
        return next(s for s in self.screen_stack if isinstance(s, WorkspaceScreen))

    def changed(self) -> None:
        self.main.refresh_views()

    # -- navigation ----------------------------------------------------------------------
    def go_to_pane(self, number: int) -> None:
        self.run_worker(self.main.action_show_pane(number))

    def open_record(self, kind_name: str, record_id: int) -> None:
        """Show a record selected in its pane; a scoped record first activates its opportunity."""
        record = self.workspace.get(kind_name, record_id)
        if record.kind.scoped and record.opportunity != self.workspace.active_id:
            self.activate_opportunity(record.opportunity)

        async def show() -> None:
            await self.main.action_show_pane(record.kind.strategy)
            self.main.pane(record.kind.strategy).select(kind_name, record_id)

        self.run_worker(show())

    def open_search(self, query: str = "", filter_index: int = 0) -> None:
        from .search_screen import SearchScreen

        self.push_screen(SearchScreen(query, filter_index))

    def add_starter(self, starter_kind: str, number: int) -> Record | None:
        """Copy a starter question into the user's own bank."""
        values = starters()[(starter_kind, number)]
        try:
            record = self.workspace.add(BANK_KIND[starter_kind], values)
        except SaveError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=15)
            return None
        self.changed()
        self.notify(f"Added to your bank: {record.title}", markup=False)
        return record

    def open_opportunities(self) -> None:
        from .dialogs import OpportunityScreen

        self.push_screen(OpportunityScreen())

    def activate_opportunity(self, opportunity_id: int) -> None:
        try:
            self.workspace.set_active(opportunity_id)
        except SaveError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=15)
            return
        self.changed()
        opp = self.workspace.active
        if opp is not None:
            self.notify(f"Now preparing for {opp.values['company']} — {opp.values['role']}",
                        markup=False)

    def palette_actions(self):
        yield "Switch opportunity…", self.open_opportunities, "list, add, edit opportunities"
        yield "Search…", self.open_search, "search every record as you type"

    # -- changing records ----------------------------------------------------------------
    def open_form(self, kind_name: str, record: Record | None,
                  on_saved: Callable[[Record], None] | None = None) -> None:
        k = kind(kind_name)
        if record is None and k.scoped and self.workspace.active_id is None:
            self.notify("Add an opportunity first: press o, then n.", severity="warning",
                        markup=False)
            return

        def save(values: dict) -> Record:
            if record is None:
                return self.workspace.add(kind_name, values)
            return self.workspace.update(kind_name, record.id, values)

        def saved(result: Record | None) -> None:
            if result is None:
                return
            self.changed()
            if on_saved is not None:
                on_saved(result)
            self.notify(f"Saved {k.label.lower()}: {result.title}", markup=False)

        from .form import RecordForm  # imported on first use: keeps start-up short

        stories = self.workspace.all("story")
        self.push_screen(RecordForm(k, record, save, stories), saved)

    def delete_record(self, record: Record) -> bool:
        try:
            self.workspace.delete(record.kind.name, record.id)
        except SaveError as exc:
            self.notify(str(exc), title="Not deleted", severity="error", markup=False,
                        timeout=15)
            return False
        self.changed()
        self.notify(f"Deleted {record.kind.label.lower()}: {record.title}", markup=False)
        return True

    def confirm_delete(self, record: Record) -> None:
        question = f"Delete this {record.kind.label.lower()}?\n\n{record.title}"
        if record.kind.name == "story":
            question += "\n\nRecords that cite this story will lose the link."

        def answer(yes: bool | None) -> None:
            if yes:
                self.delete_record(record)

        from .dialogs import ConfirmScreen

        self.push_screen(ConfirmScreen(question, yes="Delete"), answer)
