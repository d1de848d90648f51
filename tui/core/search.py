"""Search over one workspace: its records and the starter questions, kept current on change."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from .kinds import KINDS, OPPORTUNITY
from .repository import Record, Workspace
from .search_index import Hit, SearchIndex
from .starters import STARTER_KINDS, starters


class WorkspaceSearch:
    """Builds the index once, then follows the workspace's added, updated and deleted records."""

    def __init__(self, workspace: Workspace, with_starters: bool = True) -> None:
        self.workspace = workspace
        self._lock = threading.Lock()
        self.index = SearchIndex()
        self.index.add_many(
            (r.key, r.kind, r.values, r.opportunity)
            for name in KINDS
            for r in workspace.all_records(name)
        )
        if with_starters:
            self.index.add_many(
                ((kind_name, number), STARTER_KINDS[kind_name], values, None)
                for (kind_name, number), values in starters().items()
            )
        workspace.subscribe(self._on_change)

    def _add(self, record: Record) -> None:
        self.index.add(record.key, record.kind, record.values, record.opportunity)

    def _on_change(self, event: str, record: Record) -> None:
        with self._lock:  # changes may arrive from the thread that saves
            if event == "deleted":
                self.index.remove(record.key)
            else:
                self._add(record)

    def search(self, text: str, limit: int = 20, kinds: Iterable[str] | None = None) -> list[Hit]:
        with self._lock:
            return self.index.search(text, limit=limit, kinds=kinds)

    def opportunity_name(self, hit: Hit) -> str:
        if hit.opportunity is None:
            return ""
        try:
            return self.workspace.get(OPPORTUNITY.name, hit.opportunity).values["company"]
        except KeyError:
            return ""
