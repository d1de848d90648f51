"""The footer lists the keys of the list in focus first, its pane's own included, then the
screen's; ? and q stay in view at its right end; a form open shows the form's keys only.
The demo on a real file, the real screens driven by Pilot."""

from __future__ import annotations

import pytest
from conftest import make_app, settle

from tui.ui.form import RecordForm


def footer_keys(app) -> list:
    return list(app.screen.query("FooterKey"))


def in_view(app, key) -> bool:
    """The key is drawn whole, not under the group of ? q and the palette at the right."""
    group = app.screen.query_one(".always-keys")
    return key.region.width > 0 and key.region.right <= group.region.x


@pytest.mark.parametrize(
    ("size", "pane", "own"),
    [
        ((120, 40), "8", ["Y", "c", "s", "E"]),
        ((80, 24), "8", ["Y"]),
        ((80, 24), "4", ["t"]),
    ],
    ids=["pane8-120", "pane8-80", "pane4-80"],
)
async def test_a_panes_own_keys_come_before_the_screens(demo, size, pane, own):
    app = make_app(demo)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(pane)
        await settle(pilot)
        keys = footer_keys(app)
        order = [k.key for k in keys]
        assert order[:4] == ["n", "e", "d", "y"]
        for key in own:
            # right after the everyday keys, before guidance and the screen's keys
            assert order.index(key) < order.index("g") < order.index("slash"), order
        by_key = {k.key: k for k in keys}
        for key in ["n", "e", "d", "y", *own]:
            assert in_view(app, by_key[key]), f"{key} is cut off at {size}"
        for key in ("question_mark", "q"):
            assert by_key[key].region.right <= size[0] and by_key[key].region.width > 0


async def test_a_form_shows_its_own_keys_in_the_footer(demo):
    app = make_app(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        shown = [(k.key, k.description) for k in footer_keys(app)]
        assert shown == [("ctrl+s", "Save"), ("escape", "Cancel")]
        # the form's footer covers the one behind it: nothing offers n, e or d there
        footer = app.screen.query_one("Footer")
        assert footer.region.y == 39 and footer.region.width == 120


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["4", "d"], [("y", "Yes"), ("n", "No")]),  # deleting a story asks first
        (["o"], [("n", "New"), ("e", "Edit"), ("d", "Delete"), ("escape", "Back")]),
    ],
    ids=["confirm", "opportunities"],
)
async def test_a_dialog_shows_its_own_keys_not_those_of_the_screen_behind(demo, keys, expected):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        shown = [(k.key, k.description) for k in footer_keys(app)]
        assert shown[: len(expected)] == expected
        behind = {"t", "y"} - {key for key, _ in expected}  # the story list's keys
        assert not behind & {key for key, _ in shown}, shown
        footer = app.screen.query_one("Footer")
        assert footer.region.y == 23 and footer.region.width == 80


def footer_row(app) -> str:
    """The footer's row as drawn on the screen."""
    from contrast import screen_lines

    return "".join(seg.text for seg in screen_lines(app)[-1])


@pytest.mark.parametrize("pane", [None, "2", "4", "6", "8"], ids=lambda p: f"pane{p or 0}")
async def test_a_key_without_room_for_its_description_is_left_out_whole(demo, pane):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if pane:
            await pilot.press(pane)
            await settle(pilot)
        group = app.screen.query_one(".always-keys")
        row = footer_row(app)
        own = [key for key in footer_keys(app) if key.parent is not group]
        shown = [key for key in own if key.region.width > 0]
        assert shown and len(shown) < len(own)  # some keys have no room at 80 columns
        for key in own:
            # drawn whole left of ? q ^p, or not at all: no bare letter under the group
            assert key.region.width == 0 or key.region.right <= group.region.x, key.key
        for key in shown:
            assert f"{app.get_key_display(key_binding(app, key))} {key.description}" in row
        assert row.rstrip().endswith("^p Palette")


def key_binding(app, key):
    return app.screen.active_bindings[key.key].binding


async def test_home_and_end_go_to_the_first_and_last_record_of_a_list(demo):
    from tui.ui.record_table import RecordTable

    app = make_app(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        table = app.focused
        assert isinstance(table, RecordTable) and table.kind.name == "story"
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor_row == len(table.records) - 1 > 0
        await pilot.press("home")
        await settle(pilot)
        assert table.cursor_row == 0


async def test_the_footer_is_made_again_only_when_its_keys_change(demo, monkeypatch):
    """Showing a pane tells the footer more than once that keys may have changed; it is made
    again (a layout of the whole screen) only when they did."""
    from textual.widgets import Footer

    made: list[int] = []
    compose = Footer.compose

    def counted(self):
        made.append(1)
        return compose(self)

    monkeypatch.setattr(Footer, "compose", counted)
    app = make_app(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        made.clear()
        await pilot.press("5")  # a pane with other keys: made again once
        await settle(pilot)
        assert len(made) == 1
        shown = [k.key for k in footer_keys(app)]
        made.clear()
        await pilot.press("tab")  # the focus moves within the pane
        await pilot.press("shift+tab")  # and back: the same keys as before
        await settle(pilot)
        assert [k.key for k in footer_keys(app)] == shown
        assert len(made) <= 1
