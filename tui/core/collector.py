"""The garbage collector held off while many long-lived objects are made at once (a file's
records, a list's rows, a kept index), so its full walks do not pass over them in vain."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# objects: past this many made in one block, what it keeps is set aside from the walks
LONG_LIVED = 1000
# objects: up to this many made in one block, its cycles of garbage are collected before the
# rest is set aside (a few milliseconds); past it the walk would hold up every thread, the
# screen's too, for a tenth of a second or more at 50,000 records, to free next to nothing
WALK_AT_MOST = 50_000


class _Holds:
    """The holds in force, from every thread: the first one turns the collector off, the
    last one to end lets it go (each hold deciding alone raced: one thread saw the collector
    off because another held it, and turned it off again after the other let it go, for good).
    """

    def __init__(self) -> None:
        self.lock = threading.RLock()  # an object freed while collecting may take a hold
        self.count = 0
        self.was_on = False  # the collector was on before the first hold: it goes back on
        self.before = 0  # objects counted when the first hold began
        self.freeze_past: int | None = None  # the least asked for by the holds


_HOLDS = _Holds()


class Held:
    """The collector held off from now until `release`, while any other hold lasts too. With
    `freeze_past`, what was made meanwhile and kept is then set aside from its walks
    (gc.freeze) once more than that many objects were made (its few cycles of garbage with it,
    past WALK_AT_MOST). A collector already off stays off; a second release does nothing."""

    def __init__(self, freeze_past: int | None = None) -> None:
        self._held = True
        holds = _HOLDS
        with holds.lock:
            if holds.count == 0:
                holds.was_on, holds.before = gc.isenabled(), gc.get_count()[0]
                holds.freeze_past = freeze_past
                gc.disable()
            elif freeze_past is not None:
                past = holds.freeze_past
                holds.freeze_past = freeze_past if past is None else min(past, freeze_past)
            holds.count += 1

    def release(self) -> None:
        holds = _HOLDS
        with holds.lock:
            if not self._held:
                return
            self._held = False
            holds.count -= 1
            if holds.count or not holds.was_on:
                return
            made = gc.get_count()[0] - holds.before
            if holds.freeze_past is not None and made > holds.freeze_past:
                if made <= WALK_AT_MOST:
                    gc.collect(0)
                gc.freeze()
            gc.enable()


@contextmanager
def collector_paused(freeze_past: int | None = None) -> Iterator[None]:
    """Hold the collector off inside the block (see Held)."""
    held = Held(freeze_past)
    try:
        yield
    finally:
        held.release()


def set_aside() -> None:
    """What the app has made so far lives as long as it does (a pane once shown stays): its
    young cycles of garbage are collected, the rest set aside from the collector's full
    walks. Those otherwise pass over every widget made since the last setting aside, longer
    with each pane shown (30 ms after the first, 100 ms by the sixth), holding up the screen.
    While another thread holds the collector off (collector_paused) the young objects may be
    many: they are set aside as they are, which that thread does too once done."""
    if gc.isenabled():  # a few thousand young objects at most: a millisecond or two
        gc.collect(1)
    gc.freeze()
