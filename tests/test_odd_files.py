"""Workspace files a person or a broken tool could leave behind: half an emoji in a record, an odd
schema number, a stray lock, a byte-order mark, a file where a folder should be."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SIZE, capture_notes, make_app, settle

from tui.cli import main
from tui.core.repository import Workspace

CLI = [sys.executable, "-m", "tui"]
HALF = "half \ud800 emoji"  # what the file holds as the escape \ud800


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, timeout=60, check=False)


def with_half_an_emoji(path: Path) -> Path:
    ws = Workspace(path)
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    ws.add("story", {"title": "sound"})
    ws.close()
    doc = json.loads(path.read_text())
    doc["story"]["2"] = {"title": HALF, "_opportunity": None}
    path.write_text(json.dumps(doc))  # json writes it as the escape \ud800
    return path


def test_exports_of_a_record_with_half_an_emoji(db_path, tmp_path):
    with_half_an_emoji(db_path)
    out = tmp_path / "backup.json"
    assert main(["--db", str(db_path), "export", "--format", "json", "-o", str(out)]) == 0
    assert "\\ud800" in out.read_text()  # kept as it was, escaped
    damaged = json.loads(out.read_text())["damaged"]
    assert damaged[0]["stored"]["title"] == HALF
    # to the terminal, as UTF-8: the JSON escaped, the brief and the calendar with U+FFFD
    shown = run("--db", str(db_path), "export", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["damaged"][0]["stored"]["title"] == HALF
    brief = run("--db", str(db_path), "export", "--format", "md")
    assert brief.returncode == 0, brief.stderr
    assert "half \ufffd emoji" in brief.stdout.decode("utf-8")
    ics = run("--db", str(db_path), "export", "--format", "ics")
    assert ics.returncode == 0 and b"BEGIN:VCALENDAR" in ics.stdout


async def test_the_palette_backs_up_a_record_with_half_an_emoji(db_path):
    from tui.ui.commands import ExportFile

    with_half_an_emoji(db_path)
    app = make_app(Workspace(db_path))
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(ExportFile("json"))
        await settle(pilot)
    said = [n for n in notes if n.startswith(("Exported to", "Nothing exported"))]
    assert said and said[0].startswith("Exported to"), notes
    backup = Path(said[0].removeprefix("Exported to "))
    assert json.loads(backup.read_text())["damaged"][0]["stored"]["title"] == HALF
