"""An unexpected error: its traceback (without local values) goes to a private log file, and
the user is told where, in a few words that never include record text."""

from __future__ import annotations

import tempfile
import traceback
from pathlib import Path

from . import clock
from .private import write_private


def write_crash_log(folder: Path | None, error: BaseException) -> Path | None:
    """Write the traceback of `error` beside the workspace (else in the temporary folder);
    the path of the log, or None when no folder would take it."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    header = f"Final Round stopped on an unexpected error at {stamp}.\n\n"
    candidates = [folder] if folder is not None else []
    candidates.append(Path(tempfile.gettempdir()))
    for place in candidates:
        for n in range(1, 100):
            path = place / f"finalround-crash-{stamp}{'' if n == 1 else f'-{n}'}.log"
            try:
                write_private(path, (header + text).encode("utf-8", "backslashreplace"))
            except FileExistsError:
                continue
            except OSError:
                break
            return path
    return None


def crash_message(error: BaseException, log: Path | None) -> str:
    """What the user reads: the kind of error and where the details are, no record text."""
    from .formatting import visible

    where = f"The details are in {visible(str(log))}" if log else "No log could be written"
    return (
        f"Final Round stopped on an unexpected error ({type(error).__name__}). {where}; "
        "please include that file if you report the problem. Your workspace file keeps "
        "its last whole save."
    )
