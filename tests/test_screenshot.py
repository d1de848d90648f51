"""The palette's Screenshot: an SVG of the screen in the workspace's export folder, private to
the user, with a plain message naming the file, or saying what to do when it cannot be written.
Real workspace files, the real app and its command palette driven by Pilot."""

from __future__ import annotations

from conftest import SIZE, capture_notes, make_app, settle, type_text, wait_for
from textual.command import CommandList


async def take_screenshot(pilot) -> None:
    """Through the command palette, as a user finds it."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await settle(pilot)
    await type_text(pilot, "Screenshot")

    def listed() -> bool:
        options = app.screen.query(CommandList)
        return bool(options) and options.first().option_count > 0

    await wait_for(pilot, listed)
    first = app.screen.query_one(CommandList).get_option_at_index(0)
    assert "Screenshot" in str(first.prompt)
    await pilot.press("enter")
    await settle(pilot)


async def test_a_screenshot_goes_to_the_export_folder_for_the_user_only(
    demo, tmp_path, monkeypatch
):
    home = tmp_path / "home"  # a home without a Downloads folder
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    exports = demo.path.parent / "exports"
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        notes = capture_notes(app)
        await take_screenshot(pilot)
        await wait_for(pilot, lambda: any(exports.glob("screenshot-*.svg")))
        await settle(pilot)
        [picture] = exports.glob("screenshot-*.svg")
        assert picture.stat().st_mode & 0o777 == 0o600
        svg = picture.read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "Northwind" in svg  # the dashboard, as shown
        assert "Search for commands" not in svg  # taken once the palette had closed
        assert notes == [
            f"Saved a screenshot to {picture} (readable by you only: it shows your notes)."
        ]
        assert not list(home.rglob("*"))  # nothing went to ~/Downloads


async def test_a_screenshot_that_cannot_be_written_says_what_to_do(demo):
    exports = demo.path.parent / "exports"
    exports.write_text("a file where the export folder should be", encoding="utf-8")
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        notes = capture_notes(app)
        await take_screenshot(pilot)
        await wait_for(pilot, lambda: bool(notes))
        assert notes[0].startswith(f"The screenshot was not saved: {exports} cannot be written")
        assert "Make sure it is a folder you may write in" in notes[0]
        assert app.is_running


async def test_the_other_system_commands_are_kept(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE):
        commands = list(app.get_system_commands(app.screen))
        titles = [c.title for c in commands]
        assert {"Theme", "Quit", "Keys", "Screenshot"} <= set(titles)
        assert titles.count("Screenshot") == 1
        [shot] = [c for c in commands if c.title == "Screenshot"]
        assert "export folder" in shot.help
