"""Undo, several steps back: what each change of this session did to the records it touched,
their text before and after, and what the change was, so undoing can say what it undid."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import NamedTuple

from .edits import ChangedSince, Edit
from .file_check import FileChangedError, parse_document
from .file_lock import OTHER_PROGRAM, changed_since
from .repository import Workspace
from .tracked import DocumentText

DEPTH = 30  # changes one can go back


class Step(NamedTuple):
    what: str  # "saved story: Led the migration"
    edit: Edit  # the records the change touched, before and after
    # the workspace right after the change (see Workspace.generation): an undo applies only
    # while it is still so; None for a step kept from whole texts, checked by `digest`
    end: int | None
    digest: bytes = b""  # of the whole text right after a step kept from whole texts

    @property
    def size(self) -> int:
        """The characters of record text the step holds."""
        return self.edit.size


class NothingToUndo(ValueError):
    pass


class NotUndone(FileChangedError):
    """An undo refused because another program or window changed the file: it is read
    again."""


NOTHING = "Nothing to undo: no change made in this session."


def not_undone_text(path: Path, who: str = OTHER_PROGRAM) -> str:
    """What to tell of an undo refused because `who` (see storage.changed_by) changed the
    file."""
    return (
        f"Not undone: {path} was changed by {changed_since(who)}, so the undo was not "
        "written over it. The workspace now "
        "shows the file as it is on disk, with your last change still made (a record you "
        "deleted stays deleted), and the changes before it can no longer be undone. To get "
        "a deleted record back, `finalround backups` lists the copies of the file and "
        "`finalround restore` puts one back (with Final Round closed)."
    )


def _digest(text: str) -> bytes:
    import hashlib  # only steps kept from whole texts need it

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=32).digest()


def between(before: str, after: str) -> Edit:
    """The edit that makes the whole workspace text `before` into `after`."""
    text = DocumentText()
    text.prepare(parse_document(before.encode("utf-8", "surrogatepass"), Path("workspace")))
    text.text(parse_document(after.encode("utf-8", "surrogatepass"), Path("workspace")))
    edit = Edit(0)
    edit.add(text.changes)
    return edit


class History:
    """The changes of one session, newest last. Used from the save thread."""

    def __init__(self) -> None:
        self._steps: list[Step] = []
        self._lock = threading.Lock()
        self.nothing_why = NOTHING  # why there is nothing to undo, when there is not

    def __len__(self) -> int:
        return len(self._steps)

    def forget(self, why: str) -> None:
        """The whole workspace was replaced (a backup restored, an export imported): no step
        can be taken back; `why` says so when undo is asked for."""
        with self._lock:
            self._steps.clear()
            self.nothing_why = why

    @property
    def size(self) -> int:
        """The characters of record text all steps hold: what undo costs in memory."""
        with self._lock:
            return sum(step.size for step in self._steps)

    def record(self, what: str, edit: Edit) -> None:
        """Keep `edit` (see Workspace.recording), the change `what` made, as the newest step."""
        if not edit.saves or not edit.whole:
            return  # nothing changed, or what changed cannot be told: nothing to take back
        self._push(Step(what, edit, edit.end))

    def keep(self, what: str, before: str, after: str) -> None:
        """Keep a change from the whole workspace text before and after it."""
        if before == after:
            return  # nothing changed: nothing to undo
        self._push(Step(what, between(before, after), None, _digest(after)))

    def _push(self, step: Step) -> None:
        with self._lock:
            self._steps.append(step)
            del self._steps[:-DEPTH]

    def join_last(self, edit: Edit) -> None:
        """A change that follows the last one (a note saying the day afresh) becomes part
        of it: undoing that step takes both back."""
        if not edit.saves:
            return
        with self._lock:
            last = self._steps[-1] if self._steps else None
            if last is not None and last.end is not None and last.end == edit.start:
                joined = Edit(last.edit.start, edit.end, last.edit.saves + edit.saves, edit.whole)
                self._steps[-1] = last._replace(edit=joined, end=edit.end)

    def pass_over(self, edit: Edit) -> None:
        """A change that is no step of its own (a preference): the last step still undoes
        what it did, as long as nothing else came between."""
        if not edit.saves:
            return
        with self._lock:
            last = self._steps[-1] if self._steps else None
            if last is not None and last.end is not None and last.end == edit.start:
                self._steps[-1] = last._replace(end=edit.end)

    def undo(self, ws: Workspace) -> str:
        """Put the records back as they were before the last change; what that change was."""
        with self._lock:
            if not self._steps:
                raise NothingToUndo(self.nothing_why)
            step = self._steps[-1]
            try:
                if step.end is None and _digest(ws.document_text()) != step.digest:
                    raise ChangedSince
                ws.put_back(step.edit, step.end)
            except ChangedSince:
                self._steps.clear()
                self.nothing_why = (
                    "Nothing to undo: the workspace changed in another way since your last "
                    "change (another window or an import)."
                )
                raise NothingToUndo(
                    "Cannot undo: the workspace changed in another way since (another window "
                    "or an import). Your records are as you see them."
                ) from None
            except FileChangedError:
                self._steps.clear()
                who = ws.changed_by()
                self.nothing_why = (
                    f"Nothing to undo: {who} changed the file since your last "
                    "change, so it cannot be taken back. `finalround backups` lists the "
                    "copies of the file to restore from."
                )
                raise NotUndone(not_undone_text(ws.path, who)) from None
            self._steps.pop()
            if self._steps and step.end is not None:
                last = self._steps[-1]
                if last.end is not None and last.end == step.edit.start:
                    # nothing came between the two: the workspace is again as `last` left it
                    self._steps[-1] = last._replace(end=ws.generation)
            return step.what
