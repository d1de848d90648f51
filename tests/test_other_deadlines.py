"""Preparing for two companies at once, on real TinyDB files and real screens: a thank-you note
due at one company shows on the other's dashboard and beside it in the opportunity list, the
records of one opportunity stay off the other's to-dos and rehearsal, and an opportunity whose
rounds are all over says so instead of 'preparing'."""

from __future__ import annotations

import random
from datetime import timedelta

from conftest import MIDDAY, make_app, settle, text_of
from conftest import from_midday as at
from conftest import save_as_app as save
from textual.widgets import ContentSwitcher, OptionList

from tui.core import clock
from tui.core.next_actions import next_actions
from tui.core.readiness import Snapshot, checklist, unanswered_questions
from tui.core.rehearsal import rehearsable
from tui.core.repository import Workspace
from tui.ui.rehearsal_screen import RehearsalScreen


def two_companies(tmp_path) -> tuple[Workspace, int, int]:
    """Northwind's final round ended 22 h 49 m ago (Marcus's note: 1 h 11 m left); Globex,
    with its exec chat in three days, is the active one."""
    ws = Workspace(tmp_path / "workspace.json")
    northwind = save(ws, "opportunity", {"company": "Northwind", "role": "Platform engineer"})
    ws.set_active(northwind.id)
    end = -timedelta(hours=22, minutes=49)
    final = {"name": "Final round", "start_at": at(end - timedelta(hours=2)), "end_at": at(end)}
    final_id = save(ws, "round", final).id
    save(ws, "interviewer", {"name": "Marcus Hale", "round": final_id})
    save(ws, "asked", {"round": final_id, "text": "How would you cut build times?"})
    globex = save(ws, "opportunity", {"company": "Globex", "role": "Data engineer"})
    ws.set_active(globex.id)
    chat = {"start_at": at(timedelta(days=3)), "end_at": at(timedelta(days=3, hours=1))}
    save(ws, "round", {"name": "Exec chat", **chat})
    return ws, northwind.id, globex.id


def listed(app) -> list[str]:
    actions = app.main.query_one("#dash-actions", OptionList)
    return [str(actions.get_option_at_index(i).prompt) for i in range(actions.option_count)]


def test_a_note_due_at_another_company_comes_first_with_its_company(tmp_path, held):
    ws, northwind, globex = two_companies(tmp_path)
    first = next_actions(Snapshot(ws))[0]
    assert (first.text, first.when) == (
        "Send the note to Marcus Hale at Northwind",
        "1 h 11 m left",
    )
    assert first.opportunity == northwind
    save(ws, "opportunity", {"status": "withdrawn"}, northwind)  # nothing is due there now
    assert not any("Northwind" in a.text for a in next_actions(Snapshot(ws)))
    ws.close()


def test_a_debrief_just_due_at_another_company_is_named_too(tmp_path, held):
    ws, northwind, globex = two_companies(tmp_path)
    ws.set_active(northwind)
    panel = {
        "name": "Panel",
        "start_at": at(-timedelta(hours=3)),
        "end_at": at(-timedelta(hours=2)),
    }
    save(ws, "round", panel)
    ws.set_active(globex)
    texts = [a.text for a in next_actions(Snapshot(ws))]
    assert "Debrief the panel at Northwind: which questions came?" in texts
    # a round long over waits for its own company's dashboard
    clock.hold(MIDDAY + timedelta(days=4))
    assert not any("Debrief the panel" in a.text for a in next_actions(Snapshot(ws)))
    ws.close()


async def test_the_dashboard_and_the_list_show_the_other_deadline(tmp_path, held):
    ws, northwind, globex = two_companies(tmp_path)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = listed(app)
        # no pane's key: pane 8 would show Globex's notes, the active opportunity's
        note = "• Send the note to Marcus Hale at Northwind · enter · 1 h 11 m left"
        assert shown[0] == note, shown
        await pilot.press("o")
        await settle(pilot)
        options = app.screen.query_one("#opportunities", OptionList)
        lines = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        assert "due: note to Marcus Hale 1 h 11 m left" in lines[0], lines
        assert "due:" not in lines[1], lines
        await pilot.press("escape")
        await settle(pilot)
        # Enter on it opens Marcus in pane 8, Northwind now the active one
        app.main.query_one("#dash-actions", OptionList).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert ws.active_id == northwind
        assert app.main.query_one("#main", ContentSwitcher).current == "pane-8"
    ws.close()


def test_the_records_of_one_opportunity_stay_off_the_others_to_dos(tmp_path, held):
    ws, northwind, globex = two_companies(tmp_path)
    ws.set_active(northwind)
    save(ws, "concern", {"raised": "Never ran a Northwind-size fleet"})
    save(ws, "research", {"headline": "Northwind opens a hub in Antwerp"})
    ws.set_active(globex)
    for action in next_actions(Snapshot(ws)):
        if action.record_id is not None and action.opportunity is None:
            record = ws.get(action.kind_name, action.record_id)
            assert record.opportunity in (None, globex), action
    # a question of the bank that names Northwind is Northwind's to answer, not Globex's
    save(ws, "practice", {"text": "Why Northwind?"})
    save(ws, "practice", {"text": "Why Globex rather than Northwind?"})
    texts = [a.text for a in next_actions(Snapshot(ws))]
    assert "Find a story that answers 'Why Northwind?'" not in texts
    assert "Find a story that answers 'Why Globex rather than Northwind?'" in texts
    # pane 6's checklist agrees: only the question that names Globex is a gap (with the one
    # asked in Northwind's final, a question of the bank now)
    gaps = next(c for c in checklist(ws, 6) if c.text.endswith("has a story that answers it"))
    assert gaps.detail == "2 questions without a story", gaps
    assert "Why Northwind?" not in [q["text"] for q in unanswered_questions(Snapshot(ws))]
    ws.set_active(northwind)
    texts = [a.text for a in next_actions(Snapshot(ws))]
    assert "Find a story that answers 'Why Northwind?'" in texts
    ws.close()


async def test_an_opportunity_with_every_round_over_is_not_shown_as_preparing(tmp_path, held):
    ws, northwind, globex = two_companies(tmp_path)
    ws.set_active(northwind)
    texts = [a.text for a in next_actions(Snapshot(ws))]
    assert "Set the status of Northwind: every round is over" in texts
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        heading = text_of(app, "#dash-opportunity")
        assert "every round over: set the status" in heading and "preparing" not in heading, heading
        await pilot.press("o")  # the list of opportunities says it too, with the key there
        await settle(pilot)
        options = app.screen.query_one("#opportunities", OptionList)
        lines = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        assert "every round over: set the status (e)" in lines[0], lines
        assert "preparing" not in lines[0], lines
        assert "  preparing · exec chat in 3 d" in lines[1], lines  # still to come there
        await pilot.press("escape")
        await settle(pilot)
        status = next(n for n, line in enumerate(listed(app)) if "Set the status" in line)
        actions = app.main.query_one("#dash-actions", OptionList)
        actions.focus()
        actions.highlighted = status
        await pilot.press("enter")  # the opportunity's own form, where its status is
        await settle(pilot)
        assert type(app.screen).__name__ == "RecordForm"
    save(ws, "opportunity", {"status": "interviewed"}, northwind)
    assert not any("Set the status" in a.text for a in next_actions(Snapshot(ws)))
    ws.set_active(globex)  # its exec chat is still to come
    assert not any("Set the status" in a.text for a in next_actions(Snapshot(ws)))
    ws.close()


async def test_the_rehearsal_leaves_a_question_naming_another_company_to_it(tmp_path, held):
    ws, northwind, globex = two_companies(tmp_path)
    save(ws, "practice", {"text": "Why Northwind?"})
    save(ws, "practice", {"text": "Why Globex?"})
    # what is due for Globex: its own question and the one asked in Northwind's final (a
    # question of the bank now, naming no company), never Northwind's
    texts = [a.text for a in next_actions(Snapshot(ws))]
    assert "Rehearse 2 items due before the interview" in texts, texts
    done = next(c for c in checklist(ws, 6) if c.detail.endswith("rehearsed"))
    assert done.detail == "0 of 2 rehearsed"
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = app.main.query_one("#dash-strategies", OptionList)
        six = str(lines.get_option_at_index(5).prompt)
        assert "2 to practise, 0 practised" in six, six
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RehearsalScreen)
        assert "item 1 of 2" in text_of(app, "#rehearse-header")
        prompts = []
        for _ in range(2):
            prompts.append(text_of(app, "#rehearse-prompt"))
            await pilot.press("3")  # rated good: the next item
            await settle(pilot)
        assert "Why Globex?" in prompts and "Why Northwind?" not in prompts, prompts
        assert "2 items rehearsed" in text_of(app, "#rehearse-kind")  # the summary
    assert not any(a.text.startswith("Rehearse") for a in next_actions(Snapshot(ws)))
    assert next(c for c in checklist(ws, 6) if c.detail.endswith("rehearsed")).done
    # Northwind's own preparation has its question to rehearse
    ws.set_active(northwind)
    assert "Why Northwind?" in [r.title for r in rehearsable(ws)]
    ws.close()


def test_all_questions_looked_through_at_once_agree_with_one_at_a_time(tmp_path):
    """this_companys searches every question's text in one go; it must leave out exactly the
    questions that, read one by one, name another company and not the active one."""
    from tui.core.elsewhere import company_patterns, this_companys
    from tui.core.kinds import KINDS
    from tui.core.record import Record

    ws, _, globex = two_companies(tmp_path)
    texts = [
        "Northwind",
        "Why Northwind?",
        "northwind's culture",
        "Why Globex rather than Northwind?",
        "Northwinds of change",  # not the name: a longer word
        "",
        "\u0130stanbul office of Northwind",  # lowercased to two characters
        "NORTHWIND\nGlobex",  # a line break inside one question
        "Globex",
        "x-Northwind-y",
        "Tell me about a time you led.",
    ]
    rng = random.Random(5)  # and many more, of every length, in a shuffled order
    pieces = [*texts, "a", "team", "long " * 30, "Northwind", "Globex", "?", " "]
    texts += [" ".join(rng.choices(pieces, k=rng.randint(0, 4))) for _ in range(400)]
    rng.shuffle(texts)
    questions = [Record(KINDS["practice"], n, {"text": t}) for n, t in enumerate(texts, 1)]
    others, mine = company_patterns(ws, globex)
    assert others is not None and mine is not None

    def about(text: str) -> bool:  # one question at a time
        low = text.lower()
        return bool(others.search(low)) and not mine.search(low)

    kept = [q["text"] for q in this_companys(ws, globex, questions)]
    assert kept == [t for t in texts if not about(t)]
    assert "Why Northwind?" not in kept and "Tell me about a time you led." in kept
    ws.close()
