"""Search over one workspace: its records and the starter questions, kept current on change."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from . import index_cache
from .collector import LONG_LIVED, collector_paused
from .kinds import KINDS, OPPORTUNITY
from .repository import Record, Workspace
from .search_index import Hit, SearchIndex
from .starters import STARTER_KINDS, starters
from .thesaurus import thesaurus


def searched(kind_name: str) -> bool:
    """Rehearsal attempts are not searched: they are found on their items."""
    return KINDS[kind_name].strategy >= 0


class WorkspaceSearch:
    """Builds the index once, then follows the workspace's added, updated and deleted records.

    With `build=False` the index is built later by `build()`, typically on a worker thread:
    until then `ready` is False and `search` finds nothing. Changes made while it is being
    built are applied once it is done, so it never misses one.
    """

    def __init__(
        self,
        workspace: Workspace,
        with_starters: bool = True,
        build: bool = True,
        by_meaning: bool = True,
        keep_index: bool = True,
    ) -> None:
        self.workspace = workspace
        # a large workspace's index is kept between starts (see index_cache)
        self.keep_index = keep_index
        self.caught_up: int | None = None  # records indexed again over the kept index, if any
        self.with_starters = with_starters
        self.meaning = thesaurus() if by_meaning else None  # the competency thesaurus
        self._lock = threading.Lock()
        self.index = SearchIndex(self.meaning)
        self._ready = threading.Event()
        # changes seen before the index is built, or while it catches up with the file read
        # again (see refresh): applied to it once it is
        self._pending: list[tuple[str, Record]] = []
        self._holding = False  # changes wait in _pending while the index catches up
        self._refreshing = threading.Lock()  # one catching up at a time
        self._read_at = workspace.rereads  # the file's reading the index follows
        workspace.subscribe(self._on_change)
        if build:
            self.build()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._ready.wait(timeout)

    def build(self, pause: Callable[[], None] | None = None) -> None:
        """Index every record and starter question (safe to call from any thread, once);
        `pause` is called now and then (see SearchIndex.add_many)."""
        if self.ready:
            return
        read_at = self.workspace.rereads
        # the index lives as long as the workspace (see collector_paused)
        with collector_paused(freeze_past=LONG_LIVED):
            index, packed = self._made(self._items(pause), pause)
            index.load_scoring()
        with self._lock:
            self._read_at = read_at
            for event, record in self._pending:
                self._apply(index, event, record)
            self._pending.clear()
            self.index = index
            self._ready.set()
        if packed is not None:
            index_cache.write(*packed)

    def _items(self, pause: Callable[[], None] | None = None) -> list:
        """What the index takes from every searched record as it is now, and the starters;
        `pause` is called after each kind of many records (a pause waits for keys typed)."""
        items: list = []
        since = 0  # items taken since the last pause
        for name in KINDS:
            if searched(name):
                records = self.workspace.all_records(name)
                items += [(r.key, r.kind, r.values, r.opportunity) for r in records]
                since += len(records)
                if pause is not None and since >= 512:
                    pause()
                    since = 0
        if self.with_starters:
            items += [
                ((kind_name, number), STARTER_KINDS[kind_name], values, None)
                for (kind_name, number), values in starters().items()
            ]
        return items

    @property
    def stale(self) -> bool:
        """Whether the file was read again since the index last followed it: another program
        may have added, changed or deleted records there (see refresh)."""
        return self.ready and self.workspace.rereads != self._read_at

    def refresh(self, pause: Callable[[], None] | None = None) -> int | None:
        """Bring the built index up to the records as the file holds them now: those gone are
        taken out, those changed or new indexed again (all of them afresh when they are many).
        The records are compared while searches go on; changes made meanwhile wait and are
        applied after. The number of records indexed again; None when there was nothing to do.
        Safe to call from any thread; `pause` as for build."""
        if not self.ready:
            return None  # the build reads the records as they are
        with self._refreshing:
            if not self.stale:
                return None
            with self._lock:
                self._holding = True
                read_at = self.workspace.rereads
            fresh: SearchIndex | None = None
            gone: list[tuple[str, int]] = []
            changed: list = []
            redone, done = 0, False
            try:
                with collector_paused(freeze_past=LONG_LIVED):
                    items = self._items(pause)
                    # only this thread changes the index while changes are held
                    gone, changed = index_cache.differences(self.index, items, pause)
                    redone = len(gone) + len(changed)
                    if not index_cache.worth_catching_up(redone, items):
                        fresh = SearchIndex(self.meaning)
                        fresh.add_many(items, pause)
                done = True
            finally:
                with self._lock:
                    if fresh is not None:
                        self.index = fresh
                    elif redone:  # a few records: quick enough to do between two searches
                        for key in gone:
                            self.index.remove(key)
                        self.index.add_many(changed)
                    for event, record in self._pending:
                        self._apply(self.index, event, record)
                    self._pending.clear()
                    self._holding = False
                    if done:
                        self._read_at = read_at
        return redone

    def _made(
        self, items: list, pause: Callable[[], None] | None
    ) -> tuple[SearchIndex, tuple[Path, list[bytes]] | None]:
        """The index of `items`: a large workspace's from the one kept at its last start, with
        the records changed since indexed again, else built; and, when it was built or much
        changed, the index packed to be kept for the next start."""
        kept = index_cache.kept_at(self.workspace.path) if self.keep_index else None
        if kept is not None:
            try:
                index = index_cache.load(kept, self.meaning, pause)
                redone = None if index is None else index_cache.catch_up(index, items, pause)
            except Exception:  # a kept file damaged past its checks: built afresh below
                index, redone = None, None
            if index is not None and redone is not None:
                self.caught_up = redone
                if redone <= index_cache.KEEP_AGAIN_SHARE * len(items):
                    return index, None
                return index, (kept, index_cache.pack(index, pause))
        index = SearchIndex(self.meaning)
        index.add_many(items, pause)
        if kept is None:
            return index, None
        # packed before anyone else sees the index: nothing can change it meanwhile
        return index, (kept, index_cache.pack(index, pause))

    @staticmethod
    def _apply(index: SearchIndex, event: str, record: Record) -> None:
        if not searched(record.kind.name):
            return
        if event == "deleted":
            index.remove(record.key)
        else:
            index.add(record.key, record.kind, record.values, record.opportunity)

    def _on_change(self, event: str, record: Record) -> None:
        with self._lock:  # changes may arrive from the thread that saves
            if self._ready.is_set() and not self._holding:
                self._apply(self.index, event, record)
            else:
                self._pending.append((event, record))

    def search(self, text: str, limit: int = 20, kinds: Iterable[str] | None = None) -> list[Hit]:
        return self.search_counted(text, limit, kinds)[0]

    def search_counted(
        self, text: str, limit: int = 20, kinds: Iterable[str] | None = None
    ) -> tuple[list[Hit], int]:
        """The best `limit` hits, and how many records were found in all."""
        with self._lock:
            if not self._ready.is_set():
                return [], 0
            return self.index.search_counted(text, limit=limit, kinds=kinds)

    def opportunity_name(self, hit: Hit) -> str:
        if hit.opportunity is None:
            return ""
        try:
            return self.workspace.get(OPPORTUNITY.name, hit.opportunity).values["company"]
        except KeyError:
            return ""
