"""The CSS rules kept in the cache folder: a second start parses nothing for its first frame
and draws the very same screen; a damaged or shared file, or another theme, is never read."""

from __future__ import annotations

import os

import pytest
from conftest import SIZE, make_app, settle
from textual.css.stylesheet import Stylesheet

from tui.ui import css_cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    css_cache.forget()  # the file of this test's own cache folder, read afresh
    yield
    css_cache.forget()


def _parses(monkeypatch) -> list[object]:
    """A spy on Textual's own parsing that still parses: where each text came from."""
    calls: list[object] = []
    real = Stylesheet._parse_rules

    def spy(self, css, read_from, *args, **kwargs):
        calls.append(read_from)
        return real(self, css, read_from, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "_parse_rules", spy)
    return calls


async def _screen(ws) -> str:
    app = make_app(ws, demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        return app.export_screenshot()


async def test_a_second_start_reads_the_rules_back_and_draws_the_same_screen(
    demo, monkeypatch, frozen_clock
):
    parsed = _parses(monkeypatch)
    first = await _screen(demo)
    assert any("app.tcss" in str(where) for where in parsed)
    assert css_cache.cache_file().is_file()  # kept before the first frame, as a start may end
    assert not css_cache.cache_file().stat().st_mode & 0o077
    css_cache.forget()
    parsed.clear()
    second = await _screen(demo)
    assert parsed == []
    assert second == first


async def test_a_damaged_or_shared_file_is_parsed_afresh(demo, monkeypatch, frozen_clock):
    parsed = _parses(monkeypatch)
    first = await _screen(demo)
    path = css_cache.cache_file()
    path.write_bytes(path.read_bytes()[:-100])  # cut short
    css_cache.forget()
    parsed.clear()
    assert await _screen(demo) == first
    assert parsed  # parsed again, and kept again
    os.chmod(path, 0o644)  # a file others could have changed
    css_cache.forget()
    parsed.clear()
    await _screen(demo)
    assert parsed


def test_a_theme_has_rules_of_its_own():
    css = "Static { color: $primary; }"
    red = css_cache.KeptStylesheet(variables={"primary": "#ff0000"})
    red.add_source(css, read_from=("test", "Static"))
    red.parse()
    blue = css_cache.KeptStylesheet(variables={"primary": "#0000ff"})
    blue.add_source(css, read_from=("test", "Static"))
    blue.parse()
    colours = [sheet.rules[0].styles.color.hex for sheet in (red, blue)]
    assert colours == ["#FF0000", "#0000FF"]
