"""A command of this project run in a real pseudo-terminal (120x40), for tests that need to see
what reaches a terminal: what it writes, and keys typed into it."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time


class Terminal:
    """A command in a pseudo-terminal: what it writes, and keys typed into it."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none", **(env or {})}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tui", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.seen = b""

    def wait_for(self, mark: bytes, timeout: float = 60) -> None:
        """Read until `mark` shows (or the command ends, when `mark` is empty)."""
        start = len(self.seen)
        deadline = time.monotonic() + timeout
        while mark not in self.seen[start:] or not mark:
            if time.monotonic() > deadline:
                raise AssertionError(f"{mark!r} never showed: {self.seen[-400:]!r}")
            if select.select([self.master], [], [], 0.5)[0]:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    if mark:
                        raise AssertionError(f"ended before {mark!r}: {self.seen[-400:]!r}")
                    return
                self.seen += chunk
            elif not mark and self.proc.poll() is not None:
                return

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def new_story_form(self) -> None:
        """From the dashboard: pane 4, then n, waiting for each to show."""
        self.wait_for(b"What to do next")
        self.type(b"4")
        self.wait_for(b"Stories")
        self.type(b"n")
        self.wait_for(b"New story")

    def close(self) -> int:
        try:
            self.wait_for(b"", timeout=30)
        finally:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            os.close(self.master)
        return self.proc.returncode
