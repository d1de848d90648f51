"""A note copied, then changed: what went to the clipboard is not what it says now, so the
row stops saying 'copied' and marking it sent asks first. Real workspace files, the real app
driven by Pilot."""

from __future__ import annotations

import json

import pytest
from conftest import SIZE, make_app, settle, type_text
from test_copy_with_blanks import copy_note, stand_in_clipboard
from test_note_lifecycle import aiko_without_gaps, interview_over, named, visible_pane
from textual.widgets.data_table import ColumnKey

from tui.core import export, note_follow, thank_you
from tui.core.formatting import note_state
from tui.core.states import question_before_flip
from tui.core.workspace_file import SCHEMA_VERSION
from tui.ui.dialogs import ConfirmScreen
from tui.ui.note_view import note_view


async def fill_strengths(pilot, text: str) -> None:
    """e on the selected interviewer, `text` typed as the strengths to reinforce, ctrl+s."""
    await pilot.press("e")
    await settle(pilot)
    pilot.app.screen.query_one("#field-strengths").focus()
    await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await settle(pilot)


def row_state(app, record_id: int) -> str:
    table = visible_pane(app).query_one("#table-interviewer")
    return str(table.cells_shown(record_id)[ColumnKey("_state")])


async def test_a_note_changed_since_it_was_copied_asks_before_it_is_marked_sent(demo, monkeypatch):
    board = stand_in_clipboard(monkeypatch)
    demo.set_setting("signature", "")
    aiko = interview_over(demo, named(demo, "Aiko Tanaka"))
    aiko = note_follow.compose_into(demo, aiko)  # follows its details
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await copy_note(app, pilot, aiko)
        copied = board["text"]
        assert "<strengths to reinforce>" in copied and "<your name>" in copied
        assert demo.get("interviewer", aiko.id)["draft_state"] == "copied"
        assert row_state(app, aiko.id).startswith("copied")
        await fill_strengths(pilot, "calm incident leadership")
        now = demo.get("interviewer", aiko.id)
        assert "calm incident leadership" in now["draft_body"]  # composed again
        # the row no longer claims the text it shows was copied
        assert row_state(app, aiko.id).startswith("changed since copy")
        assert "copied (an earlier text)" in note_view(now, {}).plain
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        at = now["copied_at"].split(" ")[1]
        assert app.screen.question == (
            f"The note to Aiko Tanaka changed since you copied it at {at}: what you copied "
            "is not what it says now. It has a gap to fill now: <your name>. "
            "Mark it sent anyway?"
        )
        await pilot.press("n")
        await settle(pilot)
        assert demo.get("interviewer", aiko.id)["draft_state"] == "copied"
        # copying the note as it is now: no longer changed, and s asks only about the gap
        await copy_note(app, pilot, aiko)
        assert row_state(app, aiko.id).startswith("copied")
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "changed since" not in app.screen.question
        assert "<your name>" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert demo.get("interviewer", aiko.id)["draft_state"] == "sent"


async def test_a_copied_note_that_did_not_change_is_marked_sent_at_once(demo, monkeypatch):
    stand_in_clipboard(monkeypatch)
    aiko = aiko_without_gaps(demo)
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await copy_note(app, pilot, aiko)
        await pilot.press("s")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert demo.get("interviewer", aiko.id)["draft_state"] == "sent"


def test_a_note_copied_before_fingerprints_were_kept_asks_nothing(demo):
    aiko = interview_over(demo, named(demo, "Aiko Tanaka"))
    demo.update("interviewer", aiko.id, {"strengths": "planning large migrations"})
    aiko = demo.get("interviewer", aiko.id)
    subject, body = thank_you.draft_for(demo, aiko)
    demo.update(
        "interviewer",
        aiko.id,
        {
            "draft_subject": subject,
            "draft_body": body,
            "draft_state": "copied",
            "copied_at": "2026-03-09 07:00",
        },
    )
    old = demo.get("interviewer", aiko.id)
    assert old["copied_digest"] == ""
    assert question_before_flip(old)[0] == ""
    assert note_state(old).startswith("copied")


def test_the_fingerprint_of_the_copy_travels_through_export_and_import(demo, tmp_path):
    aiko = named(demo, "Aiko Tanaka")
    copied = thank_you.mark(demo, aiko, "copied")
    assert copied["copied_digest"] == thank_you.text_digest(copied)
    demo.update("interviewer", aiko.id, {"draft_body": copied["draft_body"] + "\nP.S. Thanks"})
    target = tmp_path / "copy.json"
    export.import_json(export.to_json(demo), target)
    from tui.core.repository import Workspace

    moved = Workspace(target).get("interviewer", aiko.id)
    assert moved["copied_digest"] == copied["copied_digest"]
    assert thank_you.changed_since_copied(moved)

    data = json.loads(export.to_json(demo))
    assert data["schema"] == SCHEMA_VERSION
    for item in data["records"]["interviewer"]:
        if item["id"] == aiko.id:
            item["values"]["copied_digest"] = 42
    with pytest.raises(export.ImportProblem, match="Copied text"):
        export.check_import(json.dumps(data))
