"""Copying text: the system clipboard when there is one that works, otherwise a file.

`pyperclip.copy` raises where no clipboard tool is installed, can hang on some Wayland set-ups,
and "succeeds" without effect where DISPLAY points nowhere; so each copy is given two seconds
and then read back to be sure.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyperclip

from . import clock
from .private import make_private_dir
from .storage import atomic_write_text

TIMEOUT = 2.0


def _run(
    fn: Callable[..., Any], *args: Any, timeout: float = TIMEOUT
) -> tuple[bool, Any, BaseException | None]:
    """fn(*args) in a helper thread: (finished, result, error)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = fn(*args)
        except Exception as exc:  # any failure of the clipboard tool is reported, not raised
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return False, None, None
    return True, box.get("result"), box.get("error")


def copy_to_system(text: str, timeout: float = TIMEOUT) -> str | None:
    """Put `text` on the system clipboard; None when done, else why it could not be."""
    finished, _, error = _run(pyperclip.copy, text, timeout=timeout)
    if not finished:
        return f"the clipboard tool did not answer within {timeout:g} s"
    if error is not None:
        if isinstance(error, pyperclip.PyperclipException):
            return (
                "no clipboard here (no display, or none of xclip, xsel and wl-clipboard "
                "is installed)"
            )
        return f"the clipboard tool failed ({error})"
    finished, pasted, error = _run(pyperclip.paste, timeout=timeout)
    if not finished or error is not None or pasted != text:
        return "the clipboard did not keep the text (is there a display?)"
    return None


def safe_stem(text: str) -> str:
    stem = re.sub(r"[^\w-]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return stem[:40] or "note"


def save_copy(text: str, folder: Path, name: str) -> Path:
    """Write `text` to a new file in `folder`; its name says what and when."""
    make_private_dir(folder, existing_too=True)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{safe_stem(name)}-{stamp}.txt"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{safe_stem(name)}-{stamp}-{n}.txt"
    atomic_write_text(path, text)
    return path
