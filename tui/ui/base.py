"""What every part of the app stands on: the workspace, its search index, the save thread."""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.notifications import Notify, SeverityLevel

from ..core.formatting import visible
from ..core.repository import Workspace
from ..core.save_queue import Change, SaveQueue
from .commands import IndexReady, WorkspaceChanged
from .key_gate import KeyGate
from .screen import WorkspaceScreen

BEAT = 0.05  # seconds between two notes that the screen's event loop is free
# A notification with one of these titles takes the place of the one before it with the same
# title: a second refusal to save would stack on the first and cover half a small form.
ONE_AT_A_TIME = ("Not saved",)

if TYPE_CHECKING:
    from ..core.requests import Request
    from ..core.search import WorkspaceSearch
    from .editor import Edited


class WorkspaceApp(KeyGate):
    """The workspace and the one save thread that changes it; the command handlers of the
    app build on this."""

    def __init__(self, workspace: Workspace, demo: bool = False) -> None:
        super().__init__()
        self.workspace = workspace
        self.demo = demo
        self._search: WorkspaceSearch | None = None  # built on a worker after the first frame
        self.saves = SaveQueue(self._report)
        self._last_key = 0.0  # time.monotonic() of the last key pressed
        # time.monotonic() when the screen's event loop last came round (see _heartbeat)
        self._loop_seen = time.monotonic()
        self._loop_thread: int | None = None
        # edits made in $EDITOR on their way to the disk, by ticket: (edit, what it is)
        self.editor_edits: dict[int, tuple[Edited, str]] = {}

    def submit(self, request: Request, ticket: int = 0) -> None:
        """Apply `request` on the save thread, so the screen never waits for the disk; its
        Change comes back as a WorkspaceChanged message."""
        self.saves.submit(self.workspace, request, ticket)

    def follow_the_day(self) -> None:
        """Untouched, unsent thank-you drafts say the day from today ("yesterday" the morning
        after): one request on the save thread, writing only notes whose text changes."""
        # the requests are made once the first frame is on screen, and imported then
        from ..core.requests import FollowTheDay

        if not self.workspace.read_only:
            self.submit(FollowTheDay())

    def submit_asking(self, question: str, request: Request, ticket: int, yes: str) -> None:
        """Submit `request` once the user says yes to `question`; at once when it is ""."""
        if not question:
            self.submit(request, ticket)
            return
        from .dialogs import confirm_then

        confirm_then(self, question, yes, lambda: self.submit(request, ticket))

    def _report(self, change: Change) -> None:  # on the save thread
        self.post_message(WorkspaceChanged(change))

    @property
    def search(self) -> WorkspaceSearch:
        """The search index, kept current; until it is built (`ready`) it finds nothing."""
        if self._search is None:
            self.start_index()
        assert self._search is not None
        return self._search

    def _on_mount(self, event: events.Mount) -> None:
        self._loop_thread = threading.get_ident()
        self.workspace.pause = self._let_screen_first
        self.workspace.screen_thread = self._loop_thread
        self.set_interval(BEAT, self._heartbeat, name="heartbeat")

    def _heartbeat(self) -> None:
        """Note, a few times a second, that the event loop is free to answer keys."""
        self._loop_seen = time.monotonic()

    def _let_screen_first(self) -> None:
        """Called now and then by work on other threads (the index, reading a large kind of
        records): while the screen's thread is busy answering a key, or keys are coming in,
        wait, so the key is answered at full speed rather than sharing the processor."""
        if threading.get_ident() == self._loop_thread or not self.is_running:
            return  # nothing to let first: on the screen's thread, or the app is closing
        limit = time.monotonic() + 1.0  # never starve the work itself
        while time.monotonic() < limit:
            now = time.monotonic()
            busy = max(self._last_key, self.workspace.screen_busy_since)
            if now - self._loop_seen < 2 * BEAT and now - busy >= 0.5:
                return
            if self.workspace.screen_waits:  # for the very work that is pausing
                return
            time.sleep(0.01)

    def start_index(self) -> None:
        """Build the search index on a worker thread, so the screen never waits for it."""
        if self._search is not None:
            return
        from ..core.search import WorkspaceSearch  # rapidfuzz loads only when needed

        self._search = WorkspaceSearch(self.workspace, build=False)
        self._build_index(self._search)

    @work(thread=True, group="index")
    def _build_index(self, search: WorkspaceSearch) -> None:
        search.build(pause=self._let_screen_first)
        self.post_message(IndexReady())
        # the text of every record, made once here, so the first save joins it ready-made
        self.workspace.prepare_text(pause=self._let_screen_first)
        # what is built now lives as long as the app: the collector need not walk it again
        gc.freeze()

    def catch_up_index(self) -> None:
        """Once the file was read again (another program may have changed it), the index
        follows the records as they are now, on a worker thread: the screen never waits."""
        search = self._search
        if search is not None and search.stale:
            self._refresh_index(search)

    @work(thread=True, group="index-refresh")
    def _refresh_index(self, search: WorkspaceSearch) -> None:
        if search.refresh(pause=self._let_screen_first) is not None:
            self.post_message(IndexReady())  # an open search shows its results again

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = time.monotonic()
        await super().on_event(event)

    def on_index_ready(self, message: IndexReady) -> None:
        for screen in self.screen_stack:
            screen.post_message(IndexReady())

    @property
    def main(self) -> WorkspaceScreen:
        return next(s for s in self.screen_stack if isinstance(s, WorkspaceScreen))

    @property
    def export_folder(self) -> Path:
        return self.workspace.path.parent / "exports"

    @property
    def goes_at_quit(self) -> str:
        """What to add to a message naming a file in the export folder: in the demo that
        folder is removed when the app ends."""
        if not self.demo:
            return ""
        return (
            " This is the demo: its folder is removed when you quit, so copy the file "
            "elsewhere to keep it."
        )

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

    def on_notify(self, message: Notify) -> None:
        """Before a notification is shown (Textual's own handler adds it next): one titled as in
        ONE_AT_A_TIME takes the place of the one still shown with that title."""
        title = message.notification.title
        if title in ONE_AT_A_TIME:
            for shown in list(self._notifications):
                if shown.title == title:
                    self._unnotify(shown, refresh=False)
