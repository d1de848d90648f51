"""Whether a workspace file may be written here, and if not why and what to do: a file the user
made read-only is opened read-only and never replaced, nor its mode changed."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def nearest_folder(path: Path) -> Path:
    """The folder a file at `path` would be created in, or the nearest one that exists."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


DISK_READ_ONLY = "the disk it is on is mounted read-only"


def disk_read_only(path: Path) -> str | None:
    """DISK_READ_ONLY when the file system holding `path` (or the folder it would be made in)
    is mounted read-only: no change of permissions can help there, only another disk."""
    try:
        flags = os.statvfs(nearest_folder(path)).f_flag
    except OSError:
        return None
    return DISK_READ_ONLY if flags & os.ST_RDONLY else None


def file_not_writable(path: Path) -> str | None:
    """Why the existing file at `path` must not be written (its mode gives no one the right
    to, or this user may not), or None. A save would replace the file by renaming a new one
    over it, which only the folder's permissions govern: so the file's own are asked here."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # missing: the folder decides
    if not stat.S_ISREG(mode):
        return None  # reported as unreadable where it is read
    shown = f"{stat.S_IMODE(mode):04o}"
    if not mode & 0o222:
        return f"the file is read-only (mode {shown}: no one may write it)"
    if not os.access(path, os.W_OK):
        return f"you may not write to the file (mode {shown})"
    return None


def folder_not_writable(path: Path, error: OSError | None = None) -> str | None:
    """Why no file can be created beside `path` (its lock, a save's temporary file), or None."""
    folder = nearest_folder(path)
    if folder.exists() and not folder.is_dir():
        return f"{folder} is a file, not a folder"
    if error is None and os.access(folder, os.W_OK | os.X_OK):
        return None
    reason = f": {error.strerror}" if error is not None and error.strerror else ""
    return f"its folder {folder} cannot be written{reason}"


def stray_lock(lock: Path) -> str | None:
    """Why the lock file beside a workspace cannot be taken although its folder may be written:
    something that is no file stands in its place (a folder, a link that leads nowhere)."""
    if not os.path.lexists(lock) or (lock.is_file() and not lock.is_symlink()):
        return None
    if lock.is_symlink():
        what = "a link to a file" if lock.exists() else "a link that leads nowhere"
    else:
        what = "a folder" if lock.is_dir() else "not a regular file"
    return f"its lock file {lock} is {what}"


def lock_refusal(path: Path) -> str | None:
    """Why a command must not write the workspace at `path` because of a stray lock, or None."""
    why = stray_lock(Path(f"{path}.lock"))
    return None if why is None else f"{path} cannot be written: {why}; {_fix(path, why)}"


def not_writable(path: Path) -> str | None:
    """Why the workspace file at `path` is opened read-only, or None when it may be written."""
    return disk_read_only(path) or file_not_writable(path) or folder_not_writable(path)


def _fix(path: Path, why: str) -> str:
    if why == DISK_READ_ONLY:
        return "name a file on another disk"
    if why.startswith("its lock file"):
        return f"remove that stray lock (rm -r {path}.lock)"
    if why.endswith("is a file, not a folder"):
        return "name another file"
    if why.startswith("its folder"):
        return f"make the folder writable (chmod u+w {nearest_folder(path)})"
    return f"make the file writable (chmod u+w {path})"


def write_refusal(path: Path) -> str | None:
    """Why a command must not write the file at `path` (an import, a restore, an export to
    it), and what to do; None when it may."""
    why = not_writable(path)
    if why is None:
        return None
    fix = _fix(path, why)
    fix = fix if fix.startswith("name a") else f"{fix}, or name another file"
    return f"{path} cannot be written: {why}; {fix}"


def copy_to_work_on(path: Path) -> str:
    """The commands that make a copy of the workspace at `path` and open it."""
    return f"finalround import {path} --db NEW.json, then finalround --db NEW.json"


def what_to_do(path: Path, why: str) -> str:
    """The whole message: the file, why it is read-only here, and the ways to save again."""
    from .key_names import key_of  # a message of the app, not of every file check

    copy = copy_to_work_on(path)
    palette = key_of("palette")
    if why == DISK_READ_ONLY:
        return (
            f"{path} is open read-only: {why}. Nothing is written to it. To save your "
            f"changes, work on a copy on a disk that can be written: {copy}, with NEW.json "
            'on that disk; or remount the disk read-write, then use "Take over the file" '
            f"({palette})."
        )
    fix = _fix(path, why)
    return (
        f"{path} is open read-only: {why}. Nothing is written to it. To save your changes, "
        f'{fix}, then use "Take over the file" ({palette}); or work on a copy: '
        f"{copy}."
    )


def cannot_create(path: Path, why: str) -> str:
    """The message for a workspace that does not exist yet where it cannot be created."""
    return (
        f"There is no workspace at {path} yet, and it cannot be created there: {why}. "
        + ("Make the folder writable, or choose" if why.startswith("its folder") else "Choose")
        + " another place with --db PATH (or FINALROUND_DB)."
    )


def banner(why: str) -> str:
    """A few words for the top bar: what cannot be written."""
    if why == DISK_READ_ONLY:
        return "disk read-only"
    if why.startswith("its lock file"):
        return "stray lock file"
    if why.endswith("is a file, not a folder"):
        return "not in a folder"
    return "folder not writable" if why.startswith("its folder") else "file not writable"
