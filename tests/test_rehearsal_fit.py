"""The rehearsal at the sizes people use: revealed notes scroll inside their box, with the box's
border, the spoken-time line and the keys under it in view; the summary's footer offers the
summary's keys only. The demo on a real file, the real screen driven by Pilot."""

from __future__ import annotations

import pytest
from conftest import make_app, settle
from contrast import screen_lines
from textual.containers import VerticalScroll

from tui.core.repository import Workspace
from tui.ui.rehearsal_screen import RehearsalScreen

STORY = "Cut CI build time"  # the demo story with the longest notes


def rows(app) -> list[str]:
    return ["".join(seg.text for seg in line) for line in screen_lines(app)]


async def reveal_the_story(app, pilot) -> RehearsalScreen:
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, RehearsalScreen)
    while screen.current is not None and not screen.current.title.startswith(STORY):
        await pilot.press("s")
    await pilot.press("enter")
    await settle(pilot)
    return screen


@pytest.mark.parametrize("size", [(80, 24), (80, 20), (100, 30)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_revealed_notes_keep_their_box_times_and_keys_in_view(demo: Workspace, size):
    app = make_app(demo)
    async with app.run_test(size=size) as pilot:
        await reveal_the_story(app, pilot)
        shown = rows(app)
        body = shown[:-1]  # the footer is the last row
        spoken = [i for i, row in enumerate(body) if "Spoken: ~0:33" in row]
        bottom = [i for i, row in enumerate(body) if "╰" in row]
        keys = [i for i, row in enumerate(body) if "space stopwatch" in row]
        assert spoken and bottom and keys, "\n".join(shown)
        assert spoken[0] < bottom[0] < keys[0]
        assert any("Before: 1 attempt" in row for row in body)
        assert any("Situation: Our monorepo" in row for row in body)  # the notes from the top


async def test_the_note_box_opens_under_the_notes_with_the_keys_in_view(demo: Workspace):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reveal_the_story(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        box = screen.query_one("#rehearse-note")
        body = rows(app)[:-1]
        bottom = [i for i, row in enumerate(body) if "╰" in row]
        keys = [i for i, row in enumerate(body) if "space stopwatch" in row]
        assert bottom and keys, "\n".join(body)
        assert bottom[0] < box.region.y < box.region.bottom <= keys[0] < len(body)
        assert any("Spoken: ~0:33" in row for row in body)
        await pilot.press(*"too long", "enter")  # the note kept, its box closed
        await settle(pilot)
        body = rows(app)[:-1]
        assert any("Situation: Our monorepo" in row for row in body)  # the box grows back
        assert any("note: too long" in row for row in body)


async def test_notes_longer_than_the_room_scroll_with_the_keys(demo: Workspace):
    app = make_app(demo)
    async with app.run_test(size=(80, 20)) as pilot:
        screen = await reveal_the_story(app, pilot)
        notes = screen.query_one("#rehearse-notes", VerticalScroll)
        assert notes.max_scroll_y > 0  # at 80x20 the notes are longer than the box
        assert not any("a quarter" in row for row in rows(app))
        await pilot.press("down")
        await pilot.pause()
        assert notes.scroll_y == 1
        await pilot.press("pagedown")
        await pilot.pause()
        assert notes.scroll_y == notes.max_scroll_y
        shown = rows(app)
        assert any("a quarter" in row for row in shown)  # the last line of the notes
        assert any("Spoken: ~0:33" in row for row in shown)
        await pilot.press("home")
        await pilot.pause()
        assert notes.scroll_y == 0


async def test_the_summary_shows_only_its_own_keys(demo: Workspace):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RehearsalScreen)
        drill = {key.description for key in screen.query("FooterKey")}
        assert {"Start/stop", "Reveal notes", "Again", "Skip"} <= drill
        await pilot.press("3", "escape")  # one item rated, then the summary
        await settle(pilot)
        assert screen.finished
        shown = [(key.key, key.description) for key in screen.query("FooterKey")]
        assert [d for _, d in shown if d != "Palette"] == ["Close"], shown
        footer = rows(app)[-1]
        assert "Start/stop" not in footer and "Again" not in footer
        await pilot.press("space", "1")  # the drill's keys do nothing here
        await settle(pilot)
        assert app.screen is screen and len(screen.done) == 1
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, RehearsalScreen)


async def test_a_long_summary_scrolls_inside_its_box(demo: Workspace):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RehearsalScreen)
        await pilot.press(*["1"] * 12, "escape")  # twelve rated 'again': all to redo soon
        await settle(pilot)
        assert screen.finished
        notes = screen.query_one("#rehearse-notes", VerticalScroll)
        assert notes.max_scroll_y > 0
        body = rows(app)[:-1]
        assert any("╰" in row for row in body)
        assert any("escape or enter closes" in row for row in body)
        await pilot.press("end")
        await pilot.pause()
        assert notes.scroll_y == notes.max_scroll_y


async def test_an_item_never_rehearsed_says_so_without_naming_the_key_that_starts_one(
    demo: Workspace,
):
    """Its notes said "not rehearsed yet (r rehearses)" in the middle of the rehearsal."""
    app = make_app(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RehearsalScreen)
        for _ in range(30):  # to the first item with no attempt yet
            await pilot.press("enter")
            await settle(pilot)
            shown = "\n".join(rows(app))
            if "Before: not rehearsed" in shown:
                break
            await pilot.press("s")
            await settle(pilot)
        assert "Before: not rehearsed before: this is the first time" in shown, shown
        assert "r rehearses" not in shown
