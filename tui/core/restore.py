"""Bring back a backup copy over the workspace file, even one that cannot be read, after
keeping the file as it was aside."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from . import storage
from .backup_info import newest_readable
from .backups import BEFORE_RESTORE, keep_aside
from .file_check import (
    UnreadableFile,
    WorkspaceFileError,
    link_loop,
    load_document,
    read_regular,
)
from .json_import import ImportProblem, check_import
from .kinds import KINDS
from .private import FILE_MODE, make_private_dir
from .references import keep_marks
from .storage import escape_surrogates
from .writable import lock_refusal, write_refusal


class RestoreProblem(ValueError):
    """Nothing was restored; the message says why and what to do."""


@dataclass(frozen=True)
class Restored:
    backup: Path
    target: Path
    kept: Path | None  # the file as it was, kept aside
    records: int


def restore(path: Path, backup: Path | None = None, take_lock: bool = True) -> Restored:
    """Write `backup` (default: the newest readable one) over the workspace at `path`."""
    loop = link_loop(path.expanduser())
    if loop is not None:  # else the link would be replaced by a file
        raise RestoreProblem(f"Nothing was restored: {loop}")
    path = Path(os.path.realpath(path.expanduser()))
    if os.path.lexists(path) and not path.is_file():
        raise RestoreProblem(
            f"Nothing was restored: {path} is not a regular file (a folder, a pipe or a link "
            "that leads nowhere); move it away first"
        )
    if backup is None:
        newest = newest_readable(path)
        if newest is None:
            raise RestoreProblem(
                f"Nothing was restored: there is no readable backup of {path} "
                "(see `finalround backups`). Name one with `finalround restore FILE`."
            )
        backup = newest.path
    try:
        raw = read_regular(backup)
    except UnreadableFile as exc:  # the backup named, not the workspace: another one will do
        raise RestoreProblem(
            f"Nothing was restored: cannot read {backup}: {exc.problem}. Name a backup file "
            "(`finalround backups` lists them)."
        ) from None
    try:
        if raw is None:
            raise RestoreProblem(f"Nothing was restored: there is no file {backup}")
        # a backup from before deletes cleared links is brought back with them (the
        # workspace takes them out when it opens the file), and with the times it held
        document = check_import(raw.decode("utf-8"), old_links=True, stored=True)
    except UnicodeDecodeError:
        raise RestoreProblem(f"Nothing was restored: {backup} is not text (not UTF-8)") from None
    except (ImportProblem, WorkspaceFileError) as exc:
        reason = str(exc).replace("Nothing was imported: ", "")
        raise RestoreProblem(f"Nothing was restored from {backup}: {reason}") from None
    refused = write_refusal(path) or lock_refusal(path)
    if refused:  # a file made read-only, or a folder that takes no new file
        raise RestoreProblem(f"Nothing was restored: {refused}")
    make_private_dir(path.parent)
    lock = FileLock(str(path) + ".lock", mode=FILE_MODE)
    if take_lock:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise RestoreProblem(
                f"Nothing was restored: {path} is open in another Final Round; close it there "
                "and restore again"
            ) from None
    try:
        try:
            current = load_document(path)
        except WorkspaceFileError:
            current = None  # a damaged file: its ids cannot be told
        if current:  # the ids the file gave stay given
            keep_marks(document, current)
        kept = keep_aside(path, BEFORE_RESTORE)
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        storage.atomic_write_text(path, escape_surrogates(text))
    finally:
        if take_lock:
            lock.release()
    records = sum(len(document.get(name, {})) for name in KINDS)
    return Restored(backup, path, kept, records)
