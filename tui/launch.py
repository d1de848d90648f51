"""The `finalround` command as installed: the garbage collector is held off from the very
start, so the modules loaded before the first frame (most of what the app ever makes) are not
walked again and again while they load; the app lets it go once that frame is on screen, and
any other command before it runs."""

from __future__ import annotations

from .core.collector import Held


def main() -> int:
    held = Held(freeze_past=0)
    try:
        from .cli import main as command

        return command(collector=held)
    finally:
        held.release()  # a command that ended before letting it go
