"""Rounds on screen, driven by a Pilot over the demo on a real file: planning a panelist from
lists filtered as you type, the warnings in pane 8 and on the dashboard, a debrief."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import SIZE, make_app, new_record_form, picked, settle, text_of
from textual.widgets import Input, OptionList, Select, SelectionList

from tui.core import clock, round_plans, rounds
from tui.core.demo import build_demo
from tui.ui.day_of_screen import DayOfScreen
from tui.ui.field_widgets import PickList
from tui.ui.form import RecordForm

NOW = datetime(2026, 3, 10, 9, 30)


@pytest.fixture
def demo_now(tmp_path):
    """The demo, with the clock held where the demo was built."""
    clock.hold(NOW)
    yield build_demo(tmp_path / "demo.json")
    clock.hold(None)


async def test_planning_a_panelist_from_a_list_filtered_as_you_type(demo_now):
    ws = demo_now
    aiko = next(i for i in ws.scoped_records("interviewer") if i.title == "Aiko Tanaka")
    migration = next(s for s in ws.all_records("story") if s.title.startswith("Led the Kub"))
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await settle(pilot)
        assert "No question planned" not in text_of(app, "#plan-warnings")
        await pilot.press("j", "j", "j", "e")  # Aiko, in the final round
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm)
        picker = form.query_one("#field-plan_stories", PickList)
        picker.query_one(Input).focus()
        await pilot.press(*"kubernets migraton")  # two typos
        await pilot.pause()
        shown = picker.query_one(SelectionList)
        titles = [str(shown.get_option_at_index(i).prompt) for i in range(shown.option_count)]
        # the story typed for, and the two already planned for her, which stay in view
        assert titles == [
            "Led the Kubernetes migration across four teams",
            "Resolved a conflict between the data and payments teams",
            "Mentored two engineers to senior",
        ]
        await pilot.press("tab", "space")  # tick the first: the migration story
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RecordForm)
        saved = ws.get("interviewer", aiko.id)
        assert saved["plan_stories"] == [migration.id, *aiko["plan_stories"]]
        warnings = text_of(app, "#plan-warnings")
        assert "Give Marta Jensen and Aiko Tanaka different stories: each has" in warnings


async def test_the_repeat_warning_shows_in_pane_8_and_on_the_dashboard(demo_now):
    app = make_app(demo_now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        expected = "Plan a new example for Marta Jensen: they heard “Led the Kubernetes migration"
        actions = app.main.query_one("#dash-actions", OptionList)  # what to do next
        listed = [str(actions.get_option_at_index(i).prompt) for i in range(actions.option_count)]
        assert any(expected in line for line in listed)
        await pilot.press("8")
        await settle(pilot)
        assert expected in text_of(app, "#plan-warnings")
        # and in the detail of the panelist it is about
        await pilot.press("j", "j")
        await pilot.pause()
        detail = text_of(app, "#detail")
        assert "Plan for Marta Jensen · Final round" in detail and expected in detail


async def test_a_debrief_scores_the_predictions_and_carries_forward(demo_now):
    ws = demo_now
    first = rounds.rounds_of(ws)[0]
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_record_form(pilot, "8", "asked")
        assert isinstance(form, RecordForm)
        # a question asked goes to the round that ended last
        assert form.collect()["round"] == first.id
        # what is typed at once goes to the question, not to the round picked already
        question = form.query_one("#field-text", Input)
        assert form.focused is question
        await pilot.press(*"how do you decide")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("right")  # takes the completion from the practice bank
        assert question.value == "How do you decide what not to build?"
        form.query_one("#field-notes").focus()
        await pilot.press(*"Froze on the trade-offs; prepare two examples.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        asked = ws.scoped_records("asked")[-1]
        assert asked["predicted"] and asked["round"] == first.id
        # the scorecard of the round, worked out from its records: 4 of 6 were predicted
        app.screen.query_one("#table-round").focus()
        await pilot.pause()
        detail = text_of(app, "#detail")
        assert (
            "Recall 67%: 4 of 6 questions asked were in your practice bank before the round"
            in detail
        )
        assert "Precision 50%: 2 of 4 practised questions came" in detail
        # what was noticed becomes feedback for the next round
        table = app.screen.query_one("#table-asked")
        table.focus()
        table.move_cursor(row=len(ws.scoped_records("asked")) - 1)
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm) and app.screen.kind.name == "feedback"
        await pilot.press("ctrl+s")
        await settle(pilot)
        feedback = ws.scoped_records("feedback")[-1]
        assert feedback["said"] == "Froze on the trade-offs; prepare two examples."
        assert feedback["round"] == first.id


async def test_who_asked_names_each_interviewer_with_their_round(demo_now):
    """Marta Jensen interviews in both rounds: the debrief's picker tells the two apart."""
    ws = demo_now
    first, final = rounds.rounds_of(ws)
    marta = {
        p["round"]: p.id for p in ws.scoped_records("interviewer") if p.title == "Marta Jensen"
    }
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_record_form(pilot, "8", "asked")
        assert isinstance(form, RecordForm)
        picker = form.query_one("#field-by", Select)
        options = [(str(p), v) for p, v in picker._options if v is not Select.NULL]
        # earliest round first; each name once with its round
        assert options[:2] == [
            ("Marta Jensen · First round", marta[first.id]),
            ("Kofi Mensah · First round", options[1][1]),
        ]
        assert ("Marta Jensen · Final round", marta[final.id]) in options
        assert len({prompt for prompt, _ in options}) == len(options) == 5
        picker.value = marta[first.id]
        form.query_one("#field-text", Input).value = "What is your on-call rota like?"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert ws.scoped_records("asked")[-1]["by"] == marta[first.id]


async def test_debrief_and_day_of_brief_are_in_the_palette(demo_now):
    app = make_app(demo_now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Debrief: First")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        debrief = text_of(app, "#detail")
        assert "Prediction scorecard" in debrief
        # your own questions of the round, with what you heard
        assert (
            "Your questions asked, and what you heard\n"
            "  · How do you celebrate a project that went well, and one that failed?\n"
            "    Blameless reviews for both; they demo wins at the Friday show-and-tell."
        ) in debrief
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Day-of brief")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DayOfScreen)
        body = text_of(app, "#day-of-text")
        assert body.startswith("# Day-of brief: Northwind Logistics")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DayOfScreen)


async def test_the_story_bank_filters_to_stories_not_yet_told_at_this_company(demo_now):
    from tui.ui.pane import RecordTable

    ws = demo_now
    told = round_plans.told_at(ws, ws.active)
    assert len(told) == 3  # from the first round's debrief
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        table = app.screen.query_one("#table-story", RecordTable)
        assert len(table.records) == 9
        await pilot.press("t")
        await settle(pilot)
        assert {r.id for r in table.records} == {s.id for s in ws.all_records("story")} - told
        assert "not yet told at Northwind Logistics" in text_of(app, "#title-story")
        # a story's detail says where it was told
        await pilot.press("t")
        await settle(pilot)
        assert len(table.records) == 9
        assert text_of(app, "#detail").startswith("Told: not yet")  # the selection stayed
        table.move_cursor(row=0)
        await pilot.pause()
        assert text_of(app, "#detail").startswith("Told: Northwind Logistics, First round, Kofi")


async def test_space_marks_a_question_asked_in_the_first_round_with_the_answer_heard(demo_now):
    """Pane 6: space on a question marks it asked in the round that ended last; the answer
    heard is typed on that round's record, and the question says where it was asked."""
    from textual.widgets import TextArea

    from tui.ui.pane import RecordTable

    ws = demo_now
    first = rounds.rounds_of(ws)[0]
    question = next(q for q in ws.all_records("question") if q.title.startswith("What made"))
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await settle(pilot)
        table = app.screen.query_one("#table-question", RecordTable)
        assert table.has_focus
        table.select_record(question.id)
        await pilot.press("space")
        await settle(pilot)
        mine = [a for a in ws.scoped_records("asked_them") if a["question"] == question.id]
        assert [a["round"] for a in mine] == [first.id]
        row = table.get_row_at(table.cursor_row)
        assert str(row[0]).startswith("(asked) What made")  # the list says so at once
        assert "Your questions asked, by round · 2" in text_of(app, "#title-asked_them")
        # the answer heard belongs to the round: typed on its record, in the list below
        below = app.screen.query_one("#table-asked_them", RecordTable)
        below.focus()
        below.select_record(mine[0].id)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm) and form.kind.name == "asked_them"
        form.query_one("#field-answer", TextArea).focus()
        await pilot.press(*"Curiosity, and writing [things] down.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert ws.get("asked_them", mine[0].id)["answer"] == "Curiosity, and writing [things] down."
        table.focus()
        table.select_record(question.id)
        await pilot.pause()
        detail = text_of(app, "#detail")
        assert detail.startswith(
            "Asked: Northwind Logistics, First round — Curiosity, and writing [things] down."
        )
        # space again: not asked in that round any more (u would bring it back)
        await pilot.press("space")
        await settle(pilot)
        assert [a for a in ws.scoped_records("asked_them") if a["question"] == question.id] == []
        assert str(table.get_row_at(table.cursor_row)[0]).startswith("What made")


async def test_a_question_asked_starts_on_the_rounds_only_interviewer(demo_now):
    """The first round's debrief: with Marta and Kofi, who asked is left empty; with Marta
    alone, the form starts on her and another pick still replaces her."""
    ws = demo_now
    first = rounds.rounds_of(ws)[0]
    met = [p for p in ws.scoped_records("interviewer") if p["round"] == first.id]
    marta, kofi = sorted(met, key=lambda p: p.title != "Marta Jensen")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_record_form(pilot, "8", "asked")
        assert isinstance(form, RecordForm)
        assert form.collect()["round"] == first.id and form.collect()["by"] is None
        await pilot.press("escape")
        await settle(pilot)
    ws.delete("interviewer", kofi.id)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_record_form(pilot, "8", "asked")
        assert isinstance(form, RecordForm)
        value, label = picked(form, "by")
        assert value == marta.id and "Marta Jensen · First round" in label
        # still a choice: another pick replaces her, and the save keeps it
        picker = form.query_one("#field-by", Select)
        picker.focus()
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        other = picker.value
        assert other not in (marta.id, Select.NULL)
        form.query_one("#field-text", Input).value = "What is your on-call rota like?"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert ws.scoped_records("asked")[-1]["by"] == other


async def test_rounds_are_listed_in_time_order_however_they_were_added(workspace):
    """A round added later but held earlier (the on-site before the final) comes first in
    pane 8's list, as it does in the interviewers' grouping; rounds without a time last."""
    from tui.ui.pane import RecordTable

    workspace.add("opportunity", {"company": "Acme", "role": "Engineer"})
    final = workspace.add("round", {"name": "Final", "start_at": "2026-12-01 10:00"})
    untimed = workspace.add("round", {"name": "Someday"})
    onsite = workspace.add("round", {"name": "Onsite", "start_at": "2026-10-25 10:00"})
    app = make_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        table = app.screen.query_one("#table-round", RecordTable)
        assert table.row_ids == [onsite.id, final.id, untimed.id]
