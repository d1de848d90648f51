"""The `backups` and `restore` commands: the copies kept beside a workspace file, listed or put
back in its place."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .stdout import say

if TYPE_CHECKING:
    from .cli import Options


def _workspace_path(args: Options) -> Path:
    from .cli import default_db_path

    return Path(args.db).expanduser() if args.db else default_db_path()


def run_restore(args: Options) -> int:
    from .core.backup_info import records_in_words
    from .core.restore import RestoreProblem, restore

    if args.demo:
        say("finalround restore: --demo has no backups; use --db PATH", file=sys.stderr)
        return 2
    path = _workspace_path(args)
    backup = Path(args.backup).expanduser() if args.backup else None
    if backup is not None and backup.parent == Path():
        # a name alone, as `finalround backups` lists it: the copies are kept beside the file
        beside = path.parent / backup
        if beside.exists():
            backup = beside
        elif not backup.exists():
            say(
                f"finalround restore: there is no file {str(backup)!r} beside {path} nor in "
                "this folder; `finalround backups` lists the copies there are",
                file=sys.stderr,
            )
            return 2
    try:
        done = restore(path, backup)
    except RestoreProblem as exc:
        say(f"finalround restore: {exc}", file=sys.stderr)
        return 2
    kept = f" The file as it was is kept as {done.kept}." if done.kept else ""
    say(f"Restored {done.backup} ({records_in_words(done.records)}) to {done.target}.{kept}")
    return 0


def run_backups(args: Options) -> int:
    from .core.backup_info import (
        BackupInfo,
        describe,
        describe_before_restore,
        records_in_words,
        stray_notes,
    )
    from .core.backups import KEEP
    from .core.file_check import link_loop

    path = _workspace_path(args)
    loop = link_loop(path)
    if loop is not None:  # its copies, if any, are still listed: one may be restored elsewhere
        say(loop, file=sys.stderr)
    found = describe(path)
    before_restore = describe_before_restore(path)
    for note in stray_notes(path):
        say(note, file=sys.stderr)

    def line(b: BackupInfo) -> str:
        ahead = "  (dated ahead of the clock: listed last)" if b.ahead else ""
        count = records_in_words(b.records)
        return f"  {b.taken}  {count:>14}  {b.size / 1024:8.1f} KiB  {b.path}{ahead}"

    db = f" --db {path}" if args.db else ""
    if not found:
        say(
            f"No backups of {path} yet. A copy is kept at the first save of each day, and "
            f"of each session three hours after the last copy (a new workspace: at its "
            f"second save); the last {KEEP} are kept."
        )
    else:
        say(f"Backups of {path}, newest first (the last {KEEP} are kept):")
        for b in found:
            say(line(b))
        say(
            f"Restore the newest with: finalround restore{db}"
            "   (or name one: finalround restore BACKUP_FILE)"
        )
    if before_restore:
        say("The file as it was before each restore, newest first (never removed):")
        for b in before_restore:
            say(line(b))
        say(f"Put one back with: finalround restore{db} FILE")
    return 0
