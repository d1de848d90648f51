"""The garbage collector held off while many long-lived objects are made at once (a file's
records, a list's rows, a kept index), so its full walks do not pass over them in vain."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# objects: past this many made in one block, what it keeps is set aside from the walks
LONG_LIVED = 1000
# objects: up to this many made in one block, its cycles of garbage are collected before the
# rest is set aside (a few milliseconds); past it the walk would hold up every thread, the
# screen's too, for a tenth of a second or more at 50,000 records, to free next to nothing
WALK_AT_MOST = 50_000


@contextmanager
def collector_paused(freeze_past: int | None = None) -> Iterator[None]:
    """Hold the collector off inside the block. With `freeze_past`, what the block made and
    kept is then set aside from its walks (gc.freeze) once more than that many objects were
    made (its few cycles of garbage with it, past WALK_AT_MOST). A collector already off
    stays off."""
    enabled, before = gc.isenabled(), gc.get_count()[0]
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            made = gc.get_count()[0] - before
            if freeze_past is not None and made > freeze_past:
                if made <= WALK_AT_MOST:
                    gc.collect(0)
                gc.freeze()
            gc.enable()
