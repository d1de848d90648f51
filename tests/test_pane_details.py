"""What a pane's detail says beside its lists, driven by Pilot on real workspace files: a
story's rehearsals and how long it takes to tell."""

from __future__ import annotations

from conftest import SIZE, make_app, settle

from tui.core.repository import Workspace
from tui.ui.rehearsal_screen import RehearsalScreen

STORY = "Cut CI build time"  # a demo story rehearsed once before


async def test_a_rehearsed_story_shows_its_attempts_and_how_long_it_takes(demo: Workspace):
    story = next(s for s in demo.all_records("story") if s.title.startswith(STORY))
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RehearsalScreen)
        while screen.current is not None and not screen.current.title.startswith(STORY):
            await pilot.press("s")
        await pilot.press("enter", "3", "escape", "escape")  # rated good, then the summary
        await settle(pilot)
        await app.main.show_record("story", story.id)
        await settle(pilot)
        detail = str(app.main.pane(4).query_one("#detail").render())
    assert "Told: " in detail  # the story's own detail, with where it was told
    assert "Rehearsed: 2 attempts, last " in detail and "(good)" in detail
    assert "Spoken: ~0:33" in detail
