"""A form refused twice at 80x24 shows one "Not saved" notice, the newer, short enough to
leave the fields it names in view; other notices stay as they were."""

from __future__ import annotations

from conftest import make_app, settle, type_text
from textual.widgets._toast import Toast

from tui.ui.form import RecordForm

SMALL = (80, 24)


async def _refused_opportunity_form(pilot) -> RecordForm:
    """A new workspace: o, n, and ctrl+s on the empty form."""
    await settle(pilot)
    await pilot.press("o", "n")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, RecordForm)
    await pilot.press("ctrl+s")
    await settle(pilot)
    return form


def _not_saved(app) -> list[str]:
    return [n.message for n in app._notifications if n.title == "Not saved"]


def _toasts(app) -> list[Toast]:
    return list(app.screen.query(Toast))


async def test_a_second_refusal_takes_the_place_of_the_first(workspace):
    app = make_app(workspace)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        form = await _refused_opportunity_form(pilot)
        assert _not_saved(app) == ["Fix Company and Role (marked ↑)."]
        await pilot.press("ctrl+s")  # the same refusal again
        await settle(pilot)
        await pilot.pause(0.1)
        assert _not_saved(app) == ["Fix Company and Role (marked ↑)."]
        assert len(_toasts(app)) == 1
        # another refusal: the company is typed, the role is still missing
        await type_text(pilot, "Initech")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.pause(0.1)
        assert app.screen is form
        assert _not_saved(app) == ["Fix Role (marked ↑)."]
        (toast,) = _toasts(app)
        # one line under its title, and clear of the field it names
        assert toast.region.height <= 4
        role = form.query_one("#field-role")
        assert not toast.region.overlaps(role.region)


async def test_other_notices_are_not_taken_away_by_a_refusal(workspace):
    app = make_app(workspace)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await settle(pilot)
        app.notify("Exported to somewhere.", timeout=60)
        await _refused_opportunity_form(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert messages == ["Exported to somewhere.", "Fix Company and Role (marked ↑)."]
