"""The dashboard's next actions on real TinyDB files: a thank-you note with hours left comes
before a debrief with no deadline (an overdue one first of all), two interviewers of one name
are told apart by their round, and a concern already answered is not asked to be answered."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import save_as_app as save

from tui.core import clock
from tui.core.next_actions import next_actions
from tui.core.readiness import Snapshot
from tui.core.repository import Workspace

NOW = datetime(2026, 11, 30, 9, 30)  # the day after the final round


@pytest.fixture
def held():
    clock.hold(NOW)
    yield NOW
    clock.hold(None)


def two_rounds(tmp_path) -> Workspace:
    ws = Workspace(tmp_path / "workspace.json")
    save(ws, "opportunity", {"company": "Northwind", "role": "Platform engineer"})
    first = {"name": "First round", "start_at": "2026-11-20 10:00", "end_at": "2026-11-20 11:00"}
    final = {"name": "Final round", "start_at": "2026-11-29 10:00", "end_at": "2026-11-29 12:00"}
    first_id, final_id = save(ws, "round", first).id, save(ws, "round", final).id
    save(ws, "interviewer", {"name": "Maria Lopez", "round": final_id})
    return ws, first_id, final_id


def test_a_note_with_hours_left_comes_before_a_debrief(tmp_path, held):
    ws, first, final = two_rounds(tmp_path)
    actions = next_actions(Snapshot(ws))
    shown = [(a.text, a.when) for a in actions[:3]]
    assert shown == [
        ("Send the note to Maria Lopez", "2 h 30 m left"),  # before: below the debriefs
        ("Debrief the first round: which questions came?", ""),
        ("Debrief the final round: which questions came?", ""),
    ]
    ws.close()


def test_two_interviewers_of_one_name_are_told_apart_by_their_round(tmp_path, held):
    ws, first, final = two_rounds(tmp_path)
    # one of the same name met in the first round, whose note is overdue: at the top, and
    # each says which round
    save(ws, "interviewer", {"name": "Maria Lopez", "round": first})
    texts = [a.text for a in next_actions(Snapshot(ws))[:4]]
    assert texts[:2] == [
        "Send the note to Maria Lopez (First round)",
        "Send the note to Maria Lopez (Final round)",
    ]
    assert texts[2].startswith("Debrief the first round")
    ws.close()


def test_a_concern_with_an_answer_written_is_to_be_marked_ready(tmp_path, held):
    ws, first, final = two_rounds(tmp_path)
    concern = save(ws, "concern", {"raised": "No experience managing people"})
    texts = [a.text for a in next_actions(Snapshot(ws))]
    assert "Answer the concern 'No experience managing people'" in texts
    answer = "I led the platform guild of six and mentored two engineers to senior."
    save(ws, "concern", {"answer": answer}, concern.id)  # its state is still 'open'
    texts = [a.text for a in next_actions(Snapshot(ws))]
    assert "Answer the concern 'No experience managing people'" not in texts
    assert "Mark your answer to 'No experience managing people' ready" in texts
    save(ws, "concern", {"state": "answer ready"}, concern.id)
    assert not any("No experience managing people" in a.text for a in next_actions(Snapshot(ws)))
    ws.close()
