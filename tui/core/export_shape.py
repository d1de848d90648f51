"""The shape of a JSON export: a workspace file read as one (a backup copy imported or restored),
and damaged records kept as they were stored, so an import brings them back damaged again."""

from __future__ import annotations

import re
from typing import Any

from .kinds import KINDS
from .record import CREATED_KEY, OPP_KEY, UPDATED_KEY, Record
from .validation import ValidationError, validate
from .workspace_file import META, SCHEMA_VERSION

FORMAT = "finalround-workspace"
# the keys a workspace file keeps beside a record's values
STORED_KEYS = frozenset({OPP_KEY, CREATED_KEY, UPDATED_KEY})


# The workspace's own settings that travel with an export or a backup: the signature under
# thank-you notes, the speaking pace, the theme and whether guidance shows.
SETTINGS = ("signature", "speaking_rate", "theme", "guidance")


def damaged_entry(record: Record) -> dict[str, Any]:
    """What an export keeps of a damaged record: its stored text and where it belongs."""
    return {
        "kind": record.kind.name,
        "id": record.id,
        "problems": list(record.problems),
        "stored": record.raw,
        "opportunity": record.opportunity,
        "created": record.created,
        "updated": record.updated,
    }


def damaged_documents(entries: Any, document: dict[str, dict]) -> dict[str, dict[str, Any]]:
    """The records of an export's "damaged" list that its checked records do not hold, by kind
    and id, as the workspace file stores them. What cannot be one is passed over."""
    found: dict[str, dict[str, Any]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or entry.get("kind") not in KINDS:
            continue
        name, rid = entry["kind"], entry.get("id")
        if isinstance(rid, bool) or not isinstance(rid, int) or rid < 1:
            continue
        key = str(rid)
        if key in document.get(name, {}) or key in found.get(name, {}):
            continue  # the record as it could be read is in the export
        stored = entry.get("stored")
        if isinstance(stored, dict):
            opp = entry.get("opportunity")
            stamps = [entry.get(k) for k in ("created", "updated")]
            stored = {
                **{k: v for k, v in stored.items() if not k.startswith("_")},
                OPP_KEY: opp if isinstance(opp, int) and not isinstance(opp, bool) else None,
                CREATED_KEY: stamps[0] if isinstance(stamps[0], str) else "",
                UPDATED_KEY: stamps[1] if isinstance(stamps[1], str) else "",
            }
        found.setdefault(name, {})[key] = stored
    return found


def damaged_in_copy(name: str, table: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The records of a workspace file's table `name` that do not fit their kind (the
    workspace opens them damaged), by key, as entries of an export's "damaged" list: a backup
    copy brings them back as they were instead of being refused for them."""
    kind = KINDS.get(name)
    if kind is None:
        return {}
    found: dict[str, dict[str, Any]] = {}
    for key, doc in table.items():
        if not key.isascii() or not key.isdigit():
            continue  # refused where the ids are checked
        if isinstance(doc, dict):
            try:
                values = {k: v for k, v in doc.items() if not k.startswith("_")}
                validate(kind, values, kept=values)  # stored: a time is not asked about again
                continue
            except ValidationError:
                pass
        stored = doc if isinstance(doc, dict) else {"stored": doc}
        found[key] = {
            "kind": name,
            "id": int(key),
            "stored": {k: v for k, v in stored.items() if not k.startswith("_")},
            "opportunity": stored.get(OPP_KEY),
            "created": stored.get(CREATED_KEY),
            "updated": stored.get(UPDATED_KEY),
        }
    return found


def document_as_export(doc: dict) -> dict:
    """A workspace file (as TinyDB writes it) in the shape of an export, to check it alike."""
    table = doc.get(META)
    meta: Any = (
        (table.get("1") or next(iter(table.values()), {})) if isinstance(table, dict) else {}
    )
    # the record after the meta keeps each kind's highest id ever given
    marks: Any = table.get("2") if isinstance(table, dict) else None
    if not isinstance(meta, dict):
        meta = {}
    records: dict[str, list] = {}
    damaged: list[dict] = []
    for name, table in doc.items():
        if name == META or not isinstance(table, dict):
            continue
        items = []
        bad = damaged_in_copy(name, table)  # put back as they were, damaged
        damaged += bad.values()
        for rid, item in table.items():
            if rid in bad:
                continue
            if not isinstance(item, dict):
                items.append(item)
                continue
            values = {k: v for k, v in item.items() if not k.startswith("_")}
            # a key of its own the workspace does not write: checked (refused) with the rest
            own = {k: v for k, v in item.items() if k.startswith("_") and k not in STORED_KEYS}
            items.append(
                {
                    "id": int(rid) if re.fullmatch("[0-9]+", str(rid)) else rid,
                    "opportunity": item.get(OPP_KEY),
                    "created": item.get(CREATED_KEY),
                    "updated": item.get(UPDATED_KEY),
                    "values": values,
                    **own,
                }
            )
        records[name] = items
    return {
        "format": FORMAT,
        "schema": meta.get("schema", SCHEMA_VERSION),
        "settings": {
            "active": meta.get("active"),
            "signature": "",
            # what the app would read of them: a setting it ignores stays ignored
            **{n: meta[n] for n in SETTINGS if isinstance(meta.get(n), str)},
        },
        "last_ids": marks.get("last_ids") if isinstance(marks, dict) else None,
        "records": records,
        "damaged": damaged,
    }
