"""Two corpora of hostile input: odd workspace files (what a crash, a sync client, an editor
or an attacker can leave at the workspace path) and hostile imports (what can be handed to
`finalround import` or `restore`). Each entry: (name, how to make it in a folder)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from tui.core.repository import SCHEMA_VERSION

Maker = Callable[[Path], Path]
ESC = "\x1b"


def sound_document() -> dict:
    """A small workspace as Final Round writes it."""
    return {
        # the current schema: an older one is migrated (after a backup) when it is opened
        "_meta": {"1": {"schema": SCHEMA_VERSION, "active": 1, "signature": "Sam"}},
        "opportunity": {
            "1": {
                "company": "Acme",
                "role": "Engineer",
                "round": "final",
                "interview_at": "2026-03-14 09:30",
                "format": "video",
                "status": "preparing",
                "job_description": "",
                "notes": "",
                "_opportunity": None,
                "_created": "2026-03-01 10:00:00",
                "_updated": "2026-03-01 10:00:00",
            }
        },
        "story": {
            "1": {
                "title": "Cut build time",
                "situation": "Slow builds",
                "task": "",
                "action": "Cached",
                "result": "40% faster",
                "impact": "",
                "competencies": ["delivery"],
                "_opportunity": None,
                "_created": "",
                "_updated": "",
            }
        },
        "interviewer": {
            "1": {
                "name": "Dana",
                "title": "CTO",
                "ended_at": "2026-03-14 10:30",
                "draft_body": "Thank you",
                "draft_state": "draft",
                "_opportunity": 1,
                "_created": "",
                "_updated": "",
            }
        },
    }


def raw(data: bytes) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / "workspace.json"
        path.write_bytes(data)
        return path

    return make


def text(value: str) -> Maker:
    return raw(value.encode("utf-8"))


def doc(change: Callable[[dict], object]) -> Maker:
    """The sound document with one change made to it."""

    def make(folder: Path) -> Path:
        data = sound_document()
        change(data)
        path = folder / "workspace.json"
        path.write_text(
            json.dumps(data, ensure_ascii=False), encoding="utf-8", errors="surrogatepass"
        )
        return path

    return make


def set_in(table: str, rid: str, **values: object) -> Callable[[dict], object]:
    return lambda d: d[table][rid].update(values)


def special(kind: str) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / "workspace.json"
        if kind == "folder":
            path.mkdir()
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "dangling":
            path.symlink_to(folder / "nowhere.json")
        elif kind == "loop":
            path.symlink_to(folder / "loop.json")
            (folder / "loop.json").symlink_to(path)
        return path

    return make


whole = json.dumps(sound_document()).encode()

ODD_FILES: list[tuple[str, Maker]] = [
    # unreadable as a whole: reported, never opened, never changed
    ("empty", raw(b"")),
    ("blank", raw(b"  \n\t ")),
    ("null", text("null")),
    ("list", text("[]")),
    ("number", text("42")),
    ("string", text('"workspace"')),
    ("truncated", raw(whole[: len(whole) // 2])),
    ("cut at the end", raw(whole[:-1])),
    ("latin-1", raw('{"story": {"1": {"title": "Café"}}}'.encode("latin-1"))),
    ("utf-16", raw(json.dumps(sound_document()).encode("utf-16"))),
    ("utf-8 bom", raw(b"\xef\xbb\xbf" + whole)),
    ("nul bytes", raw(b"\x00" * 64)),
    ("binary", raw(bytes(range(256)) * 4)),
    ("duplicate id", text('{"story": {"1": {"title": "a"}, "1": {"title": "b"}}}')),
    ("duplicate field", text('{"story": {"1": {"title": "a", "title": "b"}}}')),
    ("1 and 01", text('{"story": {"1": {"title": "a"}, "01": {"title": "b"}}}')),
    ("id abc", text('{"story": {"abc": {"title": "a"}}}')),
    ("id -1", text('{"story": {"-1": {"title": "a"}}}')),
    ("table as list", text('{"story": [{"title": "a"}]}')),
    ("table as text", text('{"story": "x"}')),
    ("deep nesting", text("[" * 100_000 + "]" * 100_000)),
    ("future schema", doc(lambda d: d["_meta"]["1"].update(schema=99))),
    ("schema as text", doc(lambda d: d["_meta"]["1"].update(schema="1"))),
    ("other JSON", text('{"users": {"1": {"name": "x"}}}')),
    ("a folder", special("folder")),
    ("a pipe", special("fifo")),
    ("a symlink loop", special("loop")),
    # readable: the damaged records show as damaged, everything else works
    ("far-future end", doc(set_in("interviewer", "1", ended_at="9999-12-31 23:59"))),
    ("tags as number", doc(set_in("story", "1", competencies=5))),
    ("null note", doc(set_in("interviewer", "1", draft_body=None))),
    ("result as number", doc(set_in("story", "1", result=42))),
    ("title missing", doc(lambda d: d["story"]["1"].pop("title"))),
    ("record as number", doc(lambda d: d["story"].update({"2": 7}))),
    ("record as list", doc(lambda d: d["story"].update({"2": ["title", "x"]}))),
    ("record as text", doc(lambda d: d["story"].update({"2": "a story"}))),
    ("opportunity as text", doc(set_in("interviewer", "1", _opportunity="Acme"))),
    ("opportunity gone", doc(set_in("interviewer", "1", _opportunity=99))),
    ("link to a missing story", doc(set_in("interviewer", "1", story=99))),
    ("story link as text", doc(set_in("interviewer", "1", story="Cut build time"))),
    ("unknown choice", doc(set_in("opportunity", "1", round="fifth"))),
    (
        "flag as text",
        doc(
            lambda d: d.update(
                feedback={"1": {"said": "Why?", "addressed": "yes", "_opportunity": 1}}
            )
        ),
    ),
    (
        "impossible date",
        doc(
            lambda d: d.update(
                research={"1": {"headline": "x", "date": "2026-02-30", "_opportunity": 1}}
            )
        ),
    ),
    ("words for a time", doc(set_in("opportunity", "1", interview_at="tomorrow morning"))),
    ("PM past 12", doc(set_in("opportunity", "1", interview_at="2026-03-14 13:30 PM"))),
    ("text over the limit", doc(set_in("story", "1", result="x" * 250_000))),
    (
        "NaN and infinity",
        raw(whole.replace(b'"40% faster"', b"NaN").replace(b'"CTO"', b"Infinity")),
    ),
    ("active as list", doc(lambda d: d["_meta"]["1"].update(active=[1]))),
    ("active gone", doc(lambda d: d["_meta"]["1"].update(active=42))),
    ("meta as number", doc(lambda d: d.update(_meta={"1": 3}))),
    ("unknown table", doc(lambda d: d.update(plugins={"1": {"x": 1}}))),
    ("unknown field", doc(set_in("story", "1", secret_field=[1, 2]))),
    ("stamps as numbers", doc(set_in("story", "1", _created=5, _updated=None))),
    ("escape sequences", doc(set_in("story", "1", title=f"{ESC}]2;PWNED\x07{ESC}[2J title"))),
    ("lone surrogate", doc(set_in("story", "1", title="half \ud800 emoji"))),
    (
        "huge id",
        doc(lambda d: d["story"].update({"123456789012345678901234567890": {"title": "big"}})),
    ),
    ("deep value", doc(set_in("story", "1", impact=json.loads("[" * 500 + "]" * 500)))),
]

# -- hostile imports -------------------------------------------------------------------------


def export_document() -> dict:
    """A valid export, as `finalround export --format json` writes it."""
    return {
        "format": "finalround-workspace",
        "schema": SCHEMA_VERSION,
        "settings": {"active": 1, "signature": "Sam"},
        "records": {
            "opportunity": [
                {"id": 1, "opportunity": None, "values": {"company": "Acme", "role": "Eng"}}
            ],
            "story": [{"id": 1, "opportunity": None, "values": {"title": "Cut build time"}}],
            "interviewer": [{"id": 1, "opportunity": 1, "values": {"name": "Dana", "story": 1}}],
        },
    }


def imp(change: Callable[[dict], object]) -> Maker:
    def make(folder: Path) -> Path:
        data = export_document()
        change(data)
        path = folder / "import.json"
        path.write_text(
            json.dumps(data, ensure_ascii=False), encoding="utf-8", errors="surrogatepass"
        )
        return path

    return make


def imp_raw(data: bytes) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / "import.json"
        path.write_bytes(data)
        return path

    return make


def item(kind: str, **changes: object) -> Callable[[dict], object]:
    return lambda d: d["records"][kind][0].update(changes)


def values(kind: str, **changes: object) -> Callable[[dict], object]:
    return lambda d: d["records"][kind][0]["values"].update(changes)


def special_import(kind: str) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / "import.json"
        if kind == "folder":
            path.mkdir()
        elif kind == "fifo":
            os.mkfifo(path)
        # "missing": nothing is made
        return path

    return make


good = json.dumps(export_document()).encode()

HOSTILE_IMPORTS: list[tuple[str, Maker]] = [
    ("empty", imp_raw(b"")),
    ("not JSON", imp_raw(b"hello")),
    ("truncated", imp_raw(good[: len(good) // 2])),
    ("a list", imp_raw(b"[1, 2]")),
    ("null", imp_raw(b"null")),
    ("latin-1", imp_raw('{"format": "Café"}'.encode("latin-1"))),
    ("utf-16", imp_raw(good.decode().encode("utf-16"))),
    ("deep nesting", imp_raw(b"[" * 100_000 + b"]" * 100_000)),
    ("duplicate keys", imp_raw(good.replace(b'"settings": {', b'"settings": {"active": 1, '))),
    ("wrong format", imp(lambda d: d.update(format="other"))),
    ("future schema", imp(lambda d: d.update(schema=99))),
    ("schema as text", imp(lambda d: d.update(schema="1"))),
    ("no records", imp(lambda d: d.pop("records"))),
    ("records as list", imp(lambda d: d.update(records=[]))),
    ("unknown kind", imp(lambda d: d["records"].update(robot=[]))),
    ("escape in a kind", imp(lambda d: d["records"].update({f"{ESC}]2;PWNED\x07": []}))),
    ("kind not a list", imp(lambda d: d["records"].update(story={"1": {}}))),
    ("item not a record", imp(lambda d: d["records"].update(story=[5]))),
    ("id missing", imp(lambda d: d["records"]["story"][0].pop("id"))),
    ("id zero", imp(item("story", id=0))),
    ("id negative", imp(item("story", id=-3))),
    ("id as text", imp(item("story", id="1"))),
    ("id as bool", imp(item("story", id=True))),
    ("id as float", imp(item("story", id=1.5))),
    ("duplicate id", imp(lambda d: d["records"]["story"].append(d["records"]["story"][0]))),
    ("values missing", imp(lambda d: d["records"]["story"][0].pop("values"))),
    ("values a list", imp(item("story", values=["title"]))),
    ("unknown field", imp(values("story", password="x"))),
    ("title missing", imp(values("story", title=""))),
    ("title a number", imp(values("story", title=7))),
    ("tags a number", imp(values("story", competencies=5))),
    ("too many tags", imp(values("story", competencies=[f"t{n}" for n in range(40)]))),
    ("tag too long", imp(values("story", competencies=["x" * 80]))),
    ("text over the limit", imp(values("story", result="x" * 250_000))),
    ("lone surrogate", imp(values("story", title="half \ud800"))),
    (
        "flag as text",
        imp(
            lambda d: d["records"].update(
                feedback=[{"id": 1, "opportunity": 1, "values": {"said": "Q", "addressed": "yes"}}]
            )
        ),
    ),
    (
        "bad date",
        imp(
            lambda d: d["records"].update(
                research=[
                    {"id": 1, "opportunity": 1, "values": {"headline": "x", "date": "2026-13-01"}}
                ]
            )
        ),
    ),
    ("year 9999", imp(values("interviewer", ended_at="9999-12-31 23:59"))),
    ("PM past 12", imp(values("opportunity", interview_at="2026-03-14 13:30 PM"))),
    ("unknown choice", imp(values("opportunity", round="fifth"))),
    ("story link as text", imp(values("interviewer", story="Cut build time"))),
    ("link to a missing story", imp(values("interviewer", story=42))),
    ("no opportunity", imp(item("interviewer", opportunity=None))),
    ("missing opportunity", imp(item("interviewer", opportunity=9))),
    ("bank record with one", imp(item("story", opportunity=1))),
    ("stamp a number", imp(item("story", created=5))),
    ("NaN", imp_raw(good.replace(b'"Cut build time"', b"NaN"))),
    ("a folder", special_import("folder")),
    ("a pipe", special_import("fifo")),
    ("missing", special_import("missing")),
]
