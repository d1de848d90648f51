"""The 24 hours after an interview, on real TinyDB files: an interviewer with no round counts
down from the interview the opportunity names, a new interviewer joins the round just held,
the heading names the follow-ups it counts, and a new workspace lists its checks to do."""

from __future__ import annotations

import json
from datetime import timedelta

from conftest import SIZE, make_app, new_record_form, picked, settle, text_of
from conftest import from_midday as at
from conftest import save_as_app as save
from textual.widgets import ContentSwitcher, OptionList

from tui.core import requests, rounds
from tui.core.backups import backups
from tui.core.day_of import day_of_brief
from tui.core.formatting import note_state
from tui.core.next_actions import next_actions
from tui.core.readiness import Snapshot, figure
from tui.core.repository import SCHEMA_VERSION, Workspace
from tui.ui.form import RecordForm


def opportunity(tmp_path, interview: timedelta) -> Workspace:
    ws = Workspace(tmp_path / "workspace.json")
    values = {"company": "Globex", "role": "Data engineer", "interview_at": at(interview)}
    opp = save(ws, "opportunity", values)
    ws.set_active(opp.id)
    return ws


def listed(app) -> list[str]:
    actions = app.main.query_one("#dash-actions", OptionList)
    return [str(actions.get_option_at_index(i).prompt) for i in range(actions.option_count)]


# -- a thank-you deadline without a round --------------------------------------------------
def test_an_interviewer_with_no_round_counts_down_from_the_interview(tmp_path, held):
    ws = opportunity(tmp_path, -timedelta(hours=2))  # an hour long: it ended an hour ago
    dana = save(ws, "interviewer", {"name": "Dana"})
    assert dana["round"] is None
    assert note_state(dana) == "draft, 23 h 0 m left"
    notes = [a for a in next_actions(Snapshot(ws)) if a.kind_name == "interviewer"]
    assert [(a.text, a.when) for a in notes] == [("Send the note to Dana", "23 h 0 m left")]
    # the interview moves: her deadline follows it
    save(ws, "opportunity", {"interview_at": at(-timedelta(hours=3))}, ws.active_id)
    assert note_state(ws.get("interviewer", dana.id)) == "draft, 22 h 0 m left"
    # linked to a round later, she ends when it does
    final = save(
        ws, "round", {"name": "Final round", "start_at": at(-timedelta(hours=2, minutes=30))}
    )
    dana = save(ws, "interviewer", {"round": final.id}, dana.id)
    assert dana["ended_at"] == at(-timedelta(hours=1, minutes=30))
    assert note_state(dana) == "draft, 22 h 30 m left"
    # a time typed by hand is hers and stays
    dana = save(ws, "interviewer", {"round": None, "ended_at": at(-timedelta(hours=1))}, dana.id)
    assert note_state(dana) == "draft, 23 h 0 m left"
    ws.close()


def test_a_file_from_before_gives_interviewers_without_a_round_their_end(tmp_path, held):
    """Written before an interviewer with no round ended with the interview: opened now,
    they count down as one saved today would; a time of their own and a round stay."""
    ws = opportunity(tmp_path, -timedelta(hours=2))
    final = save(ws, "round", {"name": "Final round", "start_at": at(-timedelta(hours=6))})
    aiko = save(ws, "interviewer", {"name": "Aiko", "round": final.id})
    dana = save(ws, "interviewer", {"name": "Dana"})
    kofi = save(ws, "interviewer", {"name": "Kofi", "ended_at": at(-timedelta(hours=5))})
    other = save(ws, "opportunity", {"company": "Initech", "role": "Analyst"})
    ws.set_active(other.id)
    lee = save(ws, "interviewer", {"name": "Lee"})  # no interview time to end with
    assert lee.opportunity == other.id
    ws.close()
    path = tmp_path / "workspace.json"
    document = json.loads(path.read_text())
    document["_meta"]["1"]["schema"] = 5
    for person in (dana, aiko):
        document["interviewer"][str(person.id)]["ended_at"] = ""
    path.write_text(json.dumps(document))
    before = path.read_bytes()
    ws = Workspace(path)
    dana = ws.get("interviewer", dana.id)
    assert dana["ended_at"] == at(-timedelta(hours=1))
    assert note_state(dana) == "draft, 23 h 0 m left"
    assert ws.get("interviewer", kofi.id)["ended_at"] == at(-timedelta(hours=5))
    assert ws.get("interviewer", aiko.id)["ended_at"] == ""  # her round's end stands for it
    assert ws.get("interviewer", lee.id)["ended_at"] == ""
    ws.set_active(dana.opportunity)
    notes = [a.text for a in next_actions(Snapshot(ws)) if a.kind_name == "interviewer"]
    assert "Send the note to Dana" in notes
    kept = [b for b in backups(path) if "before-schema" in b.name]
    assert len(kept) == 1 and f"before-schema-{SCHEMA_VERSION}" in kept[0].name
    assert kept[0].read_bytes() == before
    ws.close()


def test_the_first_round_takes_in_the_interviewers_added_before_it(tmp_path, held):
    ws = opportunity(tmp_path, -timedelta(hours=2))
    dana = save(ws, "interviewer", {"name": "Dana"})  # ended with the interview
    kofi = save(ws, "interviewer", {"name": "Kofi", "ended_at": at(-timedelta(hours=5))})
    request = requests.SaveRecord(
        "round", None, {"name": "Final round", "start_at": at(-timedelta(hours=4))}
    )
    request.apply(ws)
    final = ws.scoped_records("round", ws.active_id)[0]
    assert request.done_text(ws, final) == ("Saved round: Final round; Dana and Kofi are in it now")
    dana, kofi = ws.get("interviewer", dana.id), ws.get("interviewer", kofi.id)
    assert (dana["round"], kofi["round"]) == (final.id, final.id)
    # Dana followed the interview, so she follows the round; Kofi's own time stays
    assert dana["ended_at"] == at(-timedelta(hours=3))
    assert note_state(dana) == "draft, 21 h 0 m left"
    assert kofi["ended_at"] == at(-timedelta(hours=5))
    # a second round takes no one: which of the two they met in is for the user to say
    lee = save(ws, "interviewer", {"name": "Lee", "round": None})
    second = requests.SaveRecord("round", None, {"name": "Panel", "start_at": at(timedelta(1))})
    second.apply(ws)
    assert ws.get("interviewer", lee.id)["round"] is None
    panel = max(ws.scoped_records("round", ws.active_id), key=lambda r: r.id)
    assert second.done_text(ws, panel) == "Saved round: Panel"
    ws.close()


def test_the_day_of_brief_without_a_round_uses_the_interview_time(tmp_path, held):
    ws = opportunity(tmp_path, timedelta(hours=20))
    save(ws, "interviewer", {"name": "Dana", "title": "Head of data"})
    brief = day_of_brief(ws, ws.active)
    assert "No round yet" not in brief
    assert "## Second interview · Wed 11 Mar 07:30-08:30 local time · video" in brief
    assert "- Countdown: interview in 20 h 0 m" in brief
    assert "## Who you meet (1)\n\n### Dana — Head of data" in brief
    ws.close()


def test_a_new_interviewer_joins_the_only_round_or_the_one_held_last(tmp_path, held):
    ws = opportunity(tmp_path, -timedelta(hours=2))
    first = save(ws, "round", {"name": "First round", "start_at": at(-timedelta(days=7))})
    assert rounds.defaults_for(ws, "interviewer") == {"round": first.id}
    labels = rounds.choice_labels(ws, "round", rounds.choices(ws, "round"))
    assert labels == {first.id: "First round · the only round"}
    final = save(ws, "round", {"name": "Final round", "start_at": at(-timedelta(hours=2))})
    save(ws, "round", {"name": "Offer call"})  # no time yet
    assert rounds.defaults_for(ws, "interviewer") == {"round": final.id}
    labels = rounds.choice_labels(ws, "round", rounds.choices(ws, "round"))
    assert labels[final.id] == "Final round · held last"
    assert labels[first.id] == "First round"
    ws.close()


def test_a_question_asked_starts_on_the_only_interviewer_of_its_round(tmp_path, held):
    ws = opportunity(tmp_path, -timedelta(hours=2))
    first = save(ws, "round", {"name": "First round", "start_at": at(-timedelta(days=7))})
    assert rounds.defaults_for(ws, "asked") == {"round": first.id}  # nobody met yet
    dana = save(ws, "interviewer", {"name": "Dana", "round": first.id})
    save(ws, "interviewer", {"name": "Eli", "round": None})  # in no round: not counted
    assert rounds.defaults_for(ws, "asked") == {"round": first.id, "by": dana.id}
    # feedback and concerns keep only the round
    assert rounds.defaults_for(ws, "feedback") == {"round": first.id}
    # with two in the round, which one asked is left to the candidate
    save(ws, "interviewer", {"name": "Femi", "round": first.id})
    assert rounds.defaults_for(ws, "asked") == {"round": first.id}
    ws.close()


async def test_the_interviewer_form_starts_at_the_round_just_held(tmp_path, held):
    ws = opportunity(tmp_path, -timedelta(hours=2))
    final = save(ws, "round", {"name": "Final round", "start_at": at(-timedelta(hours=2))})
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_record_form(pilot, "8", "interviewer")
        assert isinstance(form, RecordForm)
        value, label = picked(form, "round")
        assert value == final.id and "Final round · the only round" in label
    ws.close()


# -- what the heading counts after the interview --------------------------------------------
async def test_the_heading_names_a_debrief_as_a_debrief(tmp_path, held):
    ws = opportunity(tmp_path, -timedelta(hours=3))
    save(ws, "round", {"name": "Second round", "start_at": at(-timedelta(hours=3))})
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        heading = text_of(app, "#dash-countdown")
        assert heading.startswith("Follow-ups due: 1 debrief - the interview was Tue 10 Mar")
        assert "Notes due" not in heading and "note" not in heading.splitlines()[0]
        assert listed(app)[0].startswith("• Debrief the second round")
        # an interviewer met there adds a note to send, named as one
        save(ws, "interviewer", {"name": "Dana"})
        app.main.query_one("Dashboard").reload()
        await settle(pilot)
        heading = text_of(app, "#dash-countdown")
        assert heading.startswith("Follow-ups due: 1 thank-you note, 1 debrief - ")
    ws.close()


# -- a new workspace has everything still to do ---------------------------------------------
def test_each_check_not_done_is_something_left_to_do(tmp_path, held):
    ws = opportunity(tmp_path, timedelta(days=1))
    done, total, missing = figure(ws)
    assert (done, total) == (0, 20)
    actions = next_actions(Snapshot(ws))
    assert len(actions) == len(missing) == 20  # as many things left as checks not done
    for action, check in zip(actions, missing, strict=True):
        number, text = check.split(" · ", 1)
        assert action.place == number and action.text.startswith(f"Checklist: {text}")
    assert (
        actions[0].text
        == "Checklist: At least three recent developments noted (now 0 recent notes)"
    )
    # an open concern is worked on by its own action: its check is not listed twice
    save(ws, "concern", {"raised": "Little people management"})
    texts = [a.text for a in next_actions(Snapshot(ws))]
    assert "Answer the concern 'Little people management'" in texts
    assert not any("calm answer" in t for t in texts)
    # the concern's checks: listed (done), a calm answer (its action), steps taken (a check)
    assert len(texts) == len(figure(ws)[2]) == 22
    ws.close()


async def test_a_new_workspace_lists_its_checks_not_nothing_left(tmp_path, held):
    ws = opportunity(tmp_path, timedelta(days=1) - timedelta(hours=2, minutes=30))
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        heading = text_of(app, "#dash-countdown")
        assert heading.startswith("Interview tomorrow at 09:00 - 20 next steps below")
        assert "Ready: 0 of 20 checks" in heading
        shown = listed(app)
        assert not any("Nothing left" in line for line in shown)
        assert (
            shown[0] == "• Checklist: At least three recent developments noted (now 0 recent notes)"
            " · press 2"
        )
        assert shown[-1] == "  and 14 more (Enter lists them)"
        await pilot.press("enter")  # the first: its pane
        await settle(pilot)
        assert app.main.query_one("#main", ContentSwitcher).current == "pane-2"
    ws.close()


async def test_a_workspace_without_an_opportunity_says_to_add_one_not_all_done(tmp_path, held):
    ws = Workspace(tmp_path / "workspace.json")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert text_of(app, "#dash-countdown").startswith("Press o, then n, to add the company")
        assert listed(app) == []  # before, "Nothing left on the checklists. Rehearse once more"
    ws.close()


def test_a_note_sent_late_is_not_something_left_to_do(tmp_path, held):
    """Once every note is sent, one late, "sent within 24 hours" stays undone on the
    checklist but is no longer listed as something to do: nothing can do it now."""
    ws = opportunity(tmp_path, -timedelta(days=3))
    dana = save(ws, "interviewer", {"name": "Dana", "discussed": "the route planner"})
    check = "Checklist: Every note was sent within 24 hours"
    assert not any(a.text.startswith(check) for a in next_actions(Snapshot(ws)))  # her note is
    save(ws, "interviewer", {"draft_state": "sent", "sent_at": at(-timedelta(hours=1))}, dana.id)
    assert "8 · Every note was sent within 24 hours" in figure(ws)[2]  # late, for good
    assert not any(a.text.startswith(check) for a in next_actions(Snapshot(ws)))
    ws.close()
