"""Reading a JSON export (or a backup copy of a workspace file) back: every record, setting
and link checked before anything is written, and a refusal that names what is wrong."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from . import references, storage
from .backups import keep_aside, make_backup
from .export_shape import FORMAT, SETTINGS, damaged_documents, document_as_export
from .file_check import WorkspaceFileError, link_loop, load_document
from .file_lock import FileLock, Timeout
from .kinds import KINDS, OPPORTUNITY
from .migrations import ASKED_BY_ROUND, LEGACY_QUESTION_FIELDS, practised_in_export
from .output_file import not_regular
from .private import FILE_MODE, make_private_dir
from .record import CREATED_KEY, OPP_KEY, UPDATED_KEY
from .storage import escape_surrogates
from .validation import ValidationError, validate
from .workspace_file import META, SCHEMA_VERSION
from .writable import lock_refusal, write_refusal


class ImportProblem(ValueError):
    """A file that cannot be imported; the message names the record and field at fault."""


# What an export holds of each record; anything else beside them is refused, not dropped.
RECORD_KEYS = frozenset({"id", "opportunity", "created", "updated", "values"})


def _fail(message: str) -> ImportProblem:
    return ImportProblem(f"Nothing was imported: {message}")


def _legacy_fields(name: str, schema: int, values: dict, where: str) -> dict[str, Any]:
    """A question of an export of schema 4 or older holds its own "asked" flag and "answer
    heard": checked and taken out of `values`, for the migration to move them to a round."""
    if name != "question" or schema >= ASKED_BY_ROUND:
        return {}
    legacy = {key: values.pop(key) for key in LEGACY_QUESTION_FIELDS if key in values}
    if not isinstance(legacy.get("asked", False), bool):
        raise _fail(f"{where}, field 'Asked in this round': should be true or false")
    if not isinstance(legacy.get("answer", ""), str):
        raise _fail(f"{where}, field 'The answer you heard': should be text")
    return legacy


def check_import(text: str, old_links: bool = False, stored: bool = False) -> dict:
    """Check a JSON export completely; return the TinyDB document it stands for. `old_links`:
    a file of a schema before links to deleted records were cleared may hold some (the
    workspace takes them out when it opens it) instead of being refused for them. `stored`:
    the records were saved before (a backup), so a time the clocks show twice that does not
    say which is kept as it was (read as the first) rather than refused."""
    from .file_check import duplicate_key_error, pairs_once

    text = text.removeprefix("\ufeff")  # a byte order mark an editor put first
    try:
        data = json.loads(text, object_pairs_hook=pairs_once)
    except json.JSONDecodeError as exc:
        raise _fail(f"the file is not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise _fail("the file is nested too deeply to be an export") from None
    except ValueError as exc:  # a key that appears twice would hide a record
        raise _fail(duplicate_key_error(exc, text)) from None
    if (
        isinstance(data, dict)
        and "format" not in data
        and data
        and set(data) <= set(KINDS) | {META}
    ):
        data = document_as_export(data)  # a backup copy of a workspace file
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(
            "the file is not a Final Round export (made with `finalround export "
            "--format json`) nor a backup of a workspace file"
        )
    schema = data.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 0:
        raise _fail(f"the file's schema number ({json.dumps(schema)}) is not valid")
    if schema > SCHEMA_VERSION:
        raise _fail(
            f"the file was written by a newer Final Round (schema {schema}); "
            "update Final Round first"
        )
    records = data.get("records")
    if not isinstance(records, dict):
        raise _fail("the file has no 'records' section")
    if schema < 3:  # 'Practised out loud' became rehearsal attempts
        practised_in_export(records)
    unknown = sorted(set(records) - set(KINDS))
    if unknown:
        raise _fail(f"unknown record kind {unknown[0]!r}")
    document: dict[str, dict] = {}
    ids: dict[str, set[int]] = {}
    for name, items in records.items():
        k = KINDS[name]
        if not isinstance(items, list):
            raise _fail(f"'{name}' should be a list of records")
        table: dict[str, dict] = {}
        for position, item in enumerate(items, 1):
            where = f"{k.label.lower()} number {position}"
            if not isinstance(item, dict):
                raise _fail(f"{where} is not a record")
            rid = item.get("id")
            if isinstance(rid, bool) or not isinstance(rid, int) or rid < 1:
                raise _fail(f"{where} has no valid id")
            where = f"{k.label.lower()} id {rid}"
            if str(rid) in table:
                raise _fail(f"{where} appears twice")
            outside = [key for key in item if key not in RECORD_KEYS]
            if outside:
                raise _fail(
                    f"{where} holds {outside[0]!r} beside its values: Final Round keeps no "
                    "such thing on a record, and would lose it. If it is one of the "
                    "record's fields, put it among the record's 'values'; else take it out "
                    "of the file (or keep a copy of the file for it); then import again"
                )
            values = item.get("values")
            if not isinstance(values, dict):
                raise _fail(f"{where} has no values")
            legacy = _legacy_fields(name, schema, values, where)
            unknown_fields = sorted(set(values) - {f.name for f in k.fields})
            if unknown_fields:
                raise _fail(f"{where}: unknown field {unknown_fields[0]!r}")
            try:
                clean = validate(k, values, kept=values if stored else None)
            except ValidationError as exc:
                field, problem = next(iter(exc.errors.items()))
                raise _fail(f"{where}, field '{k.field(field).named}': {problem}") from None
            opp = item.get("opportunity")
            if k.scoped:
                if isinstance(opp, bool) or not isinstance(opp, int):
                    raise _fail(f"{where} does not say which opportunity it belongs to")
            elif opp is not None:
                raise _fail(f"{where} should not belong to an opportunity")
            stamps = {key: item.get(key) or "" for key in ("created", "updated")}
            if not all(isinstance(v, str) for v in stamps.values()):
                raise _fail(f"{where} has a malformed created or updated time")
            table[str(rid)] = {
                **clean,
                **legacy,  # moved to a round when the workspace opens the file
                OPP_KEY: opp if k.scoped else None,
                CREATED_KEY: stamps["created"],
                UPDATED_KEY: stamps["updated"],
            }
        document[name] = table
        ids[name] = {int(i) for i in table}
    # damaged records go back as they were stored: the workspace opens them damaged again
    kept_damaged = damaged_documents(data.get("damaged"), document)
    for name, table in kept_damaged.items():
        ids.setdefault(name, set()).update(int(i) for i in table)
    for name, table in document.items():
        if KINDS[name].scoped:
            for rid, doc in table.items():
                if doc[OPP_KEY] not in ids.get(OPPORTUNITY.name, set()):
                    raise _fail(
                        f"{KINDS[name].label.lower()} id {rid} belongs to opportunity "
                        f"{doc[OPP_KEY]}, which is not in the file"
                    )
    if not (old_links and schema < references.LINKS_CLEARED):
        _check_links(document, ids, schema)
    for name, table in kept_damaged.items():
        document.setdefault(name, {}).update(table)
    # an older export keeps its schema: the workspace brings it up to date when it opens
    document[META] = {"1": {"schema": max(schema, 1), **_settings(data, ids)}}
    marks = references.merged(references.read_marks(data), references.document_marks(document))
    if marks:
        document[META][str(references.MARKS_ID)] = references.marks_record(marks)
    return document


def _settings(data: dict, ids: dict[str, set[int]]) -> dict[str, Any]:
    """The settings of an export, checked: a setting that is not what the app writes stops
    the import with its name, rather than being dropped without a word."""
    settings = data.get("settings")
    if settings is None:
        settings = {}
    if not isinstance(settings, dict):
        raise _fail("'settings' should be an object of the workspace's settings")
    active = settings.get("active")
    if active is not None and (isinstance(active, bool) or not isinstance(active, int)):
        raise _fail(f"the setting 'active' should be an opportunity's id, not {active!r}")
    if active is not None and active not in ids.get(OPPORTUNITY.name, set()):
        raise _fail(f"the setting 'active' names opportunity {active}, which is not in the file")
    kept: dict[str, Any] = {"active": active, "signature": ""}
    for name in SETTINGS:
        value = settings.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise _fail(f"the setting {name!r} should be text, not {value!r}")
        kept[name] = value
    return kept


def _check_links(document: dict[str, dict], ids: dict[str, set[int]], schema: int) -> None:
    """Refuse a link to a record the file does not hold, or to another opportunity's round or
    interviewer, naming the record and field."""
    missing = references.missing_link(document, ids)
    if missing is not None and schema < references.LINKS_CLEARED:
        missing += (
            " (if an older Final Round left it behind when that record was deleted, "
            "`finalround restore FILE` brings the file back and clears such links)"
        )
    problem = missing or references.foreign_link(document)
    if problem is not None:
        raise _fail(problem)


def import_json(
    text: str, path: Path, replace: bool = False, take_lock: bool = True
) -> dict[str, int]:
    """Write an export (or a backup copy of a workspace file) into the workspace file at
    `path`, after checking all of it. An existing workspace with records is only replaced
    when `replace` is set, and a copy of it is kept beside it."""
    document = check_import(text)
    loop = link_loop(path)
    if loop is not None:  # else the link would be replaced by a file
        raise _fail(loop)
    real = Path(os.path.realpath(path))
    refused = not_regular(real) or write_refusal(real) or lock_refusal(real)
    if refused:  # a file made read-only, or a folder that takes no new file
        raise _fail(refused)
    if not take_lock:
        return _write_import(document, path, replace)
    path = Path(os.path.realpath(path))
    make_private_dir(path.parent)
    lock = FileLock(str(path) + ".lock", mode=FILE_MODE)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise _fail(
            f"{path} is open in another Final Round; close it there and import again"
        ) from None
    try:
        return _write_import(document, path, replace)
    finally:
        lock.release()


def _write_import(document: dict, path: Path, replace: bool) -> dict[str, int]:
    try:
        current = load_document(path)
    except WorkspaceFileError:
        if not replace:
            raise _fail(
                f"{path} cannot be read. Add --replace to write over it "
                "(the damaged file is kept aside), or use `finalround restore`"
            ) from None
        keep_aside(path, "damaged")
        current = None
    if current and any(current.get(name) for name in KINDS) and not replace:
        raise _fail(
            f"{path} already holds a workspace. Import into a new file with "
            "--db NEW_PATH, or add --replace to overwrite it (a copy of the current "
            "file is kept beside it)"
        )
    if current and replace:
        make_backup(path, reason="before-import")
    if current:  # the ids the file gave stay given
        references.keep_marks(document, current)
    make_private_dir(path.parent)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    storage.atomic_write_text(path, escape_surrogates(text))  # half an emoji stays as it was stored
    return {name: len(document.get(name, {})) for name in KINDS if document.get(name)}
