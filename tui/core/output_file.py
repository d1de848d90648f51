"""Where an export may be written: never over the workspace file, its lock or its copies, nor over
a folder, a pipe or a device; a link to a file is followed, and that file is written."""

from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path

from .backups import backup_glob
from .writable import folder_not_writable, write_refusal


class OutputRefused(ValueError):
    """Nothing was written; the message says why and what to do."""


# the copies kept beside a workspace file: `<stem>.<why>-<stamp><suffix>` (see backups.py)
KEPT_ASIDE = ("backup", "before-restore", "damaged")


def _is_kept_copy(target: Path, workspace: Path) -> bool:
    if target.parent != workspace.parent:
        return False
    return any(
        fnmatch.fnmatchcase(target.name, f"{workspace.stem}.{why}-*{workspace.suffix}")
        for why in KEPT_ASIDE
    ) or fnmatch.fnmatchcase(target.name, backup_glob(workspace))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def workspace_clash(target: Path, workspace: Path) -> str | None:
    """What `target` (a real path) is to the workspace at `workspace`, if anything of it."""
    real = Path(os.path.realpath(workspace))
    if target == real or _same_file(target, real):
        return f"it is the workspace file {real} itself"
    if target == Path(f"{real}.lock") or _same_file(target, Path(f"{real}.lock")):
        return f"it is the lock of the workspace file {real}"
    if _is_kept_copy(target, real):
        return f"it is a copy of the workspace file kept beside it ({target.name})"
    return None


def output_target(path: Path, workspace: Path | None = None) -> Path:
    """The file an export named `path` is written to: `path` itself, or the regular file a link
    at `path` leads to. Raises OutputRefused when writing there would replace the workspace
    file, its lock or one of its copies, a folder, a pipe, a device or a socket, or a file that
    may not be written; or when `path` is a link that leads nowhere."""
    path = path.expanduser()
    real = Path(os.path.realpath(path))
    if path.is_symlink() and not os.path.lexists(real):
        raise OutputRefused(
            f"{path} is a link to {real}, which does not exist; remove the link or name "
            "another file"
        )
    if workspace is not None:
        clash = workspace_clash(real, workspace)
        if clash:
            raise OutputRefused(
                f"{path} was not written: {clash}, and the export would replace it; "
                "name another file"
            )
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        why = folder_not_writable(real)
        raise OutputRefused(f"{path} cannot be written: {why}; name another file") from None
    except OSError as exc:
        raise OutputRefused(f"{path} cannot be checked: {exc.strerror or exc}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputRefused(f"{path} is a folder; name a file in it")
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputRefused(
            f"{path} is not a regular file (a pipe, a device or a socket), and an export "
            "would replace it by a file; name a regular file"
        )
    refused = write_refusal(real)  # a file made read-only is not replaced
    if refused:
        raise OutputRefused(refused)
    return real


def not_regular(path: Path) -> str | None:
    """Why an existing `path` is no file to write a workspace over (a folder, a pipe, a
    device, a socket), or None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    what = "a folder" if stat.S_ISDIR(mode) else "a pipe, a device or a socket"
    return f"{path} is not a regular file ({what}); name a workspace file, or move it away first"
