"""Damaged records in a JSON export: written as they were stored, and put back as they were by
an import, so the workspace opens them damaged again instead of losing them."""

from __future__ import annotations

from typing import Any

from .kinds import KINDS
from .record import CREATED_KEY, OPP_KEY, UPDATED_KEY, Record


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
