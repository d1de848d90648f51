"""Workspace files a person or a broken tool could leave behind: half an emoji in a record, an odd
schema number, a stray lock, a byte-order mark, a file where a folder should be."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SIZE, capture_notes, make_app, settle

from tui.cli import main
from tui.core.repository import Workspace
from tui.core.storage import WorkspaceFileError

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


def test_an_export_with_a_damaged_record_imports_it_back_as_it_was(db_path, tmp_path):
    with_half_an_emoji(db_path)
    ws = Workspace(db_path)
    ws.add("requirement", {"text": "Calm under pressure", "stories": [2]})  # links to it
    ws.close()
    out, back = tmp_path / "backup.json", tmp_path / "back.json"
    assert main(["--db", str(db_path), "export", "--format", "json", "-o", str(out)]) == 0
    assert main(["import", str(out), "--db", str(back)]) == 0
    again = Workspace(back, read_only=True)
    story = again.get("story", 2)
    assert story.damaged and story.raw["title"] == HALF
    assert again.all_records("requirement")[0]["stories"] == [2]
    assert "\\ud800" in back.read_text()  # stored as the escape, as it was


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


@pytest.mark.parametrize("schema", [-1, "5", 4.5, None, "x", True])
def test_a_schema_number_that_is_not_one_says_so_and_changes_nothing(db_path, schema, capsys):
    ws = Workspace(db_path)
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    ws.close()
    doc = json.loads(db_path.read_text())
    doc["_meta"]["1"]["schema"] = schema
    db_path.write_text(json.dumps(doc))
    before = db_path.read_bytes()
    with pytest.raises(WorkspaceFileError) as caught:
        Workspace(db_path)
    said = str(caught.value)
    assert f"its schema number ({json.dumps(schema)} in _meta) is not valid" in said
    assert "newer" not in said and "finalround restore" in said
    assert main(["--db", str(db_path)]) == 2  # the app stops with the same message
    assert "is not valid" in capsys.readouterr().err
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("workspace.backup-*"))  # nothing migrated


@pytest.mark.parametrize("stray", ["folder", "link"])
async def test_a_stray_lock_is_named_not_the_folder(db_path, stray):
    ws = Workspace(db_path)
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    ws.close()
    lock = db_path.with_name("workspace.json.lock")
    lock.unlink()
    if stray == "folder":
        lock.mkdir()
    else:
        lock.symlink_to(db_path.parent / "nowhere" / "x")
    ws = Workspace(db_path)
    assert ws.read_only
    app = make_app(ws)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "READ-ONLY: stray lock file" in str(app.main.query_one("#topbar").render())
    what = "a folder" if stray == "folder" else "a link that leads nowhere"
    told = [n for n in notes + [m.message for m in app._notifications] if "stray lock" in n]
    assert told and f"its lock file {lock} is {what}" in told[0], notes
    assert f"rm -r {lock}" in told[0] and "chmod" not in told[0]


def test_import_and_restore_name_a_stray_lock(db_path, tmp_path, capsys):
    ws = Workspace(db_path)
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    ws.close()
    lock = db_path.with_name("workspace.json.lock")
    lock.unlink()
    lock.mkdir()
    copy = tmp_path / "copy.json"
    copy.write_bytes(db_path.read_bytes())
    for argv in (["import", str(copy), "--replace"], ["restore", str(copy)]):
        assert main([*argv, "--db", str(db_path)]) == 2
        err = capsys.readouterr().err
        assert f"its lock file {lock} is a folder; remove that stray lock" in err, err


def test_a_byte_order_mark_is_read_past(db_path, tmp_path):
    ws = Workspace(db_path)
    ws.add("opportunity", {"company": "Acme", "role": "Engineer"})
    ws.close()
    db_path.write_bytes(b"\xef\xbb\xbf" + db_path.read_bytes())  # as some editors save it
    assert Workspace(db_path, read_only=True).active.values["company"] == "Acme"
    copy = tmp_path / "copy.json"
    assert main(["import", str(db_path), "--db", str(copy)]) == 0
    assert Workspace(copy, read_only=True).active.values["company"] == "Acme"


def test_a_file_where_a_folder_should_be_is_named_as_a_file(db_path, capsys):
    Workspace(db_path).add("opportunity", {"company": "Acme", "role": "Engineer"})
    inside = db_path / "x.json"
    assert main(["--db", str(inside)]) == 2
    err = capsys.readouterr().err
    assert f"{db_path} is a file, not a folder" in err and "chmod" not in err
    assert main(["import", str(db_path), "--db", str(inside)]) == 2
    err = capsys.readouterr().err
    assert f"{db_path} is a file, not a folder" in err and "chmod" not in err


def test_an_export_that_cannot_all_be_written_fails(db_path, tmp_path):
    import resource
    import signal

    ws = Workspace(db_path)
    with ws.batch():
        for n in range(40):
            ws.add("story", {"title": f"Story {n}", "result": "cut costs " * 40})
    ws.close()
    out = tmp_path / "backup.json"

    def small_file_limit() -> None:
        # A real write failure: the output file may grow to 4 KiB only (as on a full disk,
        # the write stops partway; the signal that would kill the program is ignored).
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    with out.open("wb") as handle:
        result = subprocess.run(
            [*CLI, "--db", str(db_path), "export", "--format", "json"],
            stdout=handle,
            stderr=subprocess.PIPE,
            preexec_fn=small_file_limit,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    assert b"the output is incomplete: File too large" in result.stderr


def test_a_number_too_long_to_read_is_named_and_nothing_changes(db_path, tmp_path, capsys):
    """Python reads at most 4,300 digits as one number: a longer one is a file that cannot be
    read, named as such, never a crash; import and restore refuse it the same way."""
    with_half_an_emoji(db_path)
    text = db_path.read_text(encoding="utf-8")
    damaged = text.replace('"sound"', "1" + "0" * 5000, 1)
    assert damaged != text
    db_path.write_text(damaged, encoding="utf-8")
    expected = "it holds a number of 5,001 digits, too long to read (line 1)"
    for args in (["search", "x"], ["export"], []):
        assert main(["--db", str(db_path), *args]) == 2, args
        err = capsys.readouterr().err
        assert expected in err and "Traceback" not in err, err
    other = tmp_path / "other.json"
    assert main(["import", str(db_path), "--db", str(other)]) == 2
    assert f"Nothing was imported: {expected}" in capsys.readouterr().err
    assert main(["restore", str(db_path), "--db", str(other)]) == 2
    assert expected in capsys.readouterr().err
    assert db_path.read_text(encoding="utf-8") == damaged and not other.exists()
