"""What a pane's detail says beside its lists, driven by Pilot on real workspace files: a
story's rehearsals and how long it takes to tell; a thank-you note's state said once, and its
time left the same minute everywhere."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import SIZE, make_app, settle, wait_for
from conftest import save_as_app as save
from contrast import screen_lines
from test_rehearsal_fit import STORY, reveal_the_story

from tui.core import clock
from tui.core.repository import Workspace

NOW = datetime(2026, 11, 28, 18, 25, 30)


def rows(app) -> list[str]:
    return ["".join(seg.text for seg in line) for line in screen_lines(app)]


@pytest.fixture
def held():
    clock.hold(NOW)
    yield NOW
    clock.hold(None)


async def test_a_rehearsed_story_shows_its_attempts_and_how_long_it_takes(demo: Workspace):
    story = next(s for s in demo.all_records("story") if s.title.startswith(STORY))
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await reveal_the_story(app, pilot)
        await pilot.press("3", "escape", "escape")  # rated good, then the summary
        await settle(pilot)
        await app.main.show_record("story", story.id)
        await settle(pilot)
        detail = str(app.main.pane(4).query_one("#detail").render())
    assert "Told: " in detail  # the story's own detail, with where it was told
    assert "Rehearsed: 2 attempts, last " in detail and "(good)" in detail
    assert "Spoken: ~0:33" in detail


async def test_the_note_heading_says_its_state_once(tmp_path, held):
    ws = Workspace(tmp_path / "workspace.json")
    opp = save(ws, "opportunity", {"company": "Globex", "role": "Eng"})
    ws.set_active(opp.id)
    ended = {"ended_at": "2026-11-28 15:00", "draft_body": "Hi"}
    copied = {"draft_state": "copied", "copied_at": "2026-11-28 18:22"}
    save(ws, "interviewer", {"name": "Dana", **ended, **copied})
    sent = {"draft_state": "sent", "sent_at": "2026-11-28 18:24"}
    save(ws, "interviewer", {"name": "Eli", **ended, **copied, **sent})
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        pane = app.main.pane(8)
        heads = []
        for _ in range(2):
            heads.append(str(pane.query_one("#detail").render()).splitlines()[0])
            await pilot.press("down")
            await pilot.pause()
    dana, eli = heads
    # its state, the time left and when it was copied, each once
    assert dana.startswith("Thank-you note to Dana  copied 2026-11-28 18:22, ")
    assert dana.count("copied") == 1 and "20 h 34 m left" in dana
    # a note sent says when, and when it was copied before
    assert eli == "Thank-you note to Eli  sent 2026-11-28 18:24  copied 2026-11-28 18:22"


async def test_time_left_is_the_same_minute_in_the_list_the_detail_and_the_header(tmp_path, held):
    """Times left count down (rounded down, never more time than there is) as the clock
    moves, everywhere at once: the list no longer keeps the minute it was drawn in."""
    ws = Workspace(tmp_path / "workspace.json")
    interview = {"company": "Globex", "role": "Eng", "interview_at": "2026-11-29 09:00"}
    ws.set_active(save(ws, "opportunity", interview).id)
    note = {"ended_at": "2026-11-28 15:00", "draft_state": "copied"}
    save(ws, "interviewer", {"name": "Dana", **note, "copied_at": "2026-11-28 18:22"})
    clock.hold(datetime(2026, 11, 28, 18, 24, 50))  # 20 h 35 m 10 s before the deadline
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        pane = app.main.pane(8)

        def shown() -> tuple[str, str, str]:
            row = next(r for r in rows(app) if "Dana" in r and "left" in r)
            detail = str(pane.query_one("#detail").render()).splitlines()[0]
            return row, detail, str(app.main.query_one("#topbar").render())

        row, detail, top = shown()
        assert "20 h 35 m left" in row and "20 h 35 m left" in detail
        assert "interview in 14 h 35 m" in top
        clock.hold(NOW)  # 40 s later: 20 h 34 m 30 s left, shown as 20 h 34 m
        await wait_for(pilot, lambda: "20 h 34 m left" in shown()[0])
        row, detail, top = shown()
        assert "20 h 34 m left" in detail and "interview in 14 h 34 m" in top


async def test_a_list_of_thousands_gives_its_count_with_a_separator(tmp_path):
    """ "Stories · 1,250", as the line that says how many are still being read writes it."""
    import json

    path = tmp_path / "many.json"
    ws = Workspace(path)
    model = ws.add("story", {"title": "Model", "action": "Led the move."})
    ws.close()
    doc = json.loads(path.read_text(encoding="utf-8"))
    stored = doc["story"].pop(str(model.id))
    doc["story"] = {str(i): {**stored, "title": f"Story {i}"} for i in range(1, 1251)}
    path.write_text(json.dumps(doc), encoding="utf-8")
    app = make_app(Workspace(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        title = str(app.screen.query_one("#title-story").render())
        assert title.startswith("Stories · 1,250"), title
        checklist = str(app.screen.query_one(".checklist").render())
        assert "(1,250 stories)" in checklist, checklist
    app.workspace.close()
