"""Saves in order on one background thread, so the screen never waits for the disk; each
request comes back as one Change: the records it added, updated and deleted, or its error."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from contextlib import nullcontext
from typing import TYPE_CHECKING, NamedTuple

from .edits import Edit
from .repository import Event, Record, Workspace
from .undo import History

if TYPE_CHECKING:  # the requests are imported with the first one made
    from .requests import Request


class Change(NamedTuple):
    """What one request did once it reached the disk, or the error that stopped it (then
    nothing of it was saved). `ticket` names the command that asked for it (0: none)."""

    ticket: int
    request: Request
    events: tuple[tuple[Event, Record], ...] = ()
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def record(self) -> Record | None:
        """The record the request was about, as it is now (for a delete: as it was)."""
        return self.events[-1][1] if self.events else None

    def records(self, event: Event) -> list[Record]:
        return [record for e, record in self.events if e == event]


Report = Callable[[Change], None]


class SaveQueue:
    """Applies requests one after another on a daemon thread; hands each Change to `report`
    (called on that thread)."""

    def __init__(self, report: Report, history: History | None = None) -> None:
        self._report = report
        self.history = history or History()
        self._queue: queue.Queue[tuple[Workspace, Request, int]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="finalround-saves", daemon=True)
        self._start = threading.Lock()

    def submit(self, workspace: Workspace, request: Request, ticket: int = 0) -> None:
        self._queue.put((workspace, request, ticket))
        # the thread starts with the first request: starting it waits for it to run, which
        # an app's start need not do
        if self._thread.ident is None:
            with self._start:
                if self._thread.ident is None:
                    self._thread.start()

    def _run(self) -> None:
        while True:
            workspace, request, ticket = self._queue.get()
            try:
                self._report(self._apply(workspace, request, ticket))
            finally:
                self._queue.task_done()

    def _apply(self, workspace: Workspace, request: Request, ticket: int) -> Change:
        events: list[tuple[Event, Record]] = []

        def listen(event: Event, record: Record) -> None:
            if threading.current_thread() is self._thread:  # this request's, not another's
                events.append((event, record))

        stop = workspace.subscribe(listen)
        from .requests import Undo

        undoing = isinstance(request, Undo)
        # a follow-up joins the last step, so with no step yet there is nothing to keep
        kept = not undoing and (not request.follow_up or len(self.history) > 0)
        try:
            with workspace.recording() if kept else nullcontext(Edit(0)) as edit:
                if undoing or request.follow_up:  # records go back; notes say the day
                    request.apply(workspace)
                else:
                    self._apply_with_notes(workspace, request, events)
            if kept and not request.undo_step:
                self.history.pass_over(edit)
            elif kept and request.follow_up:
                self.history.join_last(edit)
            elif kept:
                record = events[-1][1] if events else None
                what = request.undo_text(workspace, record)
                self.history.record(what, edit)
        except Exception as exc:  # handed to the UI, which tells the user
            return Change(ticket, request, (), exc)
        finally:
            stop()
        return Change(ticket, request, tuple(events))

    @staticmethod
    def _apply_with_notes(
        workspace: Workspace, request: Request, events: list[tuple[Event, Record]]
    ) -> None:
        """Apply `request`, and compose again in the same save the untouched thank-you
        drafts whose details it changed. Those notes are told first, so the record the
        request was about stays the last one."""
        from .note_follow import follow_changes  # not needed before the first frame

        signature = workspace.setting("signature")
        with workspace.batch():
            request.apply(workspace)
            own = len(events)
            follow_changes(workspace, events[:own], signature)
        events[:] = events[own:] + events[:own]

    def wait(self, timeout: float = 30.0) -> bool:
        """Block until every submitted request has run; False if `timeout` passed first."""
        finished = threading.Event()

        def joiner() -> None:
            self._queue.join()
            finished.set()

        threading.Thread(target=joiner, daemon=True).start()
        return finished.wait(timeout)

    @property
    def busy(self) -> bool:
        return self._queue.unfinished_tasks > 0
