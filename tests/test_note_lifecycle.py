"""A thank-you note's life: it follows its details until edited by hand, marking it sent with
a gap left asks first, and the demo sends no note with a gap. Real workspace files, the real
app driven by Pilot."""

from __future__ import annotations

import contextlib

import pytest
from conftest import SIZE, make_app, settle, text_of, type_text, wait_for

from tui.core import note_follow, thank_you
from tui.core.states import question_before_flip
from tui.ui.dialogs import ConfirmScreen
from tui.ui.note_view import note_view
from tui.ui.pane import RecordTable


def visible_pane(app):
    return app.main.query_one("#main").visible_content


def named(ws, name: str, opportunity: int | None = None):
    return next(
        r
        for r in ws.scoped_records("interviewer", opportunity)
        if r.title == name and r["draft_state"] != "sent"
    )


def interview_over(demo, record):
    """`record` (an interviewer of the demo's final round, still to come) as if that
    interview had ended three hours ago: a thank-you note is due now."""
    from datetime import timedelta

    from tui.core.clock import now

    ended = (now() - timedelta(hours=3)).strftime("%Y-%m-%d %H:%M")
    demo.update("interviewer", record.id, {"ended_at": ended})
    return demo.get("interviewer", record.id)


def aiko_without_gaps(demo):
    """The demo's Aiko Tanaka with her strengths filled in and her note composed from them:
    nothing left to fill, and her interview over."""
    aiko = interview_over(demo, named(demo, "Aiko Tanaka"))
    demo.update("interviewer", aiko.id, {"strengths": "planning large migrations"})
    aiko = demo.get("interviewer", aiko.id)
    demo.update("interviewer", aiko.id, {"draft_body": thank_you.draft_for(demo, aiko)[1]})
    return demo.get("interviewer", aiko.id)


async def select(pilot, record) -> RecordTable:
    """Pane 8 with `record` selected in its list of interviewers."""
    await pilot.press("8")
    await settle(pilot)
    table = visible_pane(pilot.app).query_one("#table-interviewer", RecordTable)
    table.focus()
    assert table.select_record(record.id)
    await pilot.pause()
    return table


async def set_your_name(pilot, name: str) -> None:
    """Through the command palette, as a user finds it."""
    from textual.command import CommandList

    app = pilot.app
    await pilot.press("ctrl+p")
    await settle(pilot)
    await type_text(pilot, "Set your name")

    def listed() -> bool:
        options = app.screen.query(CommandList)
        return bool(options) and options.first().option_count > 0

    await wait_for(pilot, listed)
    await pilot.press("enter")
    await settle(pilot)
    await type_text(pilot, name)
    await pilot.press("enter")
    await settle(pilot)


async def add_to_discussed(pilot, text: str) -> None:
    """e on the selected interviewer, then `text` typed at the end of 'What you discussed'."""
    await pilot.press("e")
    await settle(pilot)
    pilot.app.screen.query_one("#field-discussed").focus()
    await pilot.press("end")
    await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await settle(pilot)


@pytest.fixture
def globex(workspace):
    opp = workspace.add("opportunity", {"company": "Globex", "role": "Data Engineer"})
    workspace.set_active(opp.id)
    return workspace


@pytest.fixture
def appending_editor(tmp_path, monkeypatch):
    """$EDITOR: a real program that adds a line to the note it is given."""
    script = tmp_path / "add-a-line"
    script.write_text("#!/bin/sh\nprintf 'PS: my own line.\\n' >> \"$1\"\n")
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)


# -- following the details -----------------------------------------------------------------


async def test_an_untouched_draft_follows_your_name_and_what_you_discussed(globex):
    ws = globex
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "n")
        await settle(pilot)
        await type_text(pilot, "Grace Hopper")
        await pilot.press("ctrl+s")
        await settle(pilot)
        (grace,) = ws.scoped_records("interviewer")
        assert "<your name>" in grace["draft_body"] and "<topic discussed>" in grace["draft_body"]

        await set_your_name(pilot, "Ada Lovelace")
        signed = ws.get("interviewer", grace.id)["draft_body"]
        assert "Ada Lovelace" in signed and "<your name>" not in signed
        await add_to_discussed(pilot, "the move to streaming")
        grace = ws.get("interviewer", grace.id)
        for text in ("Ada Lovelace", "the move to streaming"):
            assert text in grace["draft_body"]  # no key pressed on the note itself
            assert text in text_of(app, "#detail")  # and pane 8 shows it
        assert "edited" not in text_of(app, "#detail")

        await pilot.press("c")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)  # nothing of yours to lose
        assert ws.get("interviewer", grace.id)["draft_body"] == grace["draft_body"]


async def test_a_draft_edited_by_hand_stays_as_written_and_c_asks(globex, appending_editor):
    ws = globex
    ws.set_setting("signature", "Ada Lovelace")
    grace = ws.add("interviewer", {"name": "Grace Hopper", "discussed": "the move to streaming"})
    grace = note_follow.follow(ws, grace)  # composed, as saving it from the form does
    app = make_app(ws)
    # The headless test driver has no terminal to hand over to the editor, so suspending is
    # a no-op here; the editor itself really runs and really writes the file.
    app.suspend = contextlib.nullcontext
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        edited = ws.get("interviewer", grace.id)["draft_body"]
        assert edited.endswith("PS: my own line.\n") and "the move to streaming" in edited

        await add_to_discussed(pilot, " and its replays")
        grace = ws.get("interviewer", grace.id)
        assert grace["discussed"] == "the move to streaming and its replays"
        assert grace["draft_body"] == edited  # your edit kept, not composed over
        assert "edited" in text_of(app, "#detail")

        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Changed since it was composed: what you discussed." in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert ws.get("interviewer", grace.id)["draft_body"] == edited
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        fresh = ws.get("interviewer", grace.id)["draft_body"]
        assert "its replays" in fresh and "PS: my own line." not in fresh
        assert "edited" not in text_of(app, "#detail")


# -- marking sent --------------------------------------------------------------------------


def test_every_note_the_demo_marks_sent_is_free_of_gaps(demo):
    sent = [r for r in demo.all_records("interviewer") if r["draft_state"] == "sent"]
    assert len(sent) >= 3  # the demo does mark notes sent: the check below checks something
    for r in sent:
        assert r["draft_body"].strip(), r.title
        assert thank_you.gaps(r["draft_subject"] + "\n" + r["draft_body"]) == [], r.title
        assert "Fill in before sending" not in note_view(r, demo.stories_by_id()).plain


@pytest.mark.parametrize("key", ["s", "space"])
async def test_marking_a_note_with_a_gap_sent_asks_first(demo, key):
    aiko = named(demo, "Aiko Tanaka")
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
    aiko = aiko_without_gaps(demo)
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
    aiko = named(demo, "Aiko Tanaka")
    question, yes = question_before_flip(aiko)
    assert "Aiko Tanaka" in question and yes == "Mark sent"
    sent = demo.get("interviewer", demo.update("interviewer", aiko.id, {"draft_state": "sent"}).id)
    assert question_before_flip(sent)[0] == ""  # back to draft: nothing to ask
    story = demo.all_records("story")[0]
    assert question_before_flip(story)[0] == ""


# -- on the save path, without a screen ----------------------------------------------------


def run(ws, *changes_asked):
    """Apply requests on a real save thread, as the app does; the Changes it reports."""
    from tui.core.save_queue import SaveQueue

    reported: list = []
    queue = SaveQueue(reported.append)
    for request in changes_asked:
        queue.submit(ws, request)
    assert queue.wait(10)
    assert all(c.ok for c in reported), [c.error for c in reported]
    return reported


@pytest.fixture
def grace(globex):
    from tui.core import requests

    ws = globex
    story = ws.add("story", {"title": "Sped up the nightly load", "competencies": ["performance"]})
    run(ws, requests.SaveRecord("interviewer", None, {"name": "Grace Hopper", "story": story.id}))
    (person,) = ws.scoped_records("interviewer")
    return ws, person, story


def test_drafts_follow_the_role_the_story_and_your_name(grace):
    from tui.core import requests

    ws, person, story = grace
    opp = ws.active
    (role,) = run(ws, requests.SaveRecord("opportunity", opp.id, {"role": "Staff Data Engineer"}))
    assert "Staff Data Engineer" in ws.get("interviewer", person.id)["draft_body"]
    assert role.record is not None and role.record.kind.name == "opportunity"  # still reported

    before = ws.get("interviewer", person.id)["draft_body"]
    (told,) = run(ws, requests.SaveRecord("story", story.id, {"competencies": ["query tuning"]}))
    now = ws.get("interviewer", person.id)
    assert now["draft_body"] != before and now["draft_body"] == thank_you.draft_for(ws, now)[1]
    assert told.record is not None and told.record.kind.name == "story"
    assert [r.kind.name for r in told.records("updated")] == ["interviewer", "story"]

    run(ws, requests.SetSignature("Ada Lovelace"))
    assert ws.get("interviewer", person.id)["draft_body"].rstrip().endswith("Ada Lovelace")
    assert not thank_you.is_edited(ws.get("interviewer", person.id))


def test_a_note_edited_or_sent_stays_as_written(grace):
    from tui.core import requests
    from tui.core.formatting import note_state

    ws, person, _ = grace
    other = ws.add("interviewer", {"name": "Linus Torvalds"})
    run(ws, requests.SaveRecord("interviewer", other.id, {}))  # composed, as from the form
    run(
        ws,
        requests.KeepNoteEdits(person.id, "My own words.\n"),
        requests.MarkNote(other.id, "sent"),
    )
    sent_body = ws.get("interviewer", other.id)["draft_body"]
    run(ws, requests.SetSignature("Ada Lovelace"))
    run(ws, requests.SaveRecord("opportunity", ws.active_id, {"company": "Initech"}))
    assert ws.get("interviewer", person.id)["draft_body"] == "My own words.\n"
    assert ws.get("interviewer", other.id)["draft_body"] == sent_body
    assert "edited" in note_state(ws.get("interviewer", person.id))
    assert note_state(ws.get("interviewer", other.id)) == "sent"
    # back to draft, the sent note follows its details again
    run(ws, requests.FlipState("interviewer", other.id))
    assert "Initech" in ws.get("interviewer", other.id)["draft_body"]


def test_the_question_before_composing_again_says_what_changed(grace):
    from tui.core import requests

    ws, person, _ = grace
    assert note_follow.compose_question(ws, person) == ""  # nothing of yours to lose
    run(ws, requests.KeepNoteEdits(person.id, "My own words.\n"))
    person = ws.get("interviewer", person.id)
    assert "Nothing it is composed from has changed since." in note_follow.compose_question(
        ws, person
    )
    round_ = ws.add("round", {"name": "Final", "start_at": "2026-03-12 10:00"})
    insight = ws.add("insight", {"learned": "They open a Lisbon office."})
    run(
        ws,
        requests.SaveRecord("round", round_.id, {"end_at": "2026-03-12 11:00"}),
        requests.SaveRecord("interviewer", person.id, {"round": round_.id}),
        requests.SaveRecord("interviewer", None, {"name": "Linus", "round": round_.id}),
        requests.SaveRecord("insight", insight.id, {"learned": "They open an office."}),
        requests.SetSignature("Ada Lovelace"),
    )
    person = ws.get("interviewer", person.id)
    assert person["draft_body"] == "My own words.\n"
    assert note_follow.changed_inputs(ws, person) == [
        "when the interview ended",
        "the day as the note says it",  # unknown before, now said from today
        "the others on the panel",
        "your name",
    ]
    run(ws, requests.SaveRecord("interviewer", person.id, {"insight": insight.id}))
    person = ws.get("interviewer", person.id)
    assert note_follow.changed_inputs(ws, person)[0] == "new insight to mention"
    question = note_follow.compose_question(ws, person)
    assert "Changed since it was composed: new insight to mention, when the interview" in question


def test_undo_takes_back_the_change_and_the_notes_that_followed_it(grace):
    from tui.core import requests
    from tui.core.save_queue import SaveQueue

    ws, person, _ = grace
    before = ws.get("interviewer", person.id)["draft_body"]
    queue = SaveQueue(lambda change: None)
    queue.submit(ws, requests.SetSignature("Ada Lovelace"))
    assert queue.wait(10)
    assert ws.get("interviewer", person.id)["draft_body"] != before
    queue.submit(ws, requests.Undo(queue.history))
    assert queue.wait(10)
    assert ws.get("interviewer", person.id)["draft_body"] == before
    assert ws.setting("signature") == ""


def test_a_file_written_before_notes_kept_what_they_were_composed_from(tmp_path, demo):
    """Schema 3 to 4, on a real file: a note equal to what its details compose follows them
    from then on; a note that differs counts as edited and stays as written."""
    import json

    from tui.core.backups import backups
    from tui.core.repository import SCHEMA_VERSION, Workspace

    marta = named(demo, "Marta Jensen")
    aiko = named(demo, "Aiko Tanaka")
    demo.update("interviewer", aiko.id, {"draft_body": "Dear Aiko, my own words.\n"})
    path = demo.path
    demo.close()
    doc = json.loads(path.read_text())
    doc["_meta"]["1"]["schema"] = 3
    for stored in doc["interviewer"].values():
        for name in ("composed_subject", "composed_body", "composed_from"):
            stored.pop(name)
    path.write_text(json.dumps(doc))

    ws = Workspace(path)
    assert any(f"before-schema-{SCHEMA_VERSION}" in b.name for b in backups(path))
    marta, aiko = ws.get("interviewer", marta.id), ws.get("interviewer", aiko.id)
    assert not thank_you.is_edited(marta) and thank_you.is_edited(aiko)
    assert note_follow.changed_inputs(ws, aiko) is None  # not known for an old note
    assert "cannot tell what changed" in note_follow.compose_question(ws, aiko)
    from tui.core import requests

    aiko_body = aiko["draft_body"]
    run(
        ws,
        requests.SaveRecord("interviewer", marta.id, {"discussed": "paved roads at scale"}),
        requests.SaveRecord("interviewer", aiko.id, {"discussed": "paved roads at scale"}),
    )
    assert "paved roads at scale" in ws.get("interviewer", marta.id)["draft_body"]
    assert ws.get("interviewer", aiko.id)["draft_body"] == aiko_body
    ws.close()
    assert json.loads(path.read_text())["_meta"]["1"]["schema"] == SCHEMA_VERSION


def test_a_panelist_note_follows_who_else_was_on_the_panel(grace):
    from tui.core import requests

    ws, person, _ = grace
    panel = ws.add("round", {"name": "Panel", "conversation": "panel"})
    run(ws, requests.SaveRecord("interviewer", person.id, {"round": panel.id, "template": "panel"}))
    before = ws.get("interviewer", person.id)["draft_body"]
    run(ws, requests.SaveRecord("interviewer", None, {"name": "Linus Torvalds", "round": panel.id}))
    after = ws.get("interviewer", person.id)
    assert after["draft_body"] != before and "Linus" in after["draft_body"]
    assert after["draft_body"] == thank_you.draft_for(ws, after)[1]


async def test_the_note_view_names_the_round_and_the_insight_it_links_to(demo):
    marta = named(demo, "Marta Jensen")
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, marta)
        shown = text_of(app, "#detail")
    assert "Round: Final round" in shown and "is gone" not in shown


async def test_a_note_for_an_interview_still_to_come_asks_before_it_is_marked_sent(demo):
    """Thanks go after the interview: marking the note to someone you meet tomorrow sent asks
    first, even with nothing left to fill; once the interview is over it does not."""
    aiko = aiko_without_gaps(demo)
    demo.update("interviewer", aiko.id, {"ended_at": named(demo, "Joost de Vries")["ended_at"]})
    aiko = demo.get("interviewer", aiko.id)
    question, _ = question_before_flip(aiko)
    assert question.startswith("Your interview with Aiko Tanaka is still to come (it ends ")
    assert question.endswith("a thank-you note goes once it is over. Mark it sent anyway?")
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, aiko)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert demo.get("interviewer", aiko.id)["draft_state"] == "draft"
    assert question_before_flip(interview_over(demo, aiko))[0] == ""
