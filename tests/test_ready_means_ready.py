"""A concern is answer ready only with an answer written, and a pane's one-line checklist
counts what is left as checks: real TinyDB files, real screens."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from conftest import MIDDAY, SIZE, capture_notes, make_app, settle, text_of, type_text
from conftest import save_as_app as save
from textual.widgets import OptionList, Select, TextArea

from tui.core import clock, rounds
from tui.core.next_actions import next_actions
from tui.core.readiness import Snapshot, checklist
from tui.core.repository import Workspace
from tui.core.states import flip
from tui.ui.form import RecordForm

RAISED = "Little people management"


def with_concern(tmp_path, **values: str) -> tuple[Workspace, int]:
    ws = Workspace(tmp_path / "workspace.json")
    opp = save(ws, "opportunity", {"company": "Globex", "role": "Data engineer"})
    ws.set_active(opp.id)
    return ws, save(ws, "concern", {"raised": RAISED, **values}).id


def listed(app) -> list[str]:
    actions = app.main.query_one("#dash-actions", OptionList)
    return [str(actions.get_option_at_index(i).prompt) for i in range(actions.option_count)]


def answers_ready(ws: Workspace) -> bool | None:
    return next(c.done for c in checklist(ws, 7) if c.text.startswith("Each concern"))


async def test_space_will_not_mark_a_concern_ready_without_an_answer(tmp_path, held):
    ws, concern = with_concern(tmp_path)
    app = make_app(ws)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        app.screen.query_one("#table-concern").focus()
        await pilot.press("space")
        await settle(pilot)
        assert any("Write your answer" in n and "e opens the form" in n for n in notes), notes
        assert ws.get("concern", concern)["state"] == "open"
        await pilot.press("0")
        await settle(pilot)
        assert any(f"Answer the concern '{RAISED}'" in line for line in listed(app))
    ws.close()


def kept_ready_without_an_answer(tmp_path) -> tuple[Workspace, int]:
    """A concern kept 'answer ready' with no answer, as forms saved it before they checked:
    written into the file as it was kept, then the file opened again."""
    ws, concern = with_concern(tmp_path)
    ws.close()
    path = tmp_path / "workspace.json"
    data = json.loads(path.read_text())
    data["concern"][str(concern)]["state"] = "answer ready"
    path.write_text(json.dumps(data))
    return Workspace(path), concern


def test_a_concern_ready_in_name_only_still_asks_for_its_answer(tmp_path, held):
    ws, concern = kept_ready_without_an_answer(tmp_path)
    kept = ws.get("concern", concern)
    assert kept["state"] == "answer ready" and not kept.damaged  # it still opens as it was
    texts = [a.text for a in next_actions(Snapshot(ws))]
    assert f"Answer the concern '{RAISED}'" in texts
    assert answers_ready(ws) is False
    with pytest.raises(ValueError, match="Write your answer"):
        flip(ws, ws.get("concern", concern))
    save(ws, "concern", {"answer": "I led the guild of six."}, concern)
    assert not any(RAISED in a.text for a in next_actions(Snapshot(ws)))
    assert answers_ready(ws) is True
    ws.close()


async def test_the_form_will_not_save_a_concern_ready_without_an_answer(tmp_path, held):
    ws, concern = with_concern(tmp_path)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        app.screen.query_one("#table-concern").focus()
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#field-state", Select).value = "answer ready"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # not saved: the form stays, the reason under the answer
        said = text_of(app, "#error-answer")
        assert "write your answer first" in said, said
        assert ws.get("concern", concern)["state"] == "open"
        form.query_one("#field-answer", TextArea).focus()
        await type_text(pilot, "I led the guild of six.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        saved = ws.get("concern", concern)
        assert (saved["state"], saved["answer"]) == ("answer ready", "I led the guild of six.")
    ws.close()


async def test_a_concern_kept_ready_without_an_answer_opens_and_asks_for_it(tmp_path, held):
    ws, concern = kept_ready_without_an_answer(tmp_path)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any(f"Answer the concern '{RAISED}'" in line for line in listed(app))
        await pilot.press("7")
        await settle(pilot)
        app.screen.query_one("#table-concern").focus()
        await pilot.press("e")  # its form opens as kept; saving it asks for the answer
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.query_one("#field-state", Select).value == "answer ready"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "write your answer first" in text_of(app, "#error-answer")
    ws.close()


def test_an_import_refuses_a_concern_ready_without_an_answer(tmp_path):
    from tui.core import export

    ws, concern = with_concern(tmp_path)
    data = json.loads(export.to_json(ws))
    for item in data["records"]["concern"]:
        item["values"]["state"] = "answer ready"
    with pytest.raises(export.ImportProblem, match="write your answer first"):
        export.check_import(json.dumps(data))
    ws.close()


async def test_the_checklist_line_counts_the_checks_left(tmp_path, held):
    ws = Workspace(tmp_path / "workspace.json")
    ws.set_active(save(ws, "opportunity", {"company": "Globex", "role": "Data engineer"}).id)
    save(ws, "story", {"title": "Cut the build time"})
    save(ws, "story", {"title": "Led the migration"})
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        line = text_of(app, ".checklist-line")
        assert "(2 stories) and 3 more checks" in line, line
        assert "· 3 more" not in line
    ws.close()


# -- once the round is over ----------------------------------------------------------------
def at(hours: float) -> str:
    from datetime import timedelta

    return (MIDDAY + timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")


def final_round(tmp_path, start: float) -> Workspace:
    """Northwind's final round `start` hours from now, an hour long, with two interviewers
    and nothing planned for them; one story in the bank, never rehearsed."""
    ws = Workspace(tmp_path / "workspace.json")
    ws.set_active(save(ws, "opportunity", {"company": "Northwind", "role": "Platform"}).id)
    final = save(
        ws, "round", {"name": "Final round", "start_at": at(start), "end_at": at(start + 1)}
    )
    for name in ("Marcus Hale", "Priya Nair"):
        save(ws, "interviewer", {"name": name, "round": final.id})
    save(ws, "story", {"title": "Cut the build time", "result": "from 40 to 9 minutes"})
    return ws


async def plan_line(ws: Workspace) -> str:
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        return text_of(app, "#plan-warnings")


async def test_after_the_round_the_plan_check_no_longer_claims_all_clear(tmp_path, held):
    ws = final_round(tmp_path, start=2)
    before = await plan_line(ws)
    assert "No question planned" in before, before
    clock.hold(datetime(2026, 3, 10, 15, 0))  # the round ended half an hour ago
    after = await plan_line(ws)
    assert "✓" not in after and "No round ahead" in after, after
    ws.close()


def test_a_round_to_come_with_nobody_recorded_is_found(tmp_path, held):
    ws = final_round(tmp_path, start=2)  # two interviewers: nobody missing
    assert rounds.rounds_without_people(ws) == []
    offer = save(ws, "round", {"name": "Offer call", "start_at": at(50)})
    save(ws, "round", {"name": "Lunch"})  # no time: not known to be coming
    screen = save(ws, "round", {"name": "Screen", "start_at": at(-48)})  # over already
    assert [r.id for r in rounds.rounds_without_people(ws)] == [offer.id]
    assert screen.id not in {r.id for r in rounds.rounds_without_people(ws)}
    save(ws, "interviewer", {"name": "Dana Ruiz", "round": offer.id})
    assert rounds.rounds_without_people(ws) == []
    ws.close()


async def test_pane_8_asks_for_the_people_of_a_round_to_come_instead_of_all_clear(tmp_path, held):
    ws = final_round(tmp_path, start=2)
    for person in ws.scoped_records("interviewer"):
        ws.delete("interviewer", person.id)
    line = await plan_line(ws)
    assert "✓" not in line, line
    assert "Add who you will meet in the final round (Tue 10 Mar)" in line, line
    assert "thank-you notes" in line
    # once the people of the round are listed, that line goes
    final = rounds.rounds_of(ws)[0]
    save(ws, "interviewer", {"name": "Priya Nair", "round": final.id})
    line = await plan_line(ws)
    assert "Add who you will meet" not in line and "No question planned" in line, line
    ws.close()


def test_no_rehearsal_is_due_once_every_round_is_over(tmp_path, held):
    ws = final_round(tmp_path, start=2)
    rehearse = [a.text for a in next_actions(Snapshot(ws)) if a.place == "r"]
    assert rehearse and rehearse[0].startswith("Rehearse 1 item due before the interview")
    clock.hold(datetime(2026, 3, 10, 15, 0))  # the round ended half an hour ago
    assert not [a for a in next_actions(Snapshot(ws)) if a.place == "r"]
    # a later round with a time: rehearsing for it is due again
    save(ws, "round", {"name": "Panel", "start_at": at(48), "end_at": at(50)})
    assert [a for a in next_actions(Snapshot(ws)) if a.place == "r"]
    ws.close()
