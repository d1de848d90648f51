"""Your questions asked by round, in the core: a file of the release where "asked" was one
flag per question migrates with a backup, space marks a question asked in a round of the
active opportunity only, the readiness line, next actions and day-of brief follow. Real
TinyDB files throughout."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from tui.core import clock, questions_asked, readiness, requests
from tui.core.backups import backups
from tui.core.day_of import day_of_brief
from tui.core.demo import build_demo
from tui.core.export import import_json, to_json
from tui.core.next_actions import next_actions
from tui.core.repository import SCHEMA_VERSION, Workspace
from tui.core.rounds import local_times
from tui.core.snapshot import Snapshot

FIXTURES = Path(__file__).parent / "fixtures"
AFTER_FIRST = datetime(2026, 3, 4, 9, 0)  # the first round is over, the final still to come


@pytest.fixture
def held():
    clock.hold(AFTER_FIRST)
    yield AFTER_FIRST
    clock.hold(None)


def old_file(tmp_path: Path, change=None) -> Path:
    """A file of the release where "asked" was a flag of the question (schema 4), perhaps
    changed."""
    path = tmp_path / "workspace.json"
    doc = json.loads((FIXTURES / "workspace-schema-4.json").read_text())
    if change is not None:
        change(doc)
    path.write_text(json.dumps(doc))
    return path


def flip(ws: Workspace, question_id: int) -> str:
    request = requests.FlipState("question", question_id)
    request.apply(ws)
    return request.done_text(ws, None)


# -- migration ---------------------------------------------------------------------------------
def test_a_file_with_asked_questions_moves_them_to_the_last_round_with_a_backup(tmp_path, held):
    path = tmp_path / "workspace.json"
    shutil.copy(FIXTURES / "workspace-schema-4.json", path)
    before = path.read_bytes()
    ws = Workspace(path)
    kept = backups(path)
    assert len(kept) == 1 and f"before-schema-{SCHEMA_VERSION}" in kept[0].name
    assert kept[0].read_bytes() == before
    first = next(r for r in ws.scoped_records("round", 1) if r.title == "First round")
    moved = ws.scoped_records("asked_them", 1)
    # both the questions flagged asked and the one with only an answer heard, in the round
    # that ended last; the answers heard go with them
    assert [(a["question"], a["round"], a["answer"]) for a in moved] == [
        (1, first.id, "Blameless reviews for both; demos on Fridays."),
        (2, first.id, ""),
        (3, first.id, "Heard from the recruiter: a promotion panel twice a year."),
    ]
    assert moved[0].title.startswith("How do you celebrate a project")
    assert not any(a.damaged for a in moved)
    # the bank keeps its questions, without the old fields, for every opportunity
    questions = ws.all_records("question")
    assert len(questions) == 3 and not any(q.damaged for q in questions)
    assert ws.scoped_records("asked_them", 2) == []  # Lumen Health asked none of them
    ws.close()
    on_disk = json.loads(path.read_text())
    assert on_disk["_meta"]["1"]["schema"] == SCHEMA_VERSION
    assert all("asked" not in q and "answer" not in q for q in on_disk["question"].values())
    Workspace(path).close()  # opened again: nothing more to migrate, no second copy
    assert len(backups(path)) == 1


def test_with_no_round_over_yet_they_go_to_an_earlier_round(tmp_path):
    def final_only(doc: dict) -> None:
        del doc["round"]["1"]
        doc["interviewer"]["1"]["round"] = 2

    clock.hold(datetime(2026, 3, 4, 9, 0))
    try:
        ws = Workspace(old_file(tmp_path, final_only))
    finally:
        clock.hold(None)
    earlier = next(r for r in ws.scoped_records("round", 1) if r.title == "Earlier round")
    # it ended when the flags were last set, so it sorts before the final round
    assert (earlier["start_at"], earlier["end_at"]) == ("2026-03-03 17:00", "2026-03-03 18:00")
    assert {a["round"] for a in ws.scoped_records("asked_them", 1)} == {earlier.id}
    ws.close()


def test_an_export_of_the_release_before_imports_and_migrates(tmp_path, held):
    ws = Workspace(old_file(tmp_path))
    ws.close()
    old = json.loads((FIXTURES / "workspace-schema-4.json").read_text())
    text = json.dumps(old)  # a backup copy of the old file imports like an export
    target = tmp_path / "imported.json"
    import_json(text, target)
    imported = Workspace(target)
    assert len(imported.scoped_records("asked_them", 1)) == 3
    assert json.loads(to_json(imported))["schema"] == SCHEMA_VERSION
    imported.close()
    # a flag stored as text is refused before anything is written
    old["question"]["1"]["asked"] = "yes"
    with pytest.raises(ValueError, match="Asked in this round"):
        import_json(json.dumps(old), tmp_path / "refused.json")
    assert not (tmp_path / "refused.json").exists()


# -- space marks a question asked in a round ------------------------------------------------
def test_space_marks_a_question_asked_in_the_round_that_ended_last(tmp_path, held):
    ws = Workspace(old_file(tmp_path))
    q = ws.add("question", {"text": "Who would I work with most?", "category": "team"})
    said = flip(ws, q.id)
    assert said == (
        "Marked as asked in the first round at Northwind Logistics: Who would I work with most?"
    )
    first = next(r for r in ws.scoped_records("round", 1) if r.title == "First round")
    mine = questions_asked.asked_in(ws, q.id, 1)
    assert [(a["round"], a.title) for a in mine] == [(first.id, "Who would I work with most?")]
    assert q.id in Snapshot(ws).asked_questions()
    # the bank is shared: at Lumen Health the same question is not asked yet
    ws.set_active(2)
    assert q.id not in Snapshot(ws).asked_questions()
    ws.set_active(1)
    assert flip(ws, q.id).startswith("Marked as not asked in the first round")
    assert questions_asked.asked_in(ws, q.id, 1) == []
    ws.close()


def test_the_round_under_way_comes_first_and_the_next_only_when_none_has_begun(tmp_path):
    ws = Workspace(old_file(tmp_path))
    first, final = sorted(ws.scoped_records("round", 1), key=lambda r: r["start_at"])
    assert questions_asked.round_for_asking(ws, 1, datetime(2026, 3, 5, 9, 0)).id == first.id
    # the rounds are in Europe/Amsterdam: the times below are on this computer's clock
    start, end = local_times(final)
    assert start is not None and end is not None
    assert questions_asked.round_for_asking(ws, 1, start + (end - start) / 2).id == final.id
    assert questions_asked.round_for_asking(ws, 1, end).id == final.id  # just over
    before_all = datetime(2026, 2, 1, 9, 0)
    assert questions_asked.round_for_asking(ws, 1, before_all).id == first.id
    assert questions_asked.round_for_asking(ws, 1, before_all, upcoming=False) is None
    ws.close()


def test_a_question_cannot_be_asked_where_no_round_has_a_time(tmp_path, held):
    ws = Workspace(old_file(tmp_path))
    ws.set_active(2)  # Lumen Health has no round
    with pytest.raises(ValueError, match="Lumen Health has no round with a time yet"):
        flip(ws, 1)
    ws.close()


def test_a_question_typed_in_a_debrief_joins_the_bank_and_keeps_its_words(tmp_path, held):
    ws = Workspace(old_file(tmp_path))
    request = requests.SaveRecord(
        "asked_them", None, {"round": 1, "text": "What keeps you here?", "answer": "The people."}
    )
    request.apply(ws)
    asked = ws.scoped_records("asked_them")[-1]
    bank = ws.get("question", asked["question"])
    assert bank.title == "What keeps you here?"
    # the bank words it otherwise later: the record keeps what was asked, and its link
    ws.update("question", bank.id, {"text": "What has kept you here for years?"})
    requests.SaveRecord("asked_them", asked.id, {"answer": "The people, and the pace."}).apply(ws)
    assert ws.get("asked_them", asked.id)["question"] == bank.id
    assert len(ws.all_records("question")) == 4
    ws.close()


# -- what the rest of the workspace makes of it ----------------------------------------------
def test_readiness_next_actions_and_the_day_of_brief_follow_the_rounds(tmp_path, held):
    ws = Workspace(old_file(tmp_path))
    assert readiness.summary(ws, 6).startswith("3 to ask, 3 asked")
    actions = [a.text for a in next_actions(Snapshot(ws))]
    assert (
        "Note the answer you heard to 'What made the last person in this role successf…'" in actions
    )
    final = next(r for r in ws.scoped_records("round", 1) if r.title == "Final round")
    requests.SaveRecord(
        "interviewer", None, {"name": "Aiko Tanaka", "round": final.id, "plan_questions": [1, 3]}
    ).apply(ws)
    brief = day_of_brief(ws, ws.active)
    assert (
        "- Ask: How do you celebrate a project that went well, and one that failed? (asked in "
        "the first round) / What does the path to principal look like? (asked in the first "
        "round)"
    ) in brief
    assert "## What you heard in earlier rounds" in brief
    assert "- What does the path to principal look like? — Heard from the recruiter" in brief
    ws.set_active(2)
    assert readiness.summary(ws, 6).startswith("3 to ask, 0 asked")
    ws.close()


def test_the_demo_asked_one_question_in_its_first_round(tmp_path, held):
    ws = build_demo(tmp_path / "demo.json")
    mine = ws.scoped_records("asked_them")
    assert len(mine) == 1 and mine[0]["answer"].startswith("Blameless reviews")
    heard = questions_asked.where_asked(ws, mine[0]["question"])
    assert heard == [
        questions_asked.Heard(
            "Northwind Logistics",
            "First round",
            "Kofi Mensah",
            "Blameless reviews for both; they demo wins at the Friday show-and-tell.",
        )
    ]


def test_the_prep_brief_names_the_round_and_person_a_record_links_to(tmp_path, held):
    from tui.core.export import brief_markdown

    ws = build_demo(tmp_path / "demo.json")
    brief = brief_markdown(ws, ws.active)
    mine = brief[brief.index("### Your questions asked, by round (1)") :]
    assert mine.split("\n")[2:6] == [
        "- **How do you celebrate a project that went well, and one that failed?** — answer noted",
        "  - Round: First round",
        "  - Whom you asked: Kofi Mensah",
        "  - The answer you heard: Blameless reviews for both; they demo wins at the Friday "
        "show-and-tell.",
    ]
    assert "is gone)" not in brief  # links to rounds, interviewers and questions all resolve
