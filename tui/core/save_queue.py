"""Saves in order on one background thread, so the screen never waits for the disk."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

Done = Callable[[Any, BaseException | None], None]


class SaveQueue:
    """Runs changes one after another on a daemon thread; reports each result to `done`."""

    def __init__(self) -> None:
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="finalround-saves", daemon=True)
        self._thread.start()

    def submit(self, change: Callable[[], Any], done: Done) -> None:
        self._queue.put((change, done))

    def _run(self) -> None:
        while True:
            change, done = self._queue.get()
            try:
                try:
                    result, error = change(), None
                except Exception as exc:  # handed to the caller, who tells the user
                    result, error = None, exc
                done(result, error)
            finally:
                self._queue.task_done()

    def wait(self, timeout: float = 30.0) -> bool:
        """Block until every submitted change has run; False if `timeout` passed first."""
        finished = threading.Event()

        def joiner() -> None:
            self._queue.join()
            finished.set()

        threading.Thread(target=joiner, daemon=True).start()
        return finished.wait(timeout)

    @property
    def busy(self) -> bool:
        return self._queue.unfinished_tasks > 0
