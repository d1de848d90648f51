"""Undo, several steps back: the workspace as it was before each change of this session,
kept as text, and what each change was, so undoing can say what it undid."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .repository import Workspace

DEPTH = 30  # changes one can go back


@dataclass(frozen=True)
class Step:
    what: str  # "saved story: Led the migration"
    before: str  # the whole workspace before the change
    after: str  # ... and right after it: an undo applies only while the file is still so


class NothingToUndo(ValueError):
    pass


class History:
    """The changes of one session, newest last. Used from the save thread."""

    def __init__(self) -> None:
        self._steps: list[Step] = []
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._steps)

    def keep(self, what: str, before: str, after: str) -> None:
        if before == after:
            return  # nothing changed: nothing to undo
        with self._lock:
            self._steps.append(Step(what, before, after))
            del self._steps[:-DEPTH]

    def join_last(self, before: str, after: str) -> None:
        """A change that follows the last one (a note saying the day afresh) becomes part
        of it: undoing that step takes both back."""
        if before == after:
            return
        with self._lock:
            if self._steps and self._steps[-1].after == before:
                last = self._steps[-1]
                self._steps[-1] = Step(last.what, last.before, after)

    def undo(self, ws: Workspace) -> str:
        """Put the workspace back as it was before the last change; what that change was."""
        with self._lock:
            if not self._steps:
                raise NothingToUndo("Nothing to undo: no change made in this session.")
            step = self._steps[-1]
            if ws.document_text() != step.after:
                self._steps.clear()
                raise NothingToUndo(
                    "Cannot undo: the workspace changed in another way since (another window "
                    "or an import). Your records are as you see them."
                )
            ws.restore_text(step.before)
            self._steps.pop()
            return step.what
