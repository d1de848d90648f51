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
    from .core.restore import RestoreProblem, restore

    if args.demo:
        say("finalround restore: --demo has no backups; use --db PATH", file=sys.stderr)
        return 2
    path = _workspace_path(args)
    backup = Path(args.backup).expanduser() if args.backup else None
    try:
        done = restore(path, backup)
    except RestoreProblem as exc:
        say(f"finalround restore: {exc}", file=sys.stderr)
        return 2
    kept = f" The file as it was is kept as {done.kept}." if done.kept else ""
    say(f"Restored {done.backup} ({done.records} records) to {done.target}.{kept}")
    return 0


def run_backups(args: Options) -> int:
    from .core.backup_info import describe, stray_notes
    from .core.backups import KEEP
    from .core.file_check import link_loop

    path = _workspace_path(args)
    loop = link_loop(path)
    if loop is not None:  # its copies, if any, are still listed: one may be restored elsewhere
        say(loop, file=sys.stderr)
    found = describe(path)
    for note in stray_notes(path):
        say(note, file=sys.stderr)
    if not found:
        say(
            f"No backups of {path} yet. A copy is kept at the first save of each day, and "
            f"of each session three hours after the last copy (a new workspace: at its "
            f"second save); the last {KEEP} are kept."
        )
        return 0
    say(f"Backups of {path}, newest first (the last {KEEP} are kept):")
    for b in found:
        count = "unreadable" if b.records is None else f"{b.records} records"
        ahead = "  (dated ahead of the clock: listed last)" if b.ahead else ""
        say(f"  {b.taken}  {count:>12}  {b.size / 1024:8.1f} KiB  {b.path}{ahead}")
    say(
        "Restore the newest with: finalround restore"
        + (f" --db {path}" if args.db else "")
        + "   (or name one: finalround restore BACKUP_FILE)"
    )
    return 0
