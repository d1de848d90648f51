"""A thank-you note's life: marking it sent with a gap left asks first, and the demo sends no
note with a gap. Real workspace files, the real app driven by Pilot."""

from __future__ import annotations

import pytest
from conftest import SIZE, make_app, settle

from tui.core import thank_you
from tui.core.states import question_before_flip
from tui.ui.dialogs import ConfirmScreen
from tui.ui.note_view import note_view
from tui.ui.pane import RecordTable


def visible_pane(app):
    return app.main.query_one("#main").visible_content


def person(ws, name: str, opportunity: int | None = None):
    return next(
        r
        for r in ws.scoped_records("interviewer", opportunity)
        if r.title == name and r["draft_state"] != "sent"
    )


async def select(pilot, record) -> RecordTable:
    """Pane 8 with `record` selected in its list of interviewers."""
    await pilot.press("8")
    await settle(pilot)
    table = visible_pane(pilot.app).query_one("#table-interviewer", RecordTable)
    table.focus()
    assert table.select_record(record.id)
    await pilot.pause()
    return table


# -- marking sent --------------------------------------------------------------------------


def test_every_note_the_demo_marks_sent_is_free_of_gaps(demo):
    sent = [r for r in demo.all_records("interviewer") if r["draft_state"] == "sent"]
    assert len(sent) >= 3  # the demo does mark notes sent: the check below checks something
    for r in sent:
        assert thank_you.gaps(r["draft_subject"] + "\n" + r["draft_body"]) == [], r.title
        assert "Fill in before sending" not in note_view(r, demo.stories_by_id()).plain


@pytest.mark.parametrize("key", ["s", "space"])
async def test_marking_a_note_with_a_gap_sent_asks_first(demo, key):
    aiko = person(demo, "Aiko Tanaka")
    assert thank_you.gaps(aiko["draft_body"]), "the demo keeps one note with a gap to fill"
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, aiko)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "<strengths to reinforce>" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert demo.get("interviewer", aiko.id)["draft_state"] == "draft"
        await pilot.press(key)
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert demo.get("interviewer", aiko.id)["draft_state"] == "sent"
        # a note sent with a gap says so, not "fill in before sending"
        shown = note_view(demo.get("interviewer", aiko.id), {}).plain
        assert "Sent with gaps left: <strengths to reinforce>" in shown
        assert "Fill in before sending" not in shown


async def test_a_note_without_gaps_is_marked_sent_without_a_question(demo):
    aiko = person(demo, "Aiko Tanaka")
    demo.update("interviewer", aiko.id, {"strengths": "planning large migrations"})
    aiko = demo.get("interviewer", aiko.id)
    demo.update("interviewer", aiko.id, {"draft_body": thank_you.draft_for(demo, aiko)[1]})
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, aiko)
        await pilot.press("s")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert demo.get("interviewer", aiko.id)["draft_state"] == "sent"
        # and back to draft with space asks nothing either
        await pilot.press("space")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert demo.get("interviewer", aiko.id)["draft_state"] == "draft"


def test_only_a_flip_to_sent_with_gaps_asks(demo):
    aiko = person(demo, "Aiko Tanaka")
    question, yes = question_before_flip(aiko)
    assert "Aiko Tanaka" in question and yes == "Mark sent"
    sent = demo.get("interviewer", demo.update("interviewer", aiko.id, {"draft_state": "sent"}).id)
    assert question_before_flip(sent)[0] == ""  # back to draft: nothing to ask
    story = demo.all_records("story")[0]
    assert question_before_flip(story)[0] == ""
