"""The Final Round app: owns the workspace, opens forms and dialogs, routes changes to views."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SuspendNotSupported
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel

from ..core.formatting import one_line, record_text, visible
from ..core.kinds import kind
from ..core.private import make_private_dir
from ..core.repository import Record, Workspace
from ..core.save_queue import SaveQueue
from ..core.starters import BANK_KIND, starters
from ..core.storage import SaveError, WorkspaceFileError
from ..core.thank_you import draft_for, ensure_draft, is_edited, mark
from ..core.validation import ValidationError
from .job_description_actions import JobDescriptionActions
from .keymap import check_keymap, load_keymap
from .palette import WorkspaceCommands

__all__ = ["FinalRoundApp", "load_keymap"]
from .screen import WorkspaceScreen

if TYPE_CHECKING:
    from ..core.search import WorkspaceSearch


class ChangeDone(Message):
    """A change that ran on the save thread, reported back to the UI thread."""

    def __init__(
        self,
        result: Any,
        error: BaseException | None,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()
        self.result, self.error = result, error
        self.on_done, self.on_error = on_done, on_error


class IndexReady(Message, bubble=False):
    """The search index can answer: a screen waiting for it searches again."""


class FinalRoundApp(JobDescriptionActions, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "Final Round"
    COMMANDS = App.COMMANDS | {WorkspaceCommands}
    BINDINGS = [Binding("ctrl+p", "command_palette", "Palette", id="palette", show=False)]

    def __init__(
        self,
        workspace: Workspace,
        demo: bool = False,
        keymap: dict[str, str] | None = None,
        keymap_problems: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.demo = demo
        self._user_keymap = keymap or {}
        self._keymap_problems = list(keymap_problems or [])
        self.crash_log: Path | None = None
        self.quitting = False  # asking whether to quit with a changed form
        self._search: WorkspaceSearch | None = None  # built on a worker after the first frame
        self.saves = SaveQueue()

    @property
    def search(self) -> WorkspaceSearch:
        """The search index, kept current; until it is built (`ready`) it finds nothing."""
        if self._search is None:
            self.start_index()
        assert self._search is not None
        return self._search

    def start_index(self) -> None:
        """Build the search index on a worker thread, so the screen never waits for it."""
        if self._search is not None:
            return
        from ..core.search import WorkspaceSearch  # rapidfuzz loads only when needed

        self._search = WorkspaceSearch(self.workspace, build=False)
        self._build_index(self._search)

    @work(thread=True, group="index")
    def _build_index(self, search: WorkspaceSearch) -> None:
        search.build()
        self.post_message(IndexReady())

    def on_index_ready(self, message: IndexReady) -> None:
        for screen in self.screen_stack:
            screen.post_message(IndexReady())

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications never parse markup and never pass control characters through."""
        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False
        )

    def get_default_screen(self) -> WorkspaceScreen:
        return WorkspaceScreen()

    def on_mount(self) -> None:
        problems = self._keymap_problems
        if self._user_keymap:
            keymap, more = check_keymap(self._user_keymap, all_bindings())
            problems = problems + more
            if keymap:
                self.set_keymap(keymap)
        # the index is built once the first frame is on screen
        self.call_after_refresh(self.start_index)
        if problems:
            self.notify(
                "Some lines of your keymap were skipped:\n" + "\n".join(problems),
                title="Keymap",
                severity="warning",
                timeout=30,
            )

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: exit non-zero with a short message and a private log of the
        traceback, never the traceback with its local values (the user's notes) on screen."""
        from rich.text import Text

        from ..core.crash import crash_message, write_crash_log

        self._return_code = 1
        if self._exception is None:  # a test run raises it again once the app has stopped
            self._exception = error
            self._exception_event.set()
        self.crash_log = write_crash_log(self.workspace.path.parent, error)
        self._exit_renderables.append(Text(crash_message(error, self.crash_log)))
        self._close_messages_no_wait()

    def action_help_quit(self) -> None:
        """ctrl+c does not quit: say which key does, in plain words."""
        keys = [k for k, b in self.active_bindings.items() if b.binding.action in ("quit",)]
        key = keys[0] if keys else "ctrl+q"
        self.notify(f"Press {key} to quit Final Round.", title="Do you want to quit?")

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

        async def show() -> None:
            from .pane import StrategyPane

            await self.main.action_show_pane(record.kind.strategy)
            pane = self.main.pane(record.kind.strategy)
            if isinstance(pane, StrategyPane):
                pane.select(kind_name, record_id)

        def shown(_: Any) -> None:
            self.run_worker(show())

        opportunity = record.opportunity
        if (
            record.kind.scoped
            and opportunity is not None
            and opportunity != self.workspace.active_id
        ):
            # the pane can show the record only once its opportunity is the active one
            self.activate_opportunity(opportunity, on_done=shown)
        else:
            self.run_worker(show())

    def open_search(self, query: str = "", filter_index: int = 0) -> None:
        from .search_screen import SearchScreen

        self.push_screen(SearchScreen(query, filter_index))

    def add_starter(
        self, starter_kind: str, number: int, on_done: Callable[[Record], None] | None = None
    ) -> None:
        """Copy a starter question into the user's own bank."""
        values = starters()[(starter_kind, number)]

        def added(record: Record) -> None:
            self.notify(f"Added to your bank: {record.title}", markup=False)
            if on_done is not None:
                on_done(record)

        self.run_change(lambda: self.workspace.add(BANK_KIND[starter_kind], values), added)

    def open_opportunities(self) -> None:
        from .dialogs import OpportunityScreen

        self.push_screen(OpportunityScreen())

    def activate_opportunity(
        self, opportunity_id: int, on_done: Callable[[Any], None] | None = None
    ) -> None:
        def activated(_: Any) -> None:
            opp = self.workspace.active
            if opp is not None:
                self.notify(
                    f"Now preparing for {opp.values['company']} — {opp.values['role']}",
                    markup=False,
                )
            if on_done is not None:
                on_done(opp)

        self.run_change(lambda: self.workspace.set_active(opportunity_id), activated)

    def palette_actions(self):
        yield "Switch opportunity…", self.open_opportunities, "list, add, edit opportunities"
        yield "Search…", self.open_search, "search every record as you type"
        yield (
            "Export prep brief (Markdown)",
            partial(self.export_file, "md"),
            "a brief of the active opportunity, saved in the export folder",
        )
        yield (
            "Export backup (JSON)",
            partial(self.export_file, "json"),
            "the whole workspace, to keep or to move to another machine",
        )
        yield (
            "Export calendar (ICS)",
            partial(self.export_file, "ics"),
            "interviews and thank-you deadlines for your calendar",
        )
        yield "Import backup…", self.open_import, "replace this workspace with a JSON export"
        yield (
            "Set your name for thank-you notes…",
            self.open_signature,
            "the name under every note",
        )

    # -- changing records ----------------------------------------------------------------
    def open_form(
        self,
        kind_name: str,
        record: Record | None,
        on_saved: Callable[[Record], None] | None = None,
    ) -> None:
        k = kind(kind_name)
        if record is None and k.scoped and self.workspace.active_id is None:
            self.notify(
                "Add an opportunity first: press o, then n.", severity="warning", markup=False
            )
            return

        def save(values: dict) -> Record:  # runs on the save thread
            if record is None:
                result = self.workspace.add(kind_name, values)
            else:
                result = self.workspace.update(kind_name, record.id, values)
            if result.kind.name == "interviewer":
                result = ensure_draft(self.workspace, result)
            return result

        def saved(result: Record | None) -> None:
            if result is None:
                return
            if on_saved is not None:
                on_saved(result)
            self.notify(f"Saved {k.label.lower()}: {result.title}", markup=False)

        from .form import RecordForm  # imported on first use: keeps start-up short

        stories = self.workspace.all_records("story")
        self.push_screen(RecordForm(k, record, save, stories), saved)

    def run_change(
        self,
        change: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run a change to the workspace on the save thread, so the screen never waits for
        the disk; then redraw, and call `on_done` (or `on_error`) here on the UI thread."""

        def report(result: Any, error: BaseException | None) -> None:
            self.post_message(ChangeDone(result, error, on_done, on_error))

        self.saves.submit(change, report)

    def on_change_done(self, message: ChangeDone) -> None:
        if message.error is None:
            self.changed()
            if message.on_done is not None:
                message.on_done(message.result)
            return
        error = message.error
        if message.on_error is not None:
            message.on_error(error)
        elif isinstance(error, SaveError | ValidationError | ValueError | KeyError):
            self.notify(str(error), title="Not saved", severity="error", markup=False, timeout=15)
        else:
            raise error

    async def action_quit(self) -> None:
        from .form import RecordForm

        forms = [s for s in self.screen_stack if isinstance(s, RecordForm) and s.changed]
        if not forms:
            self.finish_saves()
            self.exit(0)
            return
        if self.quitting:
            return
        from .dialogs import ConfirmScreen

        def answer(quit_anyway: bool | None) -> None:
            self.quitting = False
            if quit_anyway:
                self.finish_saves()
                self.exit(0)

        self.quitting = True
        self.push_screen(
            ConfirmScreen(
                "Quit without saving the form you changed? Press n to go back to it and "
                "ctrl+s to save.",
                yes="Quit",
            ),
            answer,
        )

    def finish_saves(self) -> None:
        """Wait for saves still under way, so quitting loses nothing that was asked for."""
        if not self.saves.wait(timeout=30):
            self.notify(
                "A save is taking very long; your file keeps its last whole save.",
                severity="warning",
                markup=False,
            )

    # -- thank-you notes and copying -----------------------------------------------------
    @property
    def export_folder(self) -> Path:
        return self.workspace.path.parent / "exports"

    def copy_record(self, record: Record, subject: bool = False) -> None:
        """Copy a record (an interviewer: their note) off the UI thread."""
        stories = self.workspace.stories_for(record)
        if subject:
            text, what = record["draft_subject"], f"subject of the note to {record.title}"
        else:
            text = record_text(record, stories)
            what = (
                f"note to {record.title}"
                if record.kind.name == "interviewer"
                else f"{record.kind.label.lower()} '{one_line(record.title, 40)}'"
            )
        if not text.strip():
            self.notify("Nothing to copy yet: press c to compose the note.", markup=False)
            return
        self._copy_worker(text, what, record)

    @work(thread=True, group="clipboard")
    def _copy_worker(self, text: str, what: str, record: Record) -> None:
        from ..core.clipboard import copy_to_system, save_copy

        reason = copy_to_system(text)
        path, file_error = None, None
        if reason is not None:
            try:
                path = save_copy(text, self.export_folder, what)
            except OSError as exc:
                file_error = exc.strerror or str(exc)
        self.call_from_thread(self._copied, text, what, record, reason, path, file_error)

    def _copied(
        self,
        text: str,
        what: str,
        record: Record,
        reason: str | None,
        path: Path | None,
        file_error: str | None,
    ) -> None:
        # Also through the terminal (OSC 52): the clipboard of the machine you sit at,
        # when the app runs over SSH. The terminal does not say whether it accepted it.
        self.copy_to_clipboard(text)
        if reason is None:
            self.notify(f"Copied the {what} to the clipboard.", markup=False)
        else:
            saved = (
                f"saved to {path}"
                if path
                else f"could not be saved to a file either ({file_error})"
            )
            self.notify(
                f"No system clipboard: {reason}. The {what} was sent to your terminal's "
                f"clipboard (OSC 52, if your terminal allows it) and {saved}.",
                title="Copied another way",
                severity="warning",
                markup=False,
                timeout=20,
            )
        if record.kind.name == "interviewer" and (reason is None or path is not None):
            self.run_change(
                lambda: mark(self.workspace, self.workspace.get("interviewer", record.id), "copied")
            )

    def compose_note(self, record: Record) -> None:
        """Compose the note again from its template; asks before replacing your edits."""

        def replace(yes: bool | None = True) -> None:
            if not yes:
                return
            subject, body = draft_for(self.workspace, record)
            self.run_change(
                lambda: self.workspace.update(
                    "interviewer", record.id, {"draft_subject": subject, "draft_body": body}
                ),
                lambda _: self.notify(f"Composed a new note to {record.title}.", markup=False),
            )

        if is_edited(self.workspace, record):
            from .dialogs import ConfirmScreen

            self.push_screen(
                ConfirmScreen(
                    f"The note to {record.title} has your own edits. Replace it with a new one "
                    "from the template?",
                    yes="Replace",
                ),
                replace,
            )
        else:
            replace()

    def mark_note(self, record: Record, state: str) -> None:
        self.run_change(
            lambda: mark(self.workspace, record, state),
            lambda _: self.notify(f"Marked the note to {record.title} as {state}.", markup=False),
        )

    def edit_note_in_editor(self, record: Record) -> None:
        """Open the note in $EDITOR (the app steps aside meanwhile), then keep what was saved."""
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.notify(
                "Set $EDITOR (for example: export EDITOR=vim) to edit notes in your "
                "editor; e edits it here.",
                severity="warning",
                markup=False,
            )
            return
        with tempfile.NamedTemporaryFile(
            "w", suffix=".txt", delete=False, encoding="utf-8"
        ) as handle:
            handle.write(record["draft_body"])
            path = Path(handle.name)
        try:
            with self.suspend():
                result = subprocess.run([*shlex.split(editor), str(path)])
            body = path.read_text(encoding="utf-8")
        except SuspendNotSupported:
            self.notify(
                "This terminal cannot hand the screen to an editor; press e to edit the note here.",
                severity="warning",
                markup=False,
            )
            return
        except (OSError, ValueError) as exc:
            self.notify(f"Could not run {editor}: {exc}", severity="error", markup=False)
            return
        finally:
            path.unlink(missing_ok=True)
        if result.returncode != 0:
            self.notify(
                f"{editor} exited with status {result.returncode}; the note was not changed.",
                severity="warning",
                markup=False,
            )
            return
        if body != record["draft_body"]:
            self.run_change(
                lambda: self.workspace.update("interviewer", record.id, {"draft_body": body}),
                lambda _: self.notify(
                    f"Saved your edits to the note to {record.title}.", markup=False
                ),
            )

    # -- export and import ----------------------------------------------------------------
    def export_file(self, fmt: str) -> None:
        from ..core import export
        from ..core.clipboard import safe_stem
        from ..core.storage import atomic_write_text

        try:
            if fmt == "md":
                opp = export.find_opportunity(self.workspace, None)
                text, name = (
                    export.brief_markdown(self.workspace, opp),
                    f"brief-{opp.values['company']}",
                )
            elif fmt == "json":
                text, name = export.to_json(self.workspace), "workspace-backup"
            else:
                text, name = export.calendar_ics(self.workspace), "interviews"
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            make_private_dir(self.export_folder, existing_too=True)
            path = self.export_folder / f"{safe_stem(name)}-{stamp}.{fmt}"
            atomic_write_text(path, text)
        except (ValueError, OSError) as exc:
            message = getattr(exc, "strerror", None) or str(exc)
            self.notify(f"Nothing exported: {message}", severity="error", markup=False)
            return
        self.notify(f"Exported to {path}", markup=False, timeout=15)

    def open_import(self) -> None:
        from .dialogs import AskScreen

        self.push_screen(
            AskScreen("Import a backup: the path of a JSON export", "~/finalround-backup.json"),
            self._import_from,
        )

    def _import_from(self, raw: str | None) -> None:
        from ..core.export import ImportProblem, check_import, import_json
        from .dialogs import ConfirmScreen

        if not raw:
            return
        source = Path(raw).expanduser()
        try:
            text = source.read_text(encoding="utf-8")
            check_import(text)
        except (OSError, UnicodeDecodeError, ImportProblem) as exc:
            message = getattr(exc, "strerror", None) or str(exc)
            self.notify(
                f"Cannot import {source}: {message}", severity="error", markup=False, timeout=20
            )
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                # this app holds the file's lock: write, then read the file afresh
                import_json(text, self.workspace.path, replace=True, take_lock=False)
                old = self.workspace
                old.close()
                self.workspace = Workspace(old.path)
            except (ImportProblem, OSError, WorkspaceFileError) as exc:
                self.notify(str(exc), severity="error", markup=False, timeout=20)
                return
            self._search = None
            self.start_index()
            self.changed()
            self.notify(
                f"Imported {source}. The previous file was kept beside {self.workspace.path.name}.",
                markup=False,
                timeout=15,
            )

        self.push_screen(
            ConfirmScreen(
                f"Replace this whole workspace with {source}? A copy of the current file is kept "
                "beside it.",
                yes="Replace",
            ),
            answer,
        )

    def open_signature(self) -> None:
        from .dialogs import AskScreen

        def save(name: str | None) -> None:
            if name is None:
                return
            self.run_change(
                lambda: self.workspace.set_setting("signature", name.strip()),
                lambda _: self.notify(
                    "Saved. Press c on an interviewer in pane 8 to compose "
                    "their note again with it.",
                    markup=False,
                ),
            )

        self.push_screen(
            AskScreen(
                "Your name, as it should appear under thank-you notes",
                "Sam Ortega",
                self.workspace.setting("signature"),
            ),
            save,
        )

    def delete_record(self, record: Record, on_done: Callable[[Any], None] | None = None) -> None:
        def deleted(_: Any) -> None:
            self.notify(f"Deleted {record.kind.label.lower()}: {record.title}", markup=False)
            if on_done is not None:
                on_done(record)

        self.run_change(lambda: self.workspace.delete(record.kind.name, record.id), deleted)

    def confirm_delete(self, record: Record) -> None:
        question = f"Delete this {record.kind.label.lower()}?\n\n{record.title}"
        if record.kind.name == "story":
            question += "\n\nRecords that cite this story will lose the link."

        def answer(yes: bool | None) -> None:
            if yes:
                self.delete_record(record)

        from .dialogs import ConfirmScreen

        self.push_screen(ConfirmScreen(question, yes="Delete"), answer)


def all_bindings() -> list[Binding]:
    """Every binding with an id, on every screen: what a keymap can remap."""
    from .dashboard import Dashboard
    from .dialogs import AskScreen, ConfirmScreen, OpportunityScreen
    from .form import RecordForm
    from .pane import RecordTable
    from .search_screen import SearchScreen

    classes: list[type] = [
        FinalRoundApp,
        WorkspaceScreen,
        Dashboard,
        RecordTable,
        RecordForm,
        ConfirmScreen,
        OpportunityScreen,
        AskScreen,
        SearchScreen,
    ]
    found: list[Binding] = []
    for cls in classes:
        for binding in getattr(cls, "BINDINGS", []):
            if isinstance(binding, Binding):
                found.append(binding)
    return found
