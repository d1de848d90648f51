"""Round times on screen, driven by a Pilot on real TinyDB files: the form refuses a round
that ends before it starts under its Ends field, pane 8 says which clock each list's times
are on, and the debrief tells a question that joined the bank after the round."""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from conftest import SIZE, make_app, new_record_form, settle, text_of, type_text
from conftest import save_as_app as save
from textual.widgets import Input

from tui.core import clock
from tui.ui.form import RecordForm


@pytest.fixture
def utc(monkeypatch):
    """This computer's clock on UTC, and the app's held on the day before the round."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    clock.hold(datetime(2026, 11, 28, 9, 0))
    yield
    clock.hold(None)
    monkeypatch.undo()
    time.tzset()


async def test_the_form_refuses_a_round_that_ends_before_it_starts(workspace, utc):
    save(workspace, "opportunity", {"company": "Northwind", "role": "Engineer"})
    app = make_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_record_form(pilot, "8", "round")
        assert isinstance(form, RecordForm)
        for name, text in (
            ("name", "Offer call"),
            ("start_at", "2026-12-05 10:00"),
            ("end_at", "2026-12-04 09:00"),
        ):
            form.query_one(f"#field-{name}", Input).focus()
            await type_text(pilot, text)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # not saved: the form stays, with the reason on Ends
        said = text_of(app, "#error-end_at")
        assert "is before the start (2026-12-05 10:00): a round ends after it starts" in said
        assert text_of(app, "#error-start_at") == ""
        assert workspace.all_records("round") == []


async def test_pane_8_says_which_clock_each_list_is_on(workspace, utc):
    save(workspace, "opportunity", {"company": "Northwind", "role": "Engineer"})
    final = save(
        workspace,
        "round",
        {
            "name": "Final",
            "start_at": "2026-11-29 10:00",
            "end_at": "2026-11-29 11:30",
            "zone": "America/New_York",
        },
    )
    save(workspace, "interviewer", {"name": "Kim", "round": final.id})
    app = make_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await settle(pilot)
        rounds = app.screen.query_one("#table-round")
        people = app.screen.query_one("#table-interviewer")
        headings = {str(c.label) for c in rounds.columns.values()}
        assert "Starts there" in headings  # 10:00, in New York
        assert "Ended here" in {str(c.label) for c in people.columns.values()}  # 16:30, here
        people.focus()
        await pilot.press("e")
        await settle(pilot)
        labels = [str(w.render()) for w in app.screen.query(".field-label")]
        assert any(label.startswith("When the interview ended, on your clock") for label in labels)


async def test_the_debrief_says_a_question_joined_the_bank_after_the_round(workspace, utc):
    save(workspace, "opportunity", {"company": "Northwind", "role": "Engineer"})
    with clock.held(datetime(2026, 11, 20, 9, 0)):
        first = save(workspace, "round", {"name": "First round", "start_at": "2026-11-27 14:00"})
    with clock.held(datetime(2026, 11, 27, 18, 0)):
        save(workspace, "practice", {"text": "How do you handle on-call?"})
    save(workspace, "asked", {"round": first.id, "text": "How do you handle on-call"})
    save(workspace, "asked", {"round": first.id, "text": "A question nobody saw coming"})
    app = make_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await settle(pilot)
        app.screen.query_one("#table-round").focus()
        await settle(pilot)
        detail = text_of(app, "#detail")
    assert "Added to your bank only after the round began:\n  · How do you handle on-call" in (
        detail
    )
    assert "Not in your bank before the round (the debrief added them):\n  · A question" in detail
    assert "now added" not in detail


async def test_the_form_asks_which_of_the_two_0130_a_round_starts_at(workspace, utc):
    """On the night New York's clocks go back, 01:30 comes twice: the form says so under
    Starts, with both times on your clock and what to type; typed so, the round is saved."""
    save(workspace, "opportunity", {"company": "Northwind", "role": "Engineer"})
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await new_record_form(pilot, "8", "round")
        assert isinstance(form, RecordForm)
        for name, text in (
            ("name", "Night call"),
            ("start_at", "2026-11-01 01:30"),
            ("zone", "America/New_York"),
        ):
            form.query_one(f"#field-{name}", Input).focus()
            await type_text(pilot, text)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # not saved: the form stays, with the question on Starts
        assert text_of(app, "#error-start_at") == (
            "↑ 01:30 comes twice in America/New_York on Sun 01 Nov 2026, as the clocks go back "
            "1 h: type 2026-11-01 01:30 (first) for 05:30 UTC on your clock or 2026-11-01 "
            "01:30 (second) for 06:30 UTC"
        )
        assert workspace.all_records("round") == []
        form.query_one("#field-start_at", Input).focus()
        await pilot.press("end")
        await type_text(pilot, " (second)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    (night,) = workspace.all_records("round")
    assert night["start_at"] == "2026-11-01 01:30 (second)"
