"""Editing text in the user's $VISUAL or $EDITOR while the app steps aside. An editor that
cannot start gives a message and the screen back; an edit that cannot be saved is kept in a
file the message names."""

from __future__ import annotations

import itertools
import os
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from ..core.key_names import key_of

if TYPE_CHECKING:
    from ..core.requests import Request
    from .base import WorkspaceApp

TICKETS = itertools.count(1_000_000_000)  # tickets of edits saved for the editor, not a command


@dataclass(frozen=True)
class Edited:
    text: str
    path: Path  # the editor's file, kept until the edit is saved
    note: str  # how the file was read, when not as UTF-8

    def done(self) -> None:
        self.path.unlink(missing_ok=True)


def run_editor(app: WorkspaceApp, text: str, what: str, edit_here: str) -> Edited | None:
    """`text` edited in $VISUAL or $EDITOR; None (and the user is told why) when no editor
    ran, it failed, or nothing changed. Call `done()` on the result once it is saved, or
    `keep_unsaved` when it is not. `edit_here`: the id of the binding that edits it in the
    app instead, which the messages name."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        app.notify(
            f"Set $EDITOR (for example: export EDITOR=vim) to edit the {what} in your editor; "
            f"{key_of(edit_here)} edits it here.",
            severity="warning",
        )
        return None
    try:
        command = shlex.split(editor)
    except ValueError as exc:
        app.notify(f"Cannot read $EDITOR ({editor}): {exc}.", severity="error")
        return None
    if not command or shutil.which(command[0]) is None:
        app.notify(
            f"The editor in $EDITOR ({editor}) is not installed or not on PATH; "
            f"press {key_of(edit_here)} to edit the {what} here.",
            severity="error",
        )
        return None
    with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as handle:
        handle.write(text.encode("utf-8"))
        path = Path(handle.name)
    failure = ""
    try:
        with app.suspend():
            # nothing may escape this block: the screen comes back only at its end
            try:
                status = subprocess.run([*command, str(path)]).returncode
            except OSError as exc:
                status, failure = -1, exc.strerror or str(exc)
    except SuspendNotSupported:
        path.unlink(missing_ok=True)
        app.notify(
            "This terminal cannot hand the screen to an editor; "
            f"press {key_of(edit_here)} to edit the {what} here.",
            severity="warning",
        )
        return None
    if failure or status != 0:
        path.unlink(missing_ok=True)
        why = failure or f"it exited with status {status}"
        app.notify(f"{editor}: {why}; the {what} was not changed.", severity="warning")
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        app.notify(f"Cannot read what {editor} wrote: {exc.strerror or exc}.", severity="error")
        return None
    try:
        edited, note = raw.decode("utf-8"), ""
    except UnicodeDecodeError:
        edited, note = raw.decode("latin-1"), " (read as Latin-1: the file was not UTF-8)"
    if edited == text:
        path.unlink(missing_ok=True)
        return None
    return Edited(edited, path, note)


def submit_edit(
    app: WorkspaceApp, edited: Edited, what: str, request: Request, ticket: int = 0
) -> None:
    """Save an edit on the save thread; `settle_edit` keeps it in a file if the save fails."""
    ticket = ticket or next(TICKETS)
    app.editor_edits[ticket] = (edited, what)
    app.submit(request, ticket)


def settle_edit(app: WorkspaceApp, ticket: int, error: BaseException | None) -> bool:
    """The save of an editor's edit came back: forget its file, or keep the edit when the save
    failed. False when `ticket` was not an editor's edit."""
    entry = app.editor_edits.pop(ticket, None)
    if entry is None:
        return False
    edited, what = entry
    if error is None:
        edited.done()
        if edited.note:
            app.notify(f"The {what}{edited.note}.")
    else:
        keep_unsaved(app, edited, what, error)
    return True


def keep_unsaved(app: WorkspaceApp, edited: Edited, what: str, error: BaseException) -> None:
    """The save failed: keep the edit in a private file and say where."""
    from ..core.clipboard import save_copy

    try:
        kept = save_copy(edited.text, app.export_folder, f"unsaved {what}")
        edited.done()
    except OSError:
        kept = edited.path  # the editor's own file stays where it is
    app.notify(
        f"{error} Your edited {what} is kept in {kept}."
        + (app.goes_at_quit if kept.parent == app.export_folder else ""),
        title="Not saved",
        severity="error",
        timeout=30,
    )
