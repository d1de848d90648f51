"""A round to come with nobody recorded for it (whom the candidate will meet, and thank
after) is a next step on the dashboard and a line of the day-of brief, not only a warning in
pane 8. Real TinyDB files."""

from __future__ import annotations

from datetime import timedelta

from conftest import MIDDAY
from conftest import save_as_app as save

from tui.core.day_of import day_of_brief
from tui.core.next_actions import next_actions
from tui.core.readiness import Snapshot
from tui.core.repository import Workspace


def at(hours: float) -> str:
    return (MIDDAY + timedelta(hours=hours)).isoformat(timespec="minutes")


def with_opportunity(tmp_path) -> Workspace:
    ws = Workspace(tmp_path / "workspace.json")
    opp = save(ws, "opportunity", {"company": "Globex", "role": "Data engineer"})
    ws.set_active(opp.id)
    return ws


def test_a_round_to_come_with_nobody_recorded_is_a_next_step_and_in_the_brief(tmp_path, held):
    ws = with_opportunity(tmp_path)
    second = save(ws, "round", {"name": "Second round", "start_at": at(26)})
    told = "Add who you will meet in the second round (Wed 11 Mar)"
    found = [a for a in next_actions(Snapshot(ws)) if a.text == told]
    assert [(a.place, a.kind_name, a.record_id) for a in found] == [("8", "round", second.id)]
    brief = day_of_brief(ws, ws.active)
    said = "- In pane 8, add who you will meet in the second round, so their thank-you notes"
    assert said in brief, brief
    save(ws, "interviewer", {"name": "Dana Ruiz", "round": second.id})
    assert not any("who you will meet" in a.text for a in next_actions(Snapshot(ws)))
    assert "who you will meet" not in day_of_brief(ws, ws.active)
    ws.close()
