"""Text kept in files when Final Round closed before it could be saved (`unsaved-*.txt` in the
export folder): which of them the user has not been told about yet, and remembering that."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from .repository import Workspace
from .requests import Request

SETTING = "kept_text_told"  # the names of the kept files already announced, one a line
PATTERN = "unsaved-*.txt"


def _written(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def kept_files(folder: Path) -> list[Path]:
    """The files holding kept text, oldest first."""
    try:
        found = [p for p in folder.glob(PATTERN) if p.is_file()]
    except OSError:
        return []
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
