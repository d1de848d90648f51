"""Builds the sample workspace behind `--demo` from `content/demo/workspace.toml`."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import datetime
from pathlib import Path

from . import clock
from .after_save import after_save
from .content import load_toml
from .demo_cache import demo_path, moment, resolve_time
from .kinds import KINDS, OPPORTUNITY, REF, REFS
from .note_follow import follow
from .repository import Workspace

# what a record links to comes before it: an interviewer names a round and an insight
ORDER = (
    "opportunity",
    "story",
    "question",
    "practice",
    "insight",
    "round",
    "interviewer",
    "asked",
    "asked_them",
)


def build_demo(path: Path, now: datetime | None = None, durable: bool = True) -> Workspace:
    """Write the sample workspace to `path` (which should not exist yet) and open it.
    A throw-away copy (`durable` False) never waits for the disk to confirm a save."""
    now = now or clock.now()
    data = load_toml("demo/workspace.toml")
    ws = Workspace(path)
    ws.storage.durable = durable
    opp_ids: dict[str, int] = {}
    # records by (kind, opportunity or None, title): links in the file name their target
    ids: dict[tuple[str, int | None, str], int] = {}
    round_people: dict[tuple[int, str], int] = {}  # (round id, name): interviewer id
    story_ids: dict[str, int] = {}  # stories by title
    order = list(ORDER) + [k for k in KINDS if k not in ORDER and KINDS[k].strategy >= 0]
    # the practice bank was filled in before the first round: its scorecard counts them
    bank_since = moment(data.get("bank_since", ""), now) or now

    def link(target: str, opp: int | None, title: str, round_id: int | None = None) -> int:
        if target == "interviewer" and (round_id, title) in round_people:
            return round_people[(round_id or 0, title)]
        scope = opp if KINDS[target].scoped else None
        return ids[(target, scope, title)]

    with ws.batch():
        ws.set_setting("signature", data.get("signature", ""))  # the notes are signed
        for kind_name in order:
            k = KINDS[kind_name]
            added = []
            for raw in data.get(kind_name, []):
                values = dict(raw)
                opp_name = values.pop("opportunity", None)
                opp = opp_ids[opp_name] if k.scoped else None
                links_round = any(f.name == "round" and f.type == REF for f in k.fields)
                round_name = values.get("round") if links_round else None
                round_id = ids[("round", opp, round_name)] if round_name else None
                for f in k.fields:
                    value = values.get(f.name)
                    if f.behaviour.is_time and isinstance(value, str) and value[:1] == "@":
                        values[f.name] = resolve_time(value, now)
                    elif f.type == REF and value:
                        values[f.name] = link(f.target, opp, value, round_id)
                    elif f.type == REFS and value:
                        values[f.name] = [link(f.target, opp, t, round_id) for t in value]
                    elif f.name in values:
                        values[f.name] = f.behaviour.relink(value, story_ids)
                stamped = clock.held(bank_since) if kind_name == "practice" else nullcontext()
                with stamped:
                    record = ws.add(kind_name, values, opportunity=opp)
                ids.setdefault((kind_name, opp, record.title), record.id)
                if k is OPPORTUNITY:
                    opp_ids[record.values["company"]] = record.id
                elif kind_name == "story":
                    story_ids[record.title] = record.id
                elif kind_name == "interviewer" and record["round"] is not None:
                    round_people[(record["round"], record.title)] = record.id
                added.append(record)
            # after the whole kind: a panelist's note names the others of the panel
            if kind_name in ("interviewer", "asked", "asked_them"):
                for record in added:
                    after_save(ws, ws.get(kind_name, record.id), None)
        ws.set_active(opp_ids[data["active"]])
        for interviewer in ws.all_records("interviewer"):
            follow(ws, interviewer)
        _add_attempts(ws, data.get("attempt", []), now)
    return ws


def _add_attempts(ws: Workspace, attempts: list[dict], now: datetime) -> None:
    """Rehearsal attempts of the sample, each naming its item by title."""
    for raw in attempts:
        values = dict(raw)
        item_kind = next(
            name for name in ("practice", "story", "concern", "insight") if name in values
        )
        title = values.pop(item_kind)
        item = next(r for r in ws.all_records(item_kind) if r.kind.title_of(r.values) == title)
        values["item"] = f"{item_kind}:{item.id}"
        values["started"] = resolve_time(values["started"], now)
        ws.add("attempt", values)


def now_specs() -> list[str]:
    """Every '@now...' time of the sample, once each: what follows the clock to the minute."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str) and value.startswith("@now"):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(load_toml("demo/workspace.toml"))
    return sorted(found)


__all__ = ["build_demo", "demo_path", "now_specs", "resolve_time"]
