"""Reading a workspace: records checked against their kind and kept once read, the records
they link to, the opportunities and the one in view, and the settings."""

from __future__ import annotations

import threading
from itertools import islice
from typing import Any

from .collector import LONG_LIVED, collector_paused
from .kinds import OPPORTUNITY, STORY_KIND, Kind, kind
from .record import CREATED_KEY, OPP_KEY, UPDATED_KEY, NotFound, Record, by_id
from .storage import RAW_KEY
from .validation import check_stored, said_of
from .workspace_file import Reading, WorkspaceFile, locked


class WorkspaceReads(WorkspaceFile):
    """The reading half of a Workspace: nothing here changes the file."""

    def _record(self, k: Kind, doc: dict, doc_id: int) -> Record:
        """A record as stored, checked against its kind: one that does not fit is returned
        damaged, with safe values and its stored text, never raising."""
        seen = self._seen.get((k.name, doc_id))
        if seen is not None and seen[0] == doc:
            return seen[1]
        if RAW_KEY in doc:
            values, problems = {f.name: f.empty for f in k.fields}, {"": "it is not a record"}
            raw: dict[str, Any] = {"stored": doc[RAW_KEY]}
        else:
            values, problems = check_stored(k, doc)
            raw = {key: v for key, v in doc.items() if not key.startswith("_")} if problems else {}
        opp = doc.get(OPP_KEY)
        if opp is not None and (isinstance(opp, bool) or not isinstance(opp, int)):
            problems[""] = "it names no opportunity it belongs to"
            opp = None
        stamps = [doc.get(key) for key in (CREATED_KEY, UPDATED_KEY)]
        created, updated = (v if isinstance(v, str) else "" for v in stamps)
        notes = tuple(
            said_of(k.field(name), problem) if name else problem
            for name, problem in problems.items()
        )
        record = Record(k, doc_id, values, opp, created, updated, notes, raw)
        self._seen[(k.name, doc_id)] = (doc, record)  # TinyDB hands out copies
        return record

    def all_records(self, kind_name: str) -> list[Record]:
        """Every record of a kind, whichever opportunity it belongs to.

        Read once, then kept: a change reads again only the records it touched. The first
        reading of a large kind is made without holding the lock, so the screen's reads of
        other kinds, and saves, need not wait for it."""
        k = kind(kind_name)
        with self._guard:
            table: dict[str, Any] | None = (self.storage.read() or {}).get(k.name)
            if not table:
                return []
            kept = self._lists.get(k.name)
            if kept is not None and kept[0] is table:
                records, dirty = kept[1], kept[2]
                added = []
                for key in dirty:
                    doc = table.get(key)
                    if doc is None:
                        records.pop(key, None)
                    else:  # a copy, as TinyDB hands out: changes in place are then seen
                        if key not in records:
                            added.append(key)
                        records[key] = self._record(k, dict(doc), int(key))
                dirty.clear()
                if added and not _at_the_end(records, table, len(added)):
                    records = {key: records[key] for key in table}  # in the table's order
                    self._lists[k.name] = (table, records, dirty)
                return list(records.values())
            under_way = self._reading.get(k.name)
            if under_way is None:
                mine = self._reading[k.name] = Reading()
                items = list(table.items())
            else:
                under_way.waiters += 1
                if threading.get_ident() == self.screen_thread:
                    under_way.screen_waits = True
        if under_way is not None:
            # another thread is reading this kind the first time: wait for it rather than
            # read every record a second time beside it, then take what it kept
            under_way.done.wait()
            return self.all_records(kind_name)
        try:
            return self._first_read(k, table, items, mine)
        finally:
            with self._guard:
                del self._reading[k.name]
            mine.done.set()

    def _first_read(
        self, k: Kind, table: dict, items: list[tuple[str, Any]], mine: Reading
    ) -> list[Record]:
        while True:
            read: dict[str, Record] = {}
            # what is read lives as long as the workspace: set aside from the collector's
            # full walks, which would otherwise pass over the growing records again and
            # again, each holding up every thread (the screen's too) for a tenth of a second
            with collector_paused(freeze_past=LONG_LIVED):
                for n, (key, doc) in enumerate(items):
                    read[key] = self._record(k, dict(doc), int(key))
                    # no pause while the screen's thread waits for this reading
                    if n % 512 == 511 and self.pause is not None and not mine.screen_waits:
                        self.pause()
            with self._guard:
                now = (self.storage.read() or {}).get(k.name)
                if now is not None and now is table:  # not changed meanwhile
                    self._lists[k.name] = (now, read, set())
                    return list(read.values())
                if not now:
                    return []
                table, items = now, list(now.items())

    @property
    def screen_waits(self) -> bool:
        """Whether the screen's own thread waits for a reading under way on another."""
        return any(r.screen_waits for r in list(self._reading.values()))

    def unread(self, kind_name: str) -> int:
        """How many records of a kind `all_records` would still read and check: all of them
        before the first reading, then those changed since (0: it answers at once)."""
        name = kind(kind_name).name
        with self._guard:
            table = (self.storage.read() or {}).get(name)
            if not table:
                return 0
            kept = self._lists.get(name)
            if kept is not None and kept[0] is table:
                return len(kept[2])
            return len(table)

    def scoped_records(self, kind_name: str, opportunity: int | None = None) -> list[Record]:
        """The records of a kind that one opportunity sees: for a kind that belongs to an
        opportunity only those of `opportunity` (default: the active one); a bank whole."""
        k = kind(kind_name)
        records = self.all_records(kind_name)
        if k.scoped:
            opp = self.active_id if opportunity is None else opportunity
            records = [r for r in records if r.opportunity == opp]
        return records

    @locked
    def get(self, kind_name: str, record_id: int) -> Record:
        k = kind(kind_name)
        doc = self.db.table(k.name).get(doc_id=record_id)
        if doc is None:
            raise NotFound(f"no {k.label.lower()} with id {record_id}")
        return self._record(k, doc, record_id)

    @locked
    def count(self, kind_name: str) -> int:
        return len(self.db.table(kind(kind_name).name))

    @locked
    def stories_for(self, record: Record) -> dict[int, Record]:
        """The stories a record links to, by id: less work than every story."""
        ids = set(record.kind.story_ids(record.values))
        table = self.db.table("story")
        docs = {i: table.get(doc_id=i) for i in ids}
        return {i: self._record(STORY_KIND, d, i) for i, d in docs.items() if isinstance(d, dict)}

    @locked
    def links_for(self, record: Record) -> dict[str, dict[int, Record]]:
        """The records a record's other links point to (its round, planned questions...),
        by kind and id."""
        from .kinds import REF, REFS

        found: dict[str, dict[int, Record]] = {}
        for f in record.kind.fields:
            if f.type not in (REF, REFS):
                continue
            ids = [record[f.name]] if f.type == REF else list(record[f.name])
            target = kind(f.target)
            table = self.db.table(target.name)
            for i in ids:
                doc = table.get(doc_id=i) if isinstance(i, int) else None
                if isinstance(doc, dict):
                    found.setdefault(target.name, {})[i] = self._record(target, doc, i)
        return found

    def stories_by_id(self) -> dict[int, Record]:
        return by_id(self.all_records("story"))

    # -- opportunities -------------------------------------------------------------------
    def opportunities(self) -> list[Record]:
        return self.all_records(OPPORTUNITY.name)

    @property
    @locked
    def active_id(self) -> int | None:
        active = self._meta().get("active")
        if isinstance(active, bool) or not isinstance(active, int):
            active = None
        if active is not None and self.db.table(OPPORTUNITY.name).contains(doc_id=active):
            return active
        first = self.db.table(OPPORTUNITY.name).all()
        return first[0].doc_id if first else None

    @property
    def active(self) -> Record | None:
        active = self.active_id
        return None if active is None else self.get(OPPORTUNITY.name, active)

    @locked
    def setting(self, name: str, default: str = "") -> str:
        """A workspace setting, such as the signature under thank-you notes."""
        value = self._meta().get(name)
        return value if isinstance(value, str) else default


def _at_the_end(records: dict[str, Record], table: dict[str, Any], count: int) -> bool:
    """Whether the `count` records just added to `records` (kept in the table's order until
    now) are the table's last ones, and put them in its order: then all are in the table's
    order without going over every record again (a new record is saved at the end)."""
    last = list(islice(reversed(table), count))[::-1]
    if set(last) != set(islice(reversed(records), count)):
        return False
    for key in last:  # the newest last, as in the table
        records[key] = records.pop(key)
    return True
