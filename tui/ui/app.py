"""The Final Round app: start-up, its screens, and the save thread's messages handed to them."""

from __future__ import annotations

import sys
from pathlib import Path

from textual import constants, on
from textual.app import App
from textual.binding import Binding

from ..core import key_names
from ..core.collector import Held
from ..core.key_names import key_of, spoken
from ..core.kinds import kind
from ..core.repository import NotFound, Workspace
from ..core.storage import WorkspaceFileError
from ..core.validation import ValidationError
from . import hang_up
from .commands import (
    HoldsTyping,
    OpenOpportunities,
    OpenRecord,
    OpenSearch,
    SavePreference,
    ShowDayOfBrief,
    ShowPane,
    WaitsForSave,
    WorkspaceChanged,
)
from .css_cache import KeptStylesheet, save_css
from .file_commands import FileCommands
from .job_description_commands import JobDescriptionCommands
from .keymap import all_bindings, bindings_together, check_keymap, load_keymap
from .note_commands import NoteCommands
from .palette import WorkspaceCommands
from .practice_commands import PracticeCommands
from .record_commands import RecordCommands
from .screen import WorkspaceScreen
from .story_commands import StoryCommands
from .themes import SIXTEEN, SIXTEEN_COLOURS

__all__ = ["FinalRoundApp", "all_bindings", "load_keymap"]


class FinalRoundApp(
    RecordCommands,
    NoteCommands,
    FileCommands,
    StoryCommands,
    JobDescriptionCommands,
    PracticeCommands,
):
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
        collector: Held | None = None,
    ) -> None:
        super().__init__(workspace, demo)
        # the CSS is parsed once, then read back from the cache folder on every start
        self.stylesheet = KeptStylesheet(variables=self.stylesheet._variables)  # as made
        self._user_keymap = keymap or {}
        self._keymap_problems = list(keymap_problems or [])
        self.crash_log: Path | None = None
        self._default_theme = constants.DEFAULT_THEME  # the theme used unless one is chosen
        self.quitting = False  # asking whether to quit with a changed form
        # records to show once the opportunity they belong to is active, by ticket
        self._open_when_active: dict[int, OpenRecord] = {}
        # the collector waits for the first frame: held since the command started, or from
        # on_load
        self._collector = collector
        self.hung_up = False  # the terminal closed, or the system asked the app to stop
        self.hung_up_kept: list[Path] = []  # forms then kept in files

    def on_load(self) -> None:
        # What the first frame is made of (the screen, its widgets and their styles) lives
        # as long as the app: the collector's walks over it (about 3 ms of the first frame)
        # wait until it is on screen.
        if self._collector is None:
            self._collector = Held()

    def _collector_back(self) -> None:
        if self._collector is not None:
            self._collector.release()

    def get_default_screen(self) -> WorkspaceScreen:
        return WorkspaceScreen()

    def on_mount(self) -> None:
        hang_up.listen(self)  # a closed terminal ends the app as `q` does, losing nothing
        self.register_theme(SIXTEEN_COLOURS)
        theme = self.workspace.setting("theme")
        if theme in self.available_themes:
            self.theme = theme
        elif self.sixteen_colours:
            # 16 colours: the theme made of them, so no text is lost in its background
            self._default_theme = SIXTEEN
            self.theme = SIXTEEN
        problems = self._keymap_problems
        applied: dict[str, str] = {}
        if self._user_keymap:
            applied, more = check_keymap(self._user_keymap, all_bindings(), bindings_together())
            problems = problems + more
            if applied:
                self.set_keymap(applied)
        key_names.use_keymap(applied)  # the keys messages name, as moved
        # once the first frame is on screen: the collector is let go first (so the index's
        # worker holds it off for itself), then the index is built and notes say the day afresh
        self.call_after_refresh(self._collector_back)
        self.call_after_refresh(self.start_index)
        self.call_after_refresh(self.follow_the_day)
        self.call_after_refresh(hang_up.tell_kept, self)  # text kept when it last closed
        read_only = self.workspace.read_only_message
        if read_only:  # the file's or folder's permissions: why, and what to do
            self.notify(read_only, title="Read-only", severity="warning", timeout=60)
        if problems:
            self.notify(
                "Some lines of your keymap were skipped:\n" + "\n".join(problems),
                title="Keymap",
                severity="warning",
                timeout=30,
            )

    def on_unmount(self) -> None:
        hang_up.stop_listening()
        key_names.use_keymap({})
        self._collector_back()  # an app that ended before its first frame too
        save_css()  # and the rules of the screens and panes opened since
        # a clipboard tool that never answered is not left running after the app
        if (clipboard := sys.modules.get("tui.core.clipboard")) is not None:
            clipboard.end_stuck_tools()

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
        key = spoken(keys[0]) if keys else "ctrl+q"
        self.notify(f"Press {key} to quit Final Round.", title="Do you want to quit?")

    # -- screens -------------------------------------------------------------------------
    @on(ShowPane)
    def show_pane(self, command: ShowPane) -> None:
        self.run_worker(self.main.action_show_pane(command.number))

    @on(SavePreference)
    def save_preference(self, command: SavePreference) -> None:
        from ..core import requests

        if not self.workspace.read_only:  # a read-only window still follows the choice
            self.submit(requests.SetPreference(command.name, command.value), command.ticket)

    @property
    def sixteen_colours(self) -> bool:
        """Whether the terminal shows only the 16 standard colours (TERM=xterm, say). A
        headless run draws in full colour unless TEXTUAL_COLOR_SYSTEM says otherwise."""
        forced = constants.COLOR_SYSTEM in ("standard", "windows")
        detected = self.console.color_system in ("standard", "windows")
        return forced or (detected and not self.is_headless)

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette is remembered with the workspace."""
        stored = self.workspace.setting("theme") or self._default_theme
        if self.is_running and theme != stored:
            self.post_message(SavePreference("theme", theme))

    @on(OpenSearch)
    def open_search(self) -> None:
        from .search_screen import SearchScreen

        self.push_screen(SearchScreen())

    @on(OpenOpportunities)
    def open_opportunities(self) -> None:
        from .dialogs import OpportunityScreen

        self.push_screen(OpportunityScreen())

    @on(ShowDayOfBrief)
    def show_day_of_brief(self) -> None:
        from .day_of_screen import DayOfScreen

        self.push_screen(DayOfScreen())

    @on(OpenRecord)
    def open_record(self, command: OpenRecord) -> None:
        """Show a record selected in its pane; a scoped record first activates its opportunity."""
        try:
            record = self.workspace.get(command.kind_name, command.record_id)
        except NotFound:  # deleted since it was listed, by another program maybe
            self.record_gone(command.kind_name)
            return
        opportunity = record.opportunity
        if opportunity is not None and opportunity != self.workspace.active_id:
            # the pane can show the record only once its opportunity is the active one
            self._open_when_active[command.ticket] = command
            from ..core.requests import ActivateOpportunity

            self.submit(ActivateOpportunity(opportunity), command.ticket)
        else:
            self.run_worker(self.main.show_record(command.kind_name, command.record_id))

    def record_gone(self, kind_name: str) -> None:
        """A record asked for is no longer in the workspace: say so, and show it as it is."""
        from ..core.file_lock import OTHER_WINDOW

        label = kind(kind_name).label.lower()
        who = self.workspace.changed_by()  # the lock file may say it was one of ours
        by = f"by {who}" if who == OTHER_WINDOW else f"by {who}, maybe"
        self.notify(
            f"That {label} was deleted since it was listed ({by}); the "
            "lists and search results are refreshed.",
            severity="warning",
            markup=False,
        )
        self.main.refresh_views()
        self.catch_up_index()

    # -- the save thread's messages ------------------------------------------------------
    @on(WorkspaceChanged)
    def workspace_changed(self, message: WorkspaceChanged) -> None:
        """A request reached the disk, or failed: tell the user, then every open screen."""
        change = message.change
        error = change.error
        self.catch_up_index()  # a refused save read the file again, say
        if error is None and change.request.follow_up and not change.events:
            return  # nothing changed that anyone asked for
        from .editor import settle_edit

        from_editor = settle_edit(self, change.ticket, error)  # a failure says where it is kept
        if error is None:
            text = change.request.done_text(self.workspace, change.record)
            if text:
                self.notify(text, markup=False)
            waiting = self._open_when_active.pop(change.ticket, None)
            if waiting is not None:
                self.run_worker(self.main.show_record(waiting.kind_name, waiting.record_id))
        elif not from_editor and (
            not change.ticket
            or not any(
                isinstance(s, WaitsForSave) and s.waiting_for == change.ticket
                for s in self.screen_stack
            )
        ):
            if isinstance(error, WorkspaceFileError | ValidationError | ValueError | KeyError):
                self.notify(
                    str(error), title="Not saved", severity="error", markup=False, timeout=15
                )
            else:
                raise error
        for screen in self.screen_stack:
            screen.post_message(WorkspaceChanged(change))

    async def action_quit(self) -> None:
        forms = [s for s in self.screen_stack if isinstance(s, HoldsTyping) and s.changed]
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
                "Quit without saving the form or text you changed? Press "
                f"{key_of('confirm-no')} to go back to it and {forms[-1].keep_how()}.",
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
