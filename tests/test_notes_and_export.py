"""Thank-you notes, copying, and the workspace as files (JSON backup, Markdown brief, calendar)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pyperclip
import pytest
from conftest import SIZE, capture_notes, make_app, settle

from tui.core import export, thank_you
from tui.core.repository import Workspace
from tui.ui.commands import ExportFile

# -- composing -----------------------------------------------------------------------------


@pytest.fixture
def interviewing(workspace):
    opp = workspace.add("opportunity", {"company": "Globex", "role": "Data Engineer"})
    story = workspace.add(
        "story", {"title": "Sped up the nightly load", "competencies": ["performance", "ownership"]}
    )
    workspace.set_setting("signature", "Ada Lovelace")
    return workspace, opp, story


def test_full_details_fill_every_template(interviewing):
    ws, opp, _ = interviewing
    insight = ws.add("insight", {"learned": "Their new warehouse launches in spring."})
    person = ws.add(
        "interviewer",
        {
            "name": "Grace Hopper",
            "insight": insight.id,
            "discussed": "the migration to streaming",
            "moment": "the whiteboard sketch of the pipeline",
            "strengths": "SQL; mentoring",
            "template": "warm",
        },
    )
    subject, body = thank_you.draft_for(ws, person)
    assert subject == "Thank you, Grace — Data Engineer conversation"
    assert "Hi Grace," in body and "Data Engineer role at Globex" in body
    assert "the migration to streaming" in body
    assert "the whiteboard sketch of the pipeline" in body
    assert "SQL and mentoring" in body
    assert "stayed with me: their new warehouse launches in spring." in body
    assert body.rstrip().endswith("Ada Lovelace")
    assert thank_you.gaps(body) == []
    for template in ("concise", "formal"):
        ws.update("interviewer", person.id, {"template": template})
        s, b = thank_you.draft_for(ws, ws.get("interviewer", person.id))
        assert thank_you.gaps(s + b) == [] and "Globex" in s + b


def test_missing_details_show_as_gaps_not_awkward_text(interviewing):
    ws, _, _ = interviewing
    ws.set_setting("signature", "")
    person = ws.add("interviewer", {"name": "Grace Hopper", "template": "formal"})
    _, body = thank_you.draft_for(ws, person)
    assert "<topic discussed>" in body and "<strengths to reinforce>" in body
    assert "<your name>" in body
    # optional sentences vanish instead of showing a gap
    assert "<a moment worth recalling>" not in body and "<new insight>" not in body
    assert "  " not in body.replace("\n", " ").replace("  ", "")  # no doubled blanks
    assert "\n\n\n" not in body


def test_strengths_fall_back_to_a_linked_story(interviewing):
    ws, _, story = interviewing
    person = ws.add("interviewer", {"name": "Linus", "story": story.id})
    _, body = thank_you.draft_for(ws, person)
    assert "performance and ownership" in body


def test_user_text_with_markup_and_braces_is_kept(interviewing):
    ws, _, _ = interviewing
    person = ws.add("interviewer", {"name": "[bold]Bob[/]", "discussed": "the {role} of {x}"})
    subject, body = thank_you.draft_for(ws, person)
    assert "Hi [bold]Bob[/]," in body and "the {role} of {x}" in body


def test_deadline_is_24_hours_after_the_interview():
    from datetime import datetime

    from tui.core.timing import note_deadline, until

    due = note_deadline("2026-03-01 15:00")
    assert due == datetime(2026, 3, 2, 15, 0)
    assert until(due, datetime(2026, 3, 2, 9, 48)) == "5 h 12 m left"
    assert until(due, datetime(2026, 3, 2, 17, 0)) == "overdue by 2 h 0 m"


# -- copying -------------------------------------------------------------------------------


async def wait_for_workers(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await settle(pilot)  # marking the note copied is a save


async def test_y_copies_the_selected_note_and_marks_it(demo, monkeypatch):
    # A test machine has no display: stand in for the system clipboard with a dict.
    # The real X clipboard is exercised by test_y_reaches_a_real_x_clipboard below.
    board = {}
    monkeypatch.setattr(pyperclip, "copy", lambda text: board.__setitem__("text", text))
    monkeypatch.setattr(pyperclip, "paste", lambda: board.get("text", ""))
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        # the third row: Marta again, in the final round, her note still a draft
        await pilot.press("8", "j", "j", "y")
        await wait_for_workers(app, pilot)
        marta = demo.scoped_records("interviewer")[2]
        assert board["text"] == marta["draft_body"] and "Hi Marta" in board["text"]
        assert app.clipboard == marta["draft_body"]  # and through the terminal (OSC 52)
        assert marta["draft_state"] == "copied" and marta["copied_at"]
        await pilot.press("Y")
        await wait_for_workers(app, pilot)
        assert board["text"] == marta["draft_subject"]


async def test_without_a_clipboard_the_note_goes_to_a_file(demo, monkeypatch):
    def no_clipboard(text):
        raise pyperclip.PyperclipException("no copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        notes = capture_notes(app)
        await pilot.press("8", "j", "y")
        await wait_for_workers(app, pilot)
        files = list((demo.path.parent / "exports").glob("*.txt"))
        assert len(files) == 1
        kofi = demo.scoped_records("interviewer")[1]
        assert files[0].read_text(encoding="utf-8") == kofi["draft_body"]
        assert any(str(files[0]) in n and "No system clipboard" in n for n in notes), notes
        assert app.clipboard == kofi["draft_body"]
        assert app.is_running
        assert kofi["draft_state"] == "sent"  # copying again does not undo 'sent'
        # a draft copied this way says where it went: nothing confirmed a clipboard has it
        await pilot.press("j", "y")
        await wait_for_workers(app, pilot)
        marta = demo.scoped_records("interviewer")[2]
        assert marta["draft_state"] == "in a file" and marta["copied_at"]
        # its heading says when it went to the file, once, and never that it was copied
        from tui.ui.note_view import note_view

        heading = note_view(marta, {}).plain.splitlines()[0]
        assert f"in a file {marta['copied_at']}, upcoming" in heading, heading
        assert "copied" not in heading, heading


async def test_a_clipboard_that_hangs_is_given_up_on(demo, monkeypatch):
    from tui.core import clipboard

    monkeypatch.setattr(clipboard, "TIMEOUT", 0.2)
    monkeypatch.setattr(pyperclip, "copy", lambda text: time.sleep(2))
    assert "did not answer" in clipboard.copy_to_system("x", timeout=0.2)


def test_a_display_that_keeps_nothing_is_noticed(monkeypatch):
    from tui.core import clipboard

    monkeypatch.setattr(pyperclip, "copy", lambda text: None)
    monkeypatch.setattr(pyperclip, "paste", lambda: "")
    assert "did not keep" in clipboard.copy_to_system("x")


@pytest.fixture
def x_display():
    """A real X server (Xvfb) with xclip: the system clipboard as on a desktop."""
    if not (shutil.which("Xvfb") and shutil.which("xclip")):
        pytest.skip("needs Debian's xvfb and xclip (.ci/run installs them)")
    # Xvfb picks a free display and writes its number once it accepts clients: no guessing
    # a number another run may hold, no fixed wait that a busy machine outlasts
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "640x480x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    with os.fdopen(read_end) as announced:
        number = announced.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    display = f":{number}"
    old = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = display
    yield display
    if old is None:
        os.environ.pop("DISPLAY", None)
    else:
        os.environ["DISPLAY"] = old
    server.terminate()
    server.wait()


async def test_y_reaches_a_real_x_clipboard(demo, x_display):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "y")
        await wait_for_workers(app, pilot)
    on_x = subprocess.run(
        ["xclip", "-selection", "clipboard", "-o"], capture_output=True, text=True, timeout=5
    ).stdout
    assert on_x == demo.scoped_records("interviewer")[0]["draft_body"]


async def test_compose_again_asks_before_replacing_edits(demo):
    from tui.ui.dialogs import ConfirmScreen

    marta = demo.scoped_records("interviewer")[0]
    demo.update("interviewer", marta.id, {"draft_body": "My own words."})
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "c")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert demo.get("interviewer", marta.id)["draft_body"] == "My own words."
        await pilot.press("c", "y")
        await settle(pilot)
        assert "Hi Marta" in demo.get("interviewer", marta.id)["draft_body"]
        await pilot.press("s")
        await settle(pilot)
        assert demo.get("interviewer", marta.id)["draft_state"] == "sent"


async def test_editor_edits_the_note(demo, tmp_path, monkeypatch):
    script = tmp_path / "fake-editor"
    script.write_text("#!/bin/sh\nprintf 'Edited in my editor.\\n' > \"$1\"\n")
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(demo)
    # The headless test driver has no terminal to hand over to the editor, so suspending is
    # a no-op here; the editor itself really runs and really writes the file.
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "E")
        await settle(pilot)
    assert demo.scoped_records("interviewer")[0]["draft_body"] == "Edited in my editor.\n"


async def test_new_interviewer_gets_a_composed_draft(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "n")
        await settle(pilot)
        for ch in "Nina Patel":
            await pilot.press("space" if ch == " " else ch)
        await pilot.press("ctrl+s")
        await settle(pilot)
    nina = [i for i in demo.scoped_records("interviewer") if i.title == "Nina Patel"][0]
    assert "Nina" in nina["draft_body"] and "<topic discussed>" in nina["draft_body"]


# -- files ---------------------------------------------------------------------------------


def test_json_export_then_import_gives_the_same_workspace(demo, tmp_path):
    text = export.to_json(demo)
    target = tmp_path / "restored.json"
    export.import_json(text, target)
    restored = Workspace(target)
    for name in ("opportunity", "story", "question", "interviewer", "concern", "requirement"):
        assert [(r.id, r.values, r.opportunity, r.created) for r in restored.all_records(name)] == [
            (r.id, r.values, r.opportunity, r.created) for r in demo.all_records(name)
        ]
    assert restored.active_id == demo.active_id
    assert restored.setting("signature") == "Sam Ortega"
    assert export.to_json(restored).split("\n", 5)[5] == text.split("\n", 5)[5]


def test_the_speaking_pace_theme_and_guidance_travel_with_an_export_and_a_backup(demo, tmp_path):
    """Moving to another machine keeps how the workspace was set up, not only its records."""
    from tui.core import backups

    chosen = {"speaking_rate": "115", "theme": "dracula", "guidance": "hidden"}
    for name, value in chosen.items():
        demo.set_setting(name, value)
    target = tmp_path / "moved.json"
    export.import_json(export.to_json(demo), target)
    moved = Workspace(target)
    assert {name: moved.setting(name) for name in chosen} == chosen
    assert moved.setting("signature") == "Sam Ortega"
    moved.close()
    # a copy of the workspace file itself (a backup) put back keeps them too
    copy = backups.make_backup(demo.path)
    assert copy is not None
    again = tmp_path / "from-backup.json"
    export.import_json(copy.read_text(), again)
    assert {name: Workspace(again).setting(name) for name in chosen} == chosen


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (
            lambda d: d["records"]["story"][2]["values"].__setitem__("title", ""),
            "story id 3, field 'Title': is required",
        ),
        (
            lambda d: d["records"]["concern"][0].__setitem__("opportunity", 99),
            "concern id 1 belongs to opportunity 99",
        ),
        (
            lambda d: d["records"]["requirement"][0]["values"].__setitem__("stories", [77]),
            "story 77 is not in the file",
        ),
        (
            lambda d: d["records"]["question"][0]["values"].__setitem__("category", "gossip"),
            "field 'Category': should be one of",
        ),
        (lambda d: d.__setitem__("schema", 99), "newer Final Round"),
        # settings the app did not write: named, never dropped without a word
        (lambda d: d.__setitem__("settings", []), "'settings' should be an object"),
        (lambda d: d["settings"].__setitem__("active", "1"), "'active' should be an opportunity"),
        (lambda d: d["settings"].__setitem__("active", 42), "names opportunity 42"),
        (lambda d: d["settings"].__setitem__("theme", 7), "'theme' should be text"),
        (lambda d: d["records"].__setitem__("spells", []), "unknown record kind 'spells'"),
    ],
)
def test_a_bad_import_changes_nothing_and_names_the_fault(demo, tmp_path, mutate, words):
    data = json.loads(export.to_json(demo))
    mutate(data)
    target = tmp_path / "target.json"
    Workspace(target).add("story", {"title": "already here"})
    before = target.read_bytes()
    with pytest.raises(export.ImportProblem) as err:
        export.import_json(json.dumps(data), target, replace=True)
    assert words in str(err.value)
    assert target.read_bytes() == before


def test_import_refuses_to_overwrite_unless_asked(demo, tmp_path):
    target = tmp_path / "mine.json"
    Workspace(target).add("story", {"title": "mine"})
    before = target.read_bytes()
    with pytest.raises(export.ImportProblem, match="--replace"):
        export.import_json(export.to_json(demo), target)
    assert target.read_bytes() == before
    export.import_json(export.to_json(demo), target, replace=True)
    assert Workspace(target).count("story") == demo.count("story")
    kept = list(tmp_path.glob("mine.backup-*-before-import.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == before


def test_markdown_brief_has_all_eight_strategies():
    out = subprocess.run(
        [sys.executable, "-m", "tui", "--demo", "export", "--format", "md"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for n in range(1, 9):
        assert f"\n## {n} · " in out
    assert "Cut CI build time from 38 to 9 minutes" in out
    assert "Subject: Thank you, Marta" in out
    # linked records show by their titles: the round, the questions planned, the chosen insight
    assert "is gone" not in out
    assert "  - Round: Final round" in out
    assert "  - New insight to mention: Their route-planning move to event streams" in out


def test_calendar_parses_with_icalendar():
    icalendar = pytest.importorskip("icalendar")
    raw = subprocess.run(
        [sys.executable, "-m", "tui", "--demo", "export", "--format", "ics"],
        capture_output=True,
        check=True,
    ).stdout
    out = raw.decode("utf-8")
    calendar = icalendar.Calendar.from_ical(out)
    events = [c for c in calendar.walk("VEVENT")]
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "Final round: Northwind Logistics — Staff Platform Engineer" in summaries
    final = [e for e in events if str(e["SUMMARY"]).startswith("Final round:")][0]
    # three hours, in the round's own zone
    assert final.decoded("DTEND") - final.decoded("DTSTART") == timedelta(hours=3)
    assert str(final.decoded("DTSTART").tzinfo) == "Europe/Amsterdam"
    assert final.decoded("DTSTART").hour == 10
    assert "Send thank-you note to Marta Jensen (Northwind Logistics)" in summaries
    marta = [e for e in events if "Marta" in str(e["SUMMARY"])][0]
    assert "Thank you for the panel, Marta" in str(marta["DESCRIPTION"])
    lines = raw.split(b"\r\n")
    assert len(lines) > 20 and all(len(line) <= 75 for line in lines)


def test_cli_import_round_trip_and_bad_file(tmp_path):
    backup = tmp_path / "backup.json"
    subprocess.run(
        [sys.executable, "-m", "tui", "--demo", "export", "--format", "json", "-o", str(backup)],
        check=True,
        capture_output=True,
    )
    target = tmp_path / "new.json"
    ok = subprocess.run(
        [sys.executable, "-m", "tui", "import", str(backup), "--db", str(target)],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0 and "9 stories" in ok.stdout
    broken = tmp_path / "broken.json"
    broken.write_text(backup.read_text()[:500])
    other = tmp_path / "other.json"
    bad = subprocess.run(
        [sys.executable, "-m", "tui", "import", str(broken), "--db", str(other)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "not valid JSON" in bad.stderr
    assert not other.exists()


async def test_export_from_the_palette(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(ExportFile("md"))
        await settle(pilot)
    files = list(Path(demo.path.parent / "exports").glob("brief-*.md"))
    assert len(files) == 1 and "## 8 · Follow up strategically" in files[0].read_text()


async def test_in_the_demo_a_note_kept_in_a_file_says_its_folder_goes_at_quit(
    monkeypatch, tmp_path
):
    """The demo's exports folder is removed when it ends: a note saved there for want of a
    clipboard says so."""
    from tui.core.demo import build_demo

    def no_clipboard(text):
        raise pyperclip.PyperclipException("no copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    app = make_app(build_demo(tmp_path / "demo.json"), demo=True)
    async with app.run_test(size=SIZE) as pilot:
        notes = capture_notes(app)
        await pilot.press("8", "j", "y")
        await wait_for_workers(app, pilot)
        said = [n for n in notes if n.startswith("No system clipboard")]
        assert said and "its folder is removed when you quit" in said[0], notes
