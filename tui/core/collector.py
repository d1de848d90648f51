"""The garbage collector held off while many long-lived objects are made at once (a file's
records, a list's rows, a kept index), so its full walks do not pass over them in vain."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(freeze_past: int | None = None) -> Iterator[None]:
    """Hold the collector off inside the block. With `freeze_past`, what the block made and
    kept is then set aside from its walks (gc.freeze) once more than that many objects were
    made. A collector already off stays off."""
    enabled, before = gc.isenabled(), gc.get_count()[0]
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if freeze_past is not None and gc.get_count()[0] - before > freeze_past:
                gc.collect(0)
                gc.freeze()
            gc.enable()
