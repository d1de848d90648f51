"""Copying text: the system clipboard when there is one that works, otherwise a file.

`pyperclip.copy` raises where no clipboard tool is installed, can hang on some Wayland set-ups,
and "succeeds" without effect where DISPLAY points nowhere; so each copy is given two seconds
and then read back to be sure. A tool that did not answer in time is ended, not left running.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyperclip

from . import clock, storage
from .private import make_private_dir

TIMEOUT = 2.0


class _Tool(subprocess.Popen):
    """A clipboard tool pyperclip started, noted with the thread that started it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # its own process group: ending it ends what it started too
        super().__init__(*args, **{**kwargs, "start_new_session": True})
        with _lock:
            _tools.append((threading.get_ident(), self))


_lock = threading.Lock()
_tools: list[tuple[int, subprocess.Popen]] = []
_ended: set[int] = set()  # threads whose tool was ended: their copy did not happen
# pyperclip starts its tools (xclip, xsel, wl-copy...) through its own name `subprocess`: given
# this copy of the module, the tools it starts are known, so one that hangs can be ended.
pyperclip.subprocess = types.SimpleNamespace(**{**vars(subprocess), "Popen": _Tool})


def end_stuck_tools(thread: int | None = None) -> int:
    """End the clipboard tools still running (those `thread` started, if given) and reap
    them; how many were still running."""
    with _lock:
        mine = [(t, p) for t, p in _tools if thread is None or t == thread]
        _tools[:] = [(t, p) for t, p in _tools if (t, p) not in mine and p.poll() is None]
        stuck = [(t, p) for t, p in mine if p.poll() is None]
        _ended.update(t for t, _p in stuck)
    for _t, p in stuck:
        try:
            if hasattr(os, "killpg"):
                os.killpg(p.pid, signal.SIGKILL)
            else:
                p.kill()
            p.wait(timeout=1)
        except (OSError, subprocess.TimeoutExpired):
            pass  # gone already, or past saving: the system reaps it when the app ends
    return len(stuck)


def _run(
    fn: Callable[..., Any], *args: Any, timeout: float = TIMEOUT
) -> tuple[bool, Any, BaseException | None]:
    """fn(*args) in a helper thread: (finished, result, error)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = fn(*args)
            with _lock:
                if threading.get_ident() in _ended:  # its tool was ended, not finished
                    _ended.discard(threading.get_ident())
                    raise ChildProcessError("ended after it did not answer")
        except Exception as exc:  # any failure of the clipboard tool is reported, not raised
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        if thread.ident is not None:
            end_stuck_tools(thread.ident)  # the tool it waits for: its thread then ends too
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


def save_copy(text: str, folder: Path, name: str, owner: str = "") -> Path:
    """Write `text` to a new file in `folder`; its name says what and when (and, after a
    dot, the `owner` it was written for, when given)."""
    make_private_dir(folder, existing_too=True)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    tag = f".{owner}" if owner else ""
    path = folder / f"{safe_stem(name)}-{stamp}{tag}.txt"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{safe_stem(name)}-{stamp}-{n}{tag}.txt"
    storage.atomic_write_text(path, text)
    return path
