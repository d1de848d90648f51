"""Text kept in files when Final Round closed before it could be saved (`unsaved-*.txt`): where
it is written, which files belong to a workspace, which the user has not been told about yet."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from .private import cache_folder
from .repository import Workspace
from .requests import Request

SETTING = "kept_text_told"  # the names of the kept files already announced, one a line
PATTERN = "unsaved-*.txt"


def owner(workspace: Path) -> str:
    """What the name of a file kept for the workspace at `workspace` carries after a dot: the
    workspace's file name, and a digest of its full path for files kept away from it."""
    name = re.sub(r"[^\w-]+", "-", workspace.name.lower()).strip("-") or "workspace"
    digest = hashlib.sha256(str(workspace.absolute()).encode("utf-8", "replace")).hexdigest()
    return f"{name}.{digest[:12]}"


def elsewhere() -> list[Path]:
    """Where text is kept when the folder beside the workspace refuses it (a full disk, a
    folder made read-only): the user's cache folder, then the temporary folder."""
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    return [cache_folder("unsaved"), Path(tempfile.gettempdir()) / f"finalround-unsaved-{user}"]


def keep(text: str, name: str, workspace: Path) -> Path:
    """Write `text` to a private file in the `exports/` folder beside `workspace`, else in the
    first place of `elsewhere()` that takes it; raises the first OSError when none does."""
    from .clipboard import save_copy

    first: OSError | None = None
    for folder in [workspace.parent / "exports", *elsewhere()]:
        try:
            return save_copy(text, folder, name, owner(workspace))
        except OSError as exc:
            first = first or exc
    assert first is not None
    raise first


def _written(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _found(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.glob(PATTERN) if p.is_file()]
    except OSError:
        return []


def kept_files(workspace: Path) -> list[Path]:
    """The files holding text kept for the workspace at `workspace`, oldest first. Beside it,
    those named for it (a workspace moved with its folder keeps them) and those of older
    versions, which did not name theirs; elsewhere, only those named for it exactly."""
    mine = owner(workspace)
    name = mine.split(".")[0]
    found = [
        p
        for p in _found(workspace.parent / "exports")
        if len(parts := p.name.split(".")) == 2 or (len(parts) == 4 and parts[1] == name)
    ]
    for folder in elsewhere():
        found += [p for p in _found(folder) if p.name.endswith(f".{mine}.txt")]
    return sorted(found, key=lambda p: (_written(p), p.name))


def not_told(ws: Workspace, kept: list[Path]) -> list[Path]:
    """Those of the `kept` files (see kept_files) the user has not been told about."""
    told = set(ws.setting(SETTING).splitlines())
    return [p for p in kept if p.name not in told]


@dataclass(frozen=True)
class RememberTold(Request):
    """The kept files `names` have been announced (files gone since are forgotten). Not the
    user's change: no undo step, and nothing to say once saved."""

    names: tuple[str, ...]
    follow_up: ClassVar[bool] = True

    def apply(self, ws: Workspace) -> None:
        value = "\n".join(sorted(set(self.names)))
        if ws.setting(SETTING) != value:
            ws.set_setting(SETTING, value)
