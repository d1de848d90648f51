"""What a command prints: messages with control characters made visible, and output written
all of it, or an OSError that says why not (a full disk), never a silently shortened file."""

from __future__ import annotations

import io
import os
import sys
from typing import TextIO


def say(text: str, file: TextIO | None = None) -> None:
    """Print text for a terminal: control characters made visible."""
    from .core.formatting import visible

    print(visible(text), file=file or sys.stdout)


def write_out(text: str) -> None:
    """Write `text` to standard output and wait until all of it is written. Python's own
    buffered stream can drop what a partial write left over (a file that reached its size
    limit), so the bytes go straight to the descriptor, and what is left is written again."""
    out = sys.stdout
    try:
        fd = out.fileno()
    except (AttributeError, io.UnsupportedOperation, ValueError):
        out.write(text)  # not a real file (a test's capture): its own errors stand
        out.flush()
        return
    out.flush()
    data = memoryview(text.encode(out.encoding or "utf-8", out.errors or "strict"))
    while data:
        written = os.write(fd, data)
        data = data[written:]
