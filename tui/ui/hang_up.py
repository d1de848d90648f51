"""When the terminal closes or the system asks the app to stop (SIGHUP, SIGTERM): the text of
forms not yet saved is kept in a file, saves under way finish, and the app ends as after `q`.
The next start of the workspace says once where that text is."""

from __future__ import annotations

import asyncio
import os
import select
import signal
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import FinalRoundApp

WATCH = 1.0  # seconds between two looks at whether the terminal is still there
# a closed terminal window; a system shutting down or `kill`
SIGNALS = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))


def listen(app: FinalRoundApp) -> None:
    """Have the app's event loop answer the signals (where the platform allows it), and
    notice a terminal gone without one."""
    try:
        loop = asyncio.get_running_loop()
        for number in SIGNALS:
            loop.add_signal_handler(number, stop, app, number)
    except (NotImplementedError, RuntimeError, ValueError):
        pass  # no signals here (Windows), or not the main thread: ended as before
    if app.is_headless or not hasattr(select, "poll") or not hasattr(signal, "SIGHUP"):
        return
    try:
        terminal = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
        if terminal < 0 or not os.isatty(terminal):
            return
    except (OSError, ValueError):
        return
    watch = select.poll()
    watch.register(terminal, select.POLLIN)
    app.set_interval(WATCH, partial(_watch, app, watch), name="terminal watch")


def _watch(app: FinalRoundApp, watch: select.poll) -> None:
    """A terminal closed without a signal to its programs (its window's process killed, a
    program started in its own session): reading it then fails at once, again and again,
    so the app would spin on it. Ended as on SIGHUP instead."""
    if any(
        events & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, events in watch.poll(0)
    ):
        stop(app, signal.SIGHUP)


def stop_listening() -> None:
    try:
        loop = asyncio.get_running_loop()
        for number in SIGNALS:
            loop.remove_signal_handler(number)
    except (NotImplementedError, RuntimeError, ValueError):
        pass


def stop(app: FinalRoundApp, number: int) -> None:
    """Keep what cannot be saved, let the saves asked for finish, and end. Once: a signal
    often comes twice (from the terminal, and passed on by a launcher such as `uv run`)."""
    if app.hung_up:
        return
    app.hung_up = True
    if not app.demo:  # a throw-away workspace's folder goes with it
        app.hung_up_kept = keep_forms(app)
    app.finish_saves()
    app.exit(return_code=128 + number)


def keep_forms(app: FinalRoundApp) -> list[Path]:
    """The text of each changed form or long text in a private file beside the workspace
    (`exports/`), else in the user's cache or temporary folder (a full disk): there is no one
    to ask whether to save it, and nothing typed is lost."""
    from ..core.kept_text import keep
    from .commands import HoldsTyping

    kept: list[Path] = []
    for screen in app.screen_stack:
        if not isinstance(screen, HoldsTyping):
            continue
        try:
            if not screen.changed:
                continue
            kept.append(keep(screen.unsaved_text(), screen.unsaved_name, app.workspace.path))
        except OSError:
            continue  # no folder takes it: nothing more can be done without a screen
    return kept


def tell_kept(app: FinalRoundApp) -> None:
    """Say once which files hold text kept when Final Round last closed, and how to get it
    back; remembered in the workspace, so each file is announced at one start only."""
    if app.demo:  # a throw-away workspace keeps nothing from one start to the next
        return
    from ..core.kept_text import RememberTold, kept_files, not_told

    kept = kept_files(app.workspace.path)
    new = not_told(app.workspace, kept)
    if not new:
        return
    files = "\n".join(f"  {path}" for path in new)
    one = len(new) == 1
    away = [p for p in new if p.parent != app.export_folder]
    where = (
        f"\n{'It is' if one else 'Some are'} not beside the workspace: the folder "
        f"{app.export_folder} could not be written then (a full disk?)."
        if away
        else ""
    )
    app.notify(
        "When Final Round last closed, text you had typed was not yet saved. It is kept in "
        f"{'this file' if one else 'these files'}:\n{files}{where}\nTo get it back, open the "
        f"file{'' if one else 's'} and paste the text into a new record (or the record you "
        "were editing).",
        title="Text kept from last time",
        severity="warning",
        timeout=60,
    )
    if not app.workspace.read_only:
        app.submit(RememberTold(tuple(p.name for p in kept)))
