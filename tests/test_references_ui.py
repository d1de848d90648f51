"""Deleting a record others point at, on screen over the demo on a real file: the confirmation
names what points at it, undo brings the links back; a form kept at a closed terminal names
each link from its own kind."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from conftest import SIZE, make_app, settle

from tui.core import clock
from tui.core.demo import build_demo
from tui.ui.dialogs import ConfirmScreen
from tui.ui.form import RecordForm

NOW = datetime(2026, 3, 10, 9, 30)


@pytest.fixture
def demo_now(tmp_path):
    """The demo, with the clock held where the demo was built."""
    clock.hold(NOW)
    yield build_demo(tmp_path / "demo.json")
    clock.hold(None)


def rounds_on_disk(ws, name: str) -> list:
    data = json.loads(ws.path.read_text(encoding="utf-8"))
    return [doc.get("round") for doc in data[name].values() if doc.get("_opportunity") == 1]


async def test_deleting_a_round_says_what_points_at_it_and_undo_brings_it_back(demo_now):
    ws = demo_now
    first = next(r for r in ws.scoped_records("round") if r.title == "First round")
    people = rounds_on_disk(ws, "interviewer")
    asked = rounds_on_disk(ws, "asked")
    assert people.count(first.id) == 2 and asked.count(first.id) == 5
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await settle(pilot)
        table = app.screen.query_one("#table-round")
        table.focus()
        table.move_cursor(row=[r.id for r in table.records].index(first.id))
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert "Delete this round?\n\nFirst round" in question
        assert "2 concerns, 2 interviewers and 5 debrief questions refer to this round" in (
            question
        ), question
        await pilot.press("y")
        await settle(pilot)
        assert first.id not in [r.id for r in ws.scoped_records("round")]
        assert first.id not in rounds_on_disk(ws, "interviewer")
        assert first.id not in rounds_on_disk(ws, "asked")
        await pilot.press("u")
        await settle(pilot)
        assert rounds_on_disk(ws, "interviewer") == people
        assert rounds_on_disk(ws, "asked") == asked
        assert ws.get("round", first.id).title == "First round"


async def test_a_form_kept_at_a_closed_terminal_names_each_link_from_its_own_kind(demo_now):
    ws = demo_now
    concern = next(c for c in ws.scoped_records("concern") if c["round"] is not None)
    marta = next(p for p in ws.scoped_records("interviewer") if p["insight"] is not None)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await settle(pilot)
        table = app.screen.query_one("#table-concern")
        table.focus()
        table.move_cursor(row=[r.id for r in table.records].index(concern.id))
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm)
        round_title = ws.get("round", concern["round"]).title
        assert f"Round it came from: {round_title}\n" in form.unsaved_text()
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        table = app.screen.query_one("#table-interviewer")
        table.focus()
        table.move_cursor(row=[r.id for r in table.records].index(marta.id))
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm)
        text = form.unsaved_text()
        assert f"\nRound: {ws.get('round', marta['round']).title}\n" in text, text
        insight = ws.get("insight", marta["insight"]).title
        assert f": {insight}\n" in text, text
        await pilot.press("escape")
