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
        # changes seen before the index is built: applied to it once it is
        self._pending: list[tuple[str, Record]] = []
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
        # the index lives as long as the workspace (see collector_paused)
        with collector_paused(freeze_past=LONG_LIVED):
            records = [
                r for name in KINDS if searched(name) for r in self.workspace.all_records(name)
            ]
            items: list = [(r.key, r.kind, r.values, r.opportunity) for r in records]
            if self.with_starters:
                items += [
                    ((kind_name, number), STARTER_KINDS[kind_name], values, None)
                    for (kind_name, number), values in starters().items()
                ]
            index, packed = self._made(items, pause)
        with self._lock:
            for event, record in self._pending:
                self._apply(index, event, record)
            self._pending.clear()
            self.index = index
            self._ready.set()
        if packed is not None:
            index_cache.write(*packed)

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
            if self._ready.is_set():
                self._apply(self.index, event, record)
            else:
                self._pending.append((event, record))

    def search(self, text: str, limit: int = 20, kinds: Iterable[str] | None = None) -> list[Hit]:
        with self._lock:
            if not self._ready.is_set():
                return []
            return self.index.search(text, limit=limit, kinds=kinds)

    def opportunity_name(self, hit: Hit) -> str:
        if hit.opportunity is None:
            return ""
        try:
            return self.workspace.get(OPPORTUNITY.name, hit.opportunity).values["company"]
        except KeyError:
            return ""
