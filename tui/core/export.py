"""The workspace as files: a JSON backup (read back by json_import), a Markdown prep brief, a
calendar."""

from __future__ import annotations

import json

from . import clock
from .calendar_export import calendar_ics
from .export_shape import FORMAT, SETTINGS, damaged_entry
from .formatting import Links
from .json_import import ImportProblem, check_import, import_json
from .kinds import KINDS
from .record import Record
from .repository import Workspace
from .storage import escape_surrogates
from .validation import ValidationError, validate
from .workspace_file import SCHEMA_VERSION

# the JSON import lives in json_import; its names are read from here too
__all__ = [
    "ImportProblem",
    "brief_markdown",
    "calendar_ics",
    "check_import",
    "import_json",
    "to_json",
]


# -- JSON backup ---------------------------------------------------------------------------
def to_json(ws: Workspace) -> str:
    """The whole workspace. A damaged record keeps its stored text in 'damaged', and is among
    the records too when what could be read of it is a valid record."""
    records: dict[str, list[dict]] = {}
    damaged: list[dict] = []
    for name in KINDS:
        records[name] = []
        for r in ws.all_records(name):
            if r.damaged:
                damaged.append(damaged_entry(r))
                try:
                    validate(r.kind, r.values, kept=r.values)
                except ValidationError:
                    continue
            records[name].append(
                {
                    "id": r.id,
                    "opportunity": r.opportunity,
                    "created": r.created,
                    "updated": r.updated,
                    "values": r.values,
                }
            )
    data = {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "exported_at": clock.now().strftime("%Y-%m-%d %H:%M:%S"),
        "settings": {
            "active": ws.active_id,
            **{
                name: ws.setting(name)
                for name in SETTINGS
                if ws.setting(name) or name == "signature"
            },
        },
        # each kind's highest id ever given: an import goes on above it
        "last_ids": ws.last_ids(),
        "records": records,
    }
    if damaged:
        data["damaged"] = damaged
    # half an emoji in a damaged record stays as it was, escaped
    return escape_surrogates(json.dumps(data, ensure_ascii=False, indent=1)) + "\n"


# -- Markdown prep brief -------------------------------------------------------------------
def _bullet(
    record: Record,
    stories: dict[int, Record],
    skip_title: bool = True,
    links: Links | None = None,
) -> list[str]:
    from .formatting import NOTE_FIELDS, detail_lines, state_text

    state = state_text(record)
    head = f"- **{record.title}**" + (f" — {state}" if state else "")
    lines = [head]
    skip = NOTE_FIELDS | ({record.kind.title_field} if skip_title else set())
    for label, text in detail_lines(record, stories, skip=skip, links=links):
        body = text.replace("\n", "\n    ")
        lines.append(f"  - {label}: {body}")
    return lines


def find_opportunity(ws: Workspace, name: str | None) -> Record:
    if not name:
        if ws.active is None:
            raise ValueError("The workspace has no opportunity yet.")
        return ws.active
    wanted = name.strip().lower()
    opportunities = ws.opportunities()
    for opp in opportunities:  # the exact company, or its id
        if wanted in (opp.values["company"].lower(), str(opp.id)):
            return opp
    close = [
        o for o in opportunities if wanted in f"{o.values['company']} {o.values['role']}".lower()
    ]
    if len(close) == 1:
        return close[0]
    names = ", ".join(o.values["company"] for o in opportunities) or "none"
    problem = "matches more than one" if close else "matches no"
    raise ValueError(f"{name!r} {problem} opportunity. Opportunities: {names}.")


def brief_markdown(ws: Workspace, opportunity: Record) -> str:
    from . import readiness
    from .content import strategies
    from .interview import interview_line
    from .job_description import brief_lines
    from .kinds import kinds_of_strategy

    opp_id = opportunity.id
    v = opportunity.values
    stories = ws.stories_by_id()
    snap = readiness.Snapshot(ws, opportunity=opp_id)
    out = [f"# Prep brief: {v['company']} — {v['role']}", ""]
    out += [f"{interview_line(ws, opportunity)} · status: {v['status']}", ""]
    aged = {"research": snap.research_marks()}  # notes too old to count as recent
    used: list[int] = []
    for name in ("requirement", "value_match", "concern", "practice", "interviewer"):
        for r in ws.scoped_records(name, opp_id):
            used += r.kind.story_ids(r.values)
    used = list(dict.fromkeys(s for s in used if s in stories))
    for st in strategies():
        out += [f"## {st.number} · {st.title}", "", st.summary, ""]
        checks = readiness.checklist(ws, st.number, snap)
        out += [f"- [{'x' if c.done else ' '}] {c.text}" for c in checks if c.done is not None]
        out.append("")
        for k in kinds_of_strategy(st.number):
            if k.name == "story":
                chosen = [stories[i] for i in used] or list(stories.values())
                heading = "Stories this opportunity uses" if used else "Stories"
                out += [f"### {heading} ({len(chosen)})", ""]
                for r in chosen:
                    out += _bullet(r, stories)
                others = [s for s in stories.values() if used and s.id not in used]
                if others:
                    out += ["", "Other stories in your bank: " + "; ".join(s.title for s in others)]
                out.append("")
                continue
            records = ws.scoped_records(k.name, opp_id) if k.scoped else ws.all_records(k.name)
            if k.name == "question":
                order = {"high": 0, "medium": 1, "low": 2}
                records.sort(key=lambda r: order.get(r["priority"], 3))
            out += [f"### {k.plural} ({len(records)})", ""]
            if not records:
                out += ["(none yet)", ""]
            for r in records:
                lines = _bullet(r, stories, links=ws.links_for(r))  # its round, whom...
                if r.id in aged.get(k.name, {}):
                    lines[0] += f" · {aged[k.name][r.id]}"
                out += lines
                if k.has_note and r["draft_body"].strip():
                    out += ["", f"  Subject: {r['draft_subject']}", ""]
                    out += [
                        "  > " + line if line else "  >"
                        for line in r["draft_body"].rstrip().split("\n")
                    ]
                    out.append("")
            if records:
                out.append("")
            if k.name == "requirement":
                out += brief_lines(v["job_description"], [r["text"] for r in records])
    from .formatting import visible

    return visible("\n".join(out).rstrip() + "\n")
