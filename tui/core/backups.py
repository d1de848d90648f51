"""Copies of the workspace file kept beside it: the first save of each day and of each session
three hours after the last copy, and before a schema migration. The last five are kept."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

from . import clock
from .private import copy_private

KEEP = 5
SESSION_GAP = timedelta(hours=3)  # a session's first save keeps a copy this long after the last


def backup_glob(path: Path) -> str:
    return f"{path.stem}.backup-*{path.suffix}"


def stamp_of(path: Path, backup: Path, why: str = "backup") -> str:
    """When a backup of `path` (or a copy kept aside for `why`) says it was taken:
    YYYYMMDD-HHMMSS (from its name)."""
    return backup.name[len(path.stem) + len(f".{why}-") :][:15]


def _regular(p: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(p).st_mode)
    except OSError:
        return False


def backups(path: Path) -> list[Path]:
    """This file's backups, newest first: regular files only (see `strays`). One named after
    a time still to come (taken while the clock was wrong) counts as older than the others, so
    it never hides today's copy from a restore nor makes the rotation remove it."""
    now = clock.now().strftime("%Y%m%d-%H%M%S")
    found = [p for p in path.parent.glob(backup_glob(path)) if _regular(p)]
    return sorted(found, key=lambda p: (stamp_of(path, p) <= now, p.name), reverse=True)


def dated_ahead(path: Path, backup: Path) -> bool:
    """True for a backup named after a time still to come."""
    return stamp_of(path, backup) > clock.now().strftime("%Y%m%d-%H%M%S")


def strays(path: Path) -> list[Path]:
    """What is named like a backup of `path` but is no regular file (a link, a folder): never
    listed, restored or removed."""
    return sorted(p for p in path.parent.glob(backup_glob(path)) if not _regular(p))


def has_backup_of_today(path: Path) -> bool:
    today = clock.now().strftime("%Y%m%d")
    return any(p.name.startswith(f"{path.stem}.backup-{today}") for p in backups(path))


def backup_due(path: Path) -> bool:
    """Whether a save should first keep a copy: none was taken today, or the newest is more
    than SESSION_GAP old (a workspace made today, worked on all evening, has copies too)."""
    if not has_backup_of_today(path):
        return True
    newest = next((b for b in backups(path) if not dated_ahead(path, b)), None)
    if newest is None:
        return True
    try:
        taken = datetime.strptime(stamp_of(path, newest), "%Y%m%d-%H%M%S")
    except ValueError:  # a name that only looks like a backup's: not a recent copy
        return True
    return clock.now() - taken > SESSION_GAP


def make_backup(path: Path, reason: str = "") -> Path | None:
    """Copy the file as it is now beside it, then keep only the newest five copies."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    tail = f"-{reason}" if reason else ""
    target = path.with_name(f"{path.stem}.backup-{stamp}{tail}{path.suffix}")
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        copy_private(path, tmp)  # private, like the file itself
        tmp.replace(target)
    except BaseException:
        try:
            tmp.unlink(missing_ok=True)  # a full disk leaves no half copy behind
        except OSError:
            pass
        raise
    for old in backups(path)[KEEP:]:
        if old != target:  # the copy just made stays, whatever the others are named
            old.unlink(missing_ok=True)
    return target


BEFORE_RESTORE = "before-restore"  # the file as it was before a restore, kept aside


def kept_aside(path: Path, why: str = BEFORE_RESTORE) -> list[Path]:
    """The copies keep_aside made of `path` for `why`, newest first (regular files only): by
    the time in their names, then by the number a later copy in the same second carries."""
    found = [p for p in path.parent.glob(f"{path.stem}.{why}-*{path.suffix}") if _regular(p)]

    def order(p: Path) -> tuple[str, int]:
        after = p.name[len(path.stem) + len(f".{why}-") : len(p.name) - len(path.suffix)]
        n = after[16:]  # "-2" after the stamp for the second copy of one second
        return after[:15], int(n) if n.isdigit() else 1

    return sorted(found, key=order, reverse=True)


def keep_aside(path: Path, why: str = "damaged") -> Path | None:
    """Copy the file as it is to a new name beside it (never replaced by a later copy)."""
    if not path.is_file():
        return None
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        tail = "" if n == 1 else f"-{n}"
        target = path.with_name(f"{path.stem}.{why}-{stamp}{tail}{path.suffix}")
        try:
            copy_private(path, target)
        except FileExistsError:
            continue
        return target
    return None
