"""What points at a record: the fields of other records naming it and the rehearsal attempts
at it, counted before a delete and cleared by it; and each table's highest id ever given."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from tinydb.table import Document

from .key_names import key_of
from .kinds import KINDS, STORY_KIND, Field, Kind
from .record import OPP_KEY
from .workspace_file import META

if TYPE_CHECKING:
    from .record import Record
    from .repository import Workspace

ATTEMPT = "attempt"  # attempts name their item as text: 'story:3' (see rehearsal.item_key)
# The _meta record keeping each table's highest id ever given (its first record is the meta):
# a new record's id goes above it, so an id freed by a delete never names another record.
MARKS_ID = 2
MARKS = "last_ids"
MARKS_KEY = (META, str(MARKS_ID))

# how a count of records reads where the kind's label would read oddly
_NOUNS = {
    "asked": ("debrief question", "debrief questions"),
    "asked_them": ("question you asked", "questions you asked"),
    "practice": ("practice question", "practice questions"),
    "question": ("question to ask", "questions to ask"),
    "value_match": ("values match", "values matches"),
    "feedback": ("feedback item", "feedback items"),
}


def pointing_fields(target: str) -> Iterator[tuple[Kind, Field]]:
    """Every field of every kind that names records of the kind `target`."""
    for k in KINDS.values():
        for f in k.fields:
            if f.behaviour.links_records and f.target == target:
                yield k, f
            elif f.behaviour.links_stories and target == STORY_KIND.name:
                yield k, f


def names(value: Any, record_id: int) -> bool:
    """True when a link field's stored value names the record `record_id`."""
    if isinstance(value, list):
        return any(type(v) is int and v == record_id for v in value)
    return type(value) is int and value == record_id


def without(value: Any, record_id: int) -> Any:
    """A link field's value with `record_id` taken out."""
    if isinstance(value, list):
        return [v for v in value if not (type(v) is int and v == record_id)]
    return None


def item_key(target: str, record_id: int) -> str:
    return f"{target}:{record_id}"


def _table(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    table = data.get(name)
    return table if isinstance(table, dict) else {}


def referrers(data: Mapping[str, Any], target: str, record_id: int) -> dict[str, list[int]]:
    """The records of the document `data` that point at record `record_id` of kind `target`,
    by kind, in the order of the tables: their fields, and the rehearsal attempts at it."""
    found: dict[str, list[int]] = {}
    for k, f in pointing_fields(target):
        for key, doc in _table(data, k.name).items():
            if isinstance(doc, dict) and names(doc.get(f.name), record_id):
                ids = found.setdefault(k.name, [])
                if int(key) not in ids:
                    ids.append(int(key))
    wanted = item_key(target, record_id)
    attempts = [int(key) for key, doc in _table(data, ATTEMPT).items() if _item(doc) == wanted]
    if attempts:
        found[ATTEMPT] = attempts
    return found


def _item(doc: Any) -> Any:
    return doc.get("item") if isinstance(doc, dict) else None


def count_phrase(name: str, count: int) -> str:
    """'2 interviewers', '1 debrief question'."""
    label = KINDS[name].label.lower()
    one, many = _NOUNS.get(name, (label, label + "s"))
    return f"{count} {one if count == 1 else many}"


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def delete_warning(found: dict[str, list[int]], target: Kind) -> str:
    """What a delete does to the records that point at a record of `target`: '2 interviewers
    and 1 concern refer to this round: they lose the link. Its 3 rehearsal attempts go
    with it.' ("" when nothing points at it)."""
    linked = [count_phrase(name, len(ids)) for name, ids in found.items() if name != ATTEMPT]
    total = sum(len(ids) for name, ids in found.items() if name != ATTEMPT)
    said = []
    if linked:
        verb = "refers" if total == 1 else "refer"
        they = "it loses" if total == 1 else "they lose"
        said.append(f"{_listed(linked)} {verb} to this {target.label.lower()}: {they} the link.")
    attempts = len(found.get(ATTEMPT, []))
    if attempts:
        said.append(f"Its {count_phrase(ATTEMPT, attempts)} go with it.")
    if said:
        said.append(f"{key_of('undo')} undoes the delete, links and all.")
    return " ".join(said)


def _strip(value: Any, ids: set[int]) -> Any:
    """A link field's value without the ids `ids`."""
    if isinstance(value, list):
        return [v for v in value if not (type(v) is int and v in ids)]
    return None if type(value) is int and value in ids else value


def clear(ws: Workspace, gone: Collection[tuple[str, int]]) -> tuple[list[Record], list[Record]]:
    """Inside a delete's batch, the records `gone` (kind, id) being deleted: every link to them
    taken out of the records that name them, and the rehearsal attempts at them removed.
    Returns the records that lost a link (as they were) and the attempts removed."""
    data = ws.storage.read() or {}
    targets: dict[str, set[int]] = {}
    for target, record_id in gone:
        targets.setdefault(target, set()).add(record_id)
    fields: dict[str, list[tuple[Field, set[int]]]] = {}
    for target, ids in targets.items():
        for k, f in pointing_fields(target):
            fields.setdefault(k.name, []).append((f, ids))
    changed: list[Record] = []
    for name, links in fields.items():
        table = ws.db.table(name)
        for key, doc in list(_table(data, name).items()):
            if not isinstance(doc, dict) or int(key) in targets.get(name, ()):
                continue
            changes: dict[str, Any] = {}
            for f, ids in links:
                value = changes.get(f.name, doc.get(f.name))
                stripped = _strip(value, ids)
                if stripped != value:
                    changes[f.name] = stripped
            if changes:
                changed.append(ws.get(name, int(key)))
                table.update(changes, doc_ids=[int(key)])
    keys = {item_key(target, record_id) for target, record_id in gone}
    attempts = [int(key) for key, doc in _table(data, ATTEMPT).items() if _item(doc) in keys]
    removed = [ws.get(ATTEMPT, i) for i in attempts]
    if attempts:
        ws.db.table(ATTEMPT).remove(doc_ids=attempts)
    return changed, removed


class Dangling(NamedTuple):
    """A link to a record that is not there: in record `key` of kind `name`, field `field`,
    to record `missing` of kind `target`."""

    name: str
    key: str
    field: Field
    target: str
    missing: int


def present_ids(data: Mapping[str, Any]) -> dict[str, set[int]]:
    """The ids each table of the document `data` holds."""
    return {
        name: {int(key) for key in _table(data, name) if key.isascii() and key.isdigit()}
        for name in KINDS
    }


def dangling(
    data: Mapping[str, Any], present: Mapping[str, set[int]] | None = None
) -> Iterator[Dangling]:
    """Every link of the document `data` to a record it does not hold (`present`: the ids
    there are, when not all of them are records of `data`), and every rehearsal attempt at
    such a record."""
    present = present_ids(data) if present is None else present
    for k in KINDS.values():
        links = [f for f in k.fields if f.behaviour.links_records or f.behaviour.links_stories]
        if not links:
            continue
        for key, doc in _table(data, k.name).items():
            if not isinstance(doc, dict):
                continue
            for f in links:
                target = f.target or STORY_KIND.name
                value = doc.get(f.name)
                for v in value if isinstance(value, list) else [value]:
                    if type(v) is int and v not in present.get(target, ()):
                        yield Dangling(k.name, key, f, target, v)
    item = KINDS[ATTEMPT].field("item")
    for key, doc in _table(data, ATTEMPT).items():
        target, _, number = str(_item(doc) or "").partition(":")
        if target in KINDS and number.isascii() and number.isdigit():
            if int(number) not in present.get(target, ()):
                yield Dangling(ATTEMPT, key, item, target, int(number))


LINKS_CLEARED = 7  # the schema from which a delete takes the links to its record away


def missing_link(document: Mapping[str, Any], ids: Mapping[str, set[int]]) -> str | None:
    """The first link of a document about to be imported (`ids`: the records it holds, by
    kind) to a record it does not hold, naming the record and field; None when there is none."""
    for d in dangling(document, ids):
        k, target = KINDS[d.name], KINDS[d.target]
        return (
            f"{k.label.lower()} id {d.key}, field '{d.field.named}': "
            f"{target.label.lower()} {d.missing} is not in the file"
        )
    return None


def foreign_link(document: Mapping[str, Any]) -> str | None:
    """The first link of a document to another opportunity's round or interviewer, naming
    the record and field; None when there is none."""
    for k in KINDS.values():
        links = [f for f in k.fields if f.behaviour.links_records and KINDS[f.target].scoped]
        if not k.scoped or not links:
            continue
        for key, doc in _table(document, k.name).items():
            for f in links:
                value = doc.get(f.name)
                for v in value if isinstance(value, list) else [value]:
                    linked = _table(document, f.target).get(str(v))
                    if not isinstance(linked, dict) or linked.get(OPP_KEY) == doc.get(OPP_KEY):
                        continue
                    return (
                        f"{k.label.lower()} id {key}, field '{f.named}': "
                        f"{KINDS[f.target].label.lower()} {v} belongs to opportunity "
                        f"{linked.get(OPP_KEY)}, not to the {k.label.lower()}'s opportunity "
                        f"{doc.get(OPP_KEY)}"
                    )
    return None


def clear_dangling(ws: Workspace) -> None:
    """Inside a change: links to records that are not there taken out, attempts at them
    removed, and each table's mark raised above every id they named, so that no record
    added later takes one of them. (Files written before deletes cleared links hold some.)"""
    data = ws.storage.read() or {}
    found = list(dangling(data))
    marks = document_marks(data)
    for d in found:
        marks[d.target] = max(marks.get(d.target, 0), d.missing)
    attempts = sorted({int(d.key) for d in found if d.name == ATTEMPT})
    if attempts:
        ws.db.table(ATTEMPT).remove(doc_ids=attempts)
    fixes: dict[tuple[str, str], dict[str, Any]] = {}
    for d in found:
        if d.name == ATTEMPT:
            continue
        changes = fixes.setdefault((d.name, d.key), {})
        value = changes.get(d.field.name, _table(data, d.name)[d.key].get(d.field.name))
        changes[d.field.name] = _strip(value, {d.missing})
    for (name, key), changes in fixes.items():
        ws.db.table(name).update(changes, doc_ids=[int(key)])
    set_marks(ws, marks)


# -- ids never given twice ---------------------------------------------------------------------
def read_marks(value: Any) -> dict[str, int]:
    """The marks kept in a _meta record (or an export), what of them is sound."""
    marks = value.get(MARKS) if isinstance(value, dict) else None
    if not isinstance(marks, dict):
        return {}
    return {
        name: n
        for name, n in marks.items()
        if name in KINDS and type(n) is int and n > 0  # a bool is no id
    }


def document_marks(data: Mapping[str, Any]) -> dict[str, int]:
    """Each table's highest id ever given, as the document `data` tells it: its marks, or the
    highest id it holds when that is higher."""
    marks = read_marks(_table(data, META).get(str(MARKS_ID)))
    for name in KINDS:
        ids = [int(key) for key in _table(data, name) if key.isascii() and key.isdigit()]
        if ids:
            marks[name] = max(marks.get(name, 0), max(ids))
    return marks


def merged(*marks: Mapping[str, int]) -> dict[str, int]:
    """The highest of each table's marks."""
    out: dict[str, int] = {}
    for one in marks:
        for name, n in one.items():
            out[name] = max(out.get(name, 0), n)
    return out


def marks_record(marks: Mapping[str, int]) -> dict[str, Any]:
    return {MARKS: dict(sorted(marks.items()))}


def set_marks(ws: Workspace, marks: Mapping[str, int]) -> None:
    """Keep `marks` (raised only, never lowered) in the workspace's _meta table."""
    table = ws.db.table(META)
    if not table.contains(doc_id=1):
        ws._set_meta()  # the meta comes first: it tells the file's schema
    kept = table.get(doc_id=MARKS_ID)
    now = merged(read_marks(kept), marks)
    if kept is None:
        table.insert(Document(marks_record(now), doc_id=MARKS_ID))
    elif dict(kept) != marks_record(now):
        table.update(marks_record(now), doc_ids=[MARKS_ID])


def insert_new(ws: Workspace, name: str, doc: dict[str, Any]) -> int:
    """Inside a change: add `doc` to table `name` under an id no record of it ever had."""
    table = ws.db.table(name)
    mark = read_marks(ws.db.table(META).get(doc_id=MARKS_ID)).get(name, 0)
    doc_id = max(table._get_next_id(), mark + 1)
    table.insert(Document(doc, doc_id=doc_id))
    table._next_id = doc_id + 1  # TinyDB forgets it after an insert by id: spare a scan
    set_marks(ws, {name: doc_id})
    return doc_id


def keep_marks(document: dict[str, Any], current: Mapping[str, Any]) -> None:
    """`document`, about to replace the workspace file `current`, keeps above every id either
    ever gave: an id the replaced file gave never names another record."""
    marks = merged(document_marks(document), document_marks(current))
    if marks:
        document.setdefault(META, {})[str(MARKS_ID)] = marks_record(marks)
