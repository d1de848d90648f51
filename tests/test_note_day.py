"""A thank-you draft says the day of the interview from today: one composed the evening of the
interview says "yesterday" the morning after, unless it was edited by hand or sent. Real
workspace files, a real save thread, the real app driven by Pilot."""

from __future__ import annotations

from datetime import datetime

import pyperclip
import pytest
from conftest import SIZE, make_app, settle

from tui.core import clock, note_follow, requests, thank_you
from tui.core.repository import Workspace
from tui.core.save_queue import SaveQueue
from tui.ui.pane import RecordTable

EVENING = datetime(2026, 3, 10, 19, 0)  # a Tuesday, three hours after the interviews
MORNING = datetime(2026, 3, 11, 8, 30)
TODAY = "talk with me today about"
YESTERDAY = "talk with me yesterday about"


def run(ws: Workspace, *asked: requests.Request, queue: SaveQueue | None = None) -> list:
    """Apply requests on a real save thread, as the app does; the Changes it reports."""
    reported: list = []
    queue = queue or SaveQueue(reported.append)
    for request in asked:
        queue.submit(ws, request)
    assert queue.wait(10)
    return reported


@pytest.fixture
def held():
    yield clock.hold
    clock.hold(None)


@pytest.fixture
def evening(workspace, held):
    """Three notes composed the evening of the interview: Grace's untouched, Linus's edited
    by hand (still saying "today"), Ada's sent."""
    held(EVENING)
    ws = workspace
    opp = ws.add("opportunity", {"company": "Globex", "role": "Data Engineer"})
    ws.set_active(opp.id)
    for name in ("Grace Hopper", "Linus Torvalds", "Ada Lovelace"):
        values = {"name": name, "ended_at": "2026-03-10 16:00", "template": "warm"}
        run(ws, requests.SaveRecord("interviewer", None, values))
    grace, linus, ada = ws.scoped_records("interviewer")
    run(
        ws,
        requests.KeepNoteEdits(linus.id, linus["draft_body"] + "PS: my own line.\n"),
        requests.MarkNote(ada.id, "sent"),
    )
    people = [ws.get("interviewer", p.id) for p in (grace, linus, ada)]
    assert all(TODAY in p["draft_body"] for p in people)
    assert thank_you.is_edited(people[1]) and people[2]["draft_state"] == "sent"
    return ws, people


def test_the_morning_after_an_untouched_draft_says_yesterday_and_no_other_note_moves(evening):
    ws, (grace, linus, ada) = evening
    clock.hold(MORNING)
    # shown or copied, the note already reads as it will be kept; nothing is written yet
    assert YESTERDAY in note_follow.as_today(ws, grace)["draft_body"]
    assert TODAY in ws.get("interviewer", grace.id)["draft_body"]
    assert note_follow.as_today(ws, linus) is linus and note_follow.as_today(ws, ada) is ada

    (change,) = run(ws, requests.FollowTheDay())
    assert [record.id for _, record in change.events] == [grace.id]
    grace_now = ws.get("interviewer", grace.id)
    assert YESTERDAY in grace_now["draft_body"] and TODAY not in grace_now["draft_body"]
    assert not thank_you.is_edited(grace_now)  # still follows its details
    assert ws.get("interviewer", linus.id).values == linus.values  # your words stay
    assert ws.get("interviewer", ada.id).values == ada.values  # as sent
    # once the day is said afresh, nothing more is written
    (again,) = run(ws, requests.FollowTheDay())
    assert again.ok and again.events == ()


def test_a_note_copied_in_the_evening_is_still_the_copy_when_it_says_yesterday(evening):
    """What was copied read right on its day: saying the day afresh the morning after does
    not make it 'changed since copy', so marking it sent asks nothing; an edit still does."""
    ws, (grace, _, _) = evening
    run(ws, requests.MarkNote(grace.id, "copied"))
    assert not thank_you.changed_since_copied(ws.get("interviewer", grace.id))
    clock.hold(MORNING)
    assert not thank_you.changed_since_copied(note_follow.as_today(ws, grace))
    run(ws, requests.FollowTheDay())
    grace = ws.get("interviewer", grace.id)
    assert YESTERDAY in grace["draft_body"]
    assert not thank_you.changed_since_copied(grace)
    run(ws, requests.KeepNoteEdits(grace.id, grace["draft_body"] + "PS: one more line.\n"))
    assert thank_you.changed_since_copied(ws.get("interviewer", grace.id))


def test_a_note_saying_the_day_afresh_is_undone_with_the_change_before_it(evening):
    ws, (grace, _, _) = evening
    queue = SaveQueue(lambda change: None)
    run(ws, requests.SetSignature("Sam Ortega"), queue=queue)
    clock.hold(MORNING)
    run(ws, requests.FollowTheDay(), queue=queue)
    assert YESTERDAY in ws.get("interviewer", grace.id)["draft_body"]
    assert len(queue.history) == 1  # no step of its own: `u` undoes what you did
    run(ws, requests.Undo(queue.history), queue=queue)
    assert ws.setting("signature") == ""


def test_each_undo_says_what_it_took_back_and_a_preference_is_no_step(evening):
    """A copy then a send, each undone with its own words; hiding the guidance between them
    is how the app looks, not a change to take back: u passes over it."""
    ws, (grace, _, _) = evening
    changes: list = []
    queue = SaveQueue(changes.append)
    run(ws, requests.MarkNote(grace.id, "copied"), queue=queue)
    run(ws, requests.SetPreference("guidance", "hidden"), queue=queue)
    run(ws, requests.MarkNote(grace.id, "sent"), queue=queue)
    run(ws, requests.SetPreference("theme", "textual-light"), queue=queue)
    assert len(queue.history) == 2
    said = []
    for _ in range(2):
        run(ws, requests.Undo(queue.history), queue=queue)
        said.append(changes[-1].request.done_text(ws, None))
    assert said == [
        "Undone: Marked the note to Grace Hopper as sent.",
        "Undone: Marked the note to Grace Hopper as copied.",
    ]
    assert ws.get("interviewer", grace.id)["draft_state"] == "draft"
    # the choices stay as made
    assert (ws.setting("guidance"), ws.setting("theme")) == ("hidden", "textual-light")


async def _note_of(pilot, person) -> str:
    """Pane 8 with `person` selected: the text its note view shows."""
    app = pilot.app
    await pilot.press("8")
    await settle(pilot)
    pane = app.main.query_one("#main").visible_content
    table = pane.query_one("#table-interviewer", RecordTable)
    table.focus()
    assert table.select_record(person.id)
    await pilot.pause()
    return str(pane.query_one("#detail").render())


@pytest.mark.parametrize("read_only", [False, True])
async def test_opening_the_file_the_morning_after_shows_and_copies_yesterday(
    evening, monkeypatch, read_only
):
    ws, (grace, linus, _) = evening
    path = ws.path
    ws.close()
    clock.hold(MORNING)
    # A test machine has no display: stand in for the system clipboard with a dict.
    board: dict[str, str] = {}
    monkeypatch.setattr(pyperclip, "copy", lambda text: board.__setitem__("text", text))
    monkeypatch.setattr(pyperclip, "paste", lambda: board.get("text", ""))
    opened = Workspace(path, read_only=read_only)
    app = make_app(opened)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        stored = opened.get("interviewer", grace.id)["draft_body"]
        # opening the file says the day afresh on the save thread; a read-only window
        # writes nothing
        assert (TODAY if read_only else YESTERDAY) in stored
        shown = await _note_of(pilot, grace)
        assert YESTERDAY in shown and TODAY not in shown
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert YESTERDAY in board["text"] and TODAY not in board["text"]
        assert YESTERDAY in app.clipboard
        # the note edited by hand stays as written
        assert TODAY in await _note_of(pilot, linus)
    opened.close()
    on_disk = Workspace(path, read_only=True)
    assert (TODAY if read_only else YESTERDAY) in on_disk.get("interviewer", grace.id)["draft_body"]
    on_disk.close()


async def test_a_note_shown_after_midnight_says_yesterday_and_is_kept_so(evening):
    ws, (grace, _, _) = evening
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert TODAY in await _note_of(pilot, grace)
        await pilot.press("0")
        clock.hold(MORNING)  # the app stayed open overnight
        assert YESTERDAY in await _note_of(pilot, grace)
        await settle(pilot)
        assert YESTERDAY in ws.get("interviewer", grace.id)["draft_body"]
