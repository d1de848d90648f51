"""Shared fixtures: real TinyDB files in a temporary folder, real Textual apps driven by Pilot."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

# Textual reads TEXTUAL_ANIMATIONS once, when it is first imported, and the snapshot plugin imports
# it before this file runs: the variable here reaches apps started in a subprocess, and the fixture
# below sets the level every App made in this process starts with.
os.environ["TEXTUAL_ANIMATIONS"] = "none"

import pytest  # noqa: E402
import textual.constants  # noqa: E402
from textual.widgets import Input, TextArea  # noqa: E402

from tui.core import clock  # noqa: E402
from tui.core.demo import build_demo  # noqa: E402
from tui.core.repository import Workspace  # noqa: E402

SIZE = (140, 45)

# The moment snapshot tests live in: a Tuesday morning, so the demo's countdowns never move.
FROZEN_NOW = datetime(2026, 3, 10, 9, 30)
# The moment the tests of rounds, notes due and next steps live in: late that morning.
MIDDAY = datetime(2026, 3, 10, 11, 30)


@pytest.fixture
def held():
    """Hold the app's clock at MIDDAY for one test (a test file may hold it elsewhere with a
    `held` of its own)."""
    clock.hold(MIDDAY)
    yield MIDDAY
    clock.hold(None)


def from_midday(delta: timedelta) -> str:
    """MIDDAY moved by `delta`, as a form field takes a time ("2026-03-09 11:30")."""
    return (MIDDAY + delta).strftime("%Y-%m-%d %H:%M")


@pytest.fixture(autouse=True)
def _quiet_textual(monkeypatch):
    """No animations and no blinking cursor: frames are the same on every run."""
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")
    # the reactive's default decides whether a new Input or TextArea starts blinking
    for widget in (Input, TextArea):
        monkeypatch.setattr(widget.cursor_blink, "_default", False)


@pytest.fixture
def frozen_clock(monkeypatch):
    """Hold the app's clock at FROZEN_NOW for one test, then let it run again. The computer's
    time zone is held too: a round in another zone counts down the same on every machine."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    clock.hold(FROZEN_NOW)
    yield FROZEN_NOW
    clock.hold(None)
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def _own_cache_folder(monkeypatch, tmp_path_factory):
    # the command line's stored search indexes go to a folder of the test run's own
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.json"


@pytest.fixture
def workspace(db_path: Path) -> Workspace:
    return Workspace(db_path)


@pytest.fixture
def demo(tmp_path: Path) -> Workspace:
    return build_demo(tmp_path / "demo.json")


@pytest.fixture
def zone(monkeypatch):
    """Set this computer's time zone for one test (and put it back after)."""
    import time

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def make_app(ws: Workspace, demo: bool = False):
    from tui.ui.app import FinalRoundApp

    app = FinalRoundApp(ws, demo=demo)
    return app


def capture_notes(app) -> list[str]:
    """Every notification the app shows from now on, as plain text."""
    notes: list[str] = []
    original = app.notify
    app.notify = lambda message, **kw: (notes.append(message), original(message, **kw))
    return notes


async def settle(pilot) -> None:
    """Let saves on the save thread finish, and the screen catch up with them."""
    import asyncio

    app = pilot.app
    await pilot.pause()
    assert await asyncio.to_thread(app.saves.wait, 10), "a save did not finish"
    await pilot.pause()
    await pilot.pause()


def text_of(app, selector: str) -> str:
    """What the widget at `selector` on the current screen shows, as text."""
    return str(app.screen.query_one(selector).render())


async def type_text(pilot, text: str) -> None:
    """Type `text` one key at a time, spaces as the space key."""
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


async def wait_for(pilot, ready, tries: int = 200) -> None:
    """Let the app run until `ready()` holds (the palette answers from a worker)."""
    for _ in range(tries):
        if ready():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never got there")


async def new_record_form(pilot, pane: str, table: str):
    """Open pane `pane`, focus its list of `table` records and press n: the screen it opens."""
    await pilot.press(pane)
    await settle(pilot)
    pilot.app.screen.query_one(f"#table-{table}").focus()
    await pilot.press("n")
    await settle(pilot)
    return pilot.app.screen


async def save_new_story(pilot, title: str):
    """Pane 4, n, type `title`, ctrl+s: the screen it leaves (the form, when the save failed)."""
    await pilot.press("4", "n")
    await settle(pilot)
    await type_text(pilot, title)
    await pilot.press("ctrl+s")
    await settle(pilot)
    return pilot.app.screen


def save_as_app(ws: Workspace, kind: str, values: dict, record_id: int | None = None):
    """Save as the app does: through the request, with what a save sets in motion; the record
    as saved (a new one: the newest of its kind)."""
    from tui.core import requests

    requests.SaveRecord(kind, record_id, values).apply(ws)
    if record_id is not None:
        return ws.get(kind, record_id)
    return max(ws.all_records(kind), key=lambda r: r.id)


def picked(form, name: str) -> tuple[object, str]:
    """What the form's pick list for field `name` holds: its value and the label it shows."""
    from textual.widgets import Select

    picker = form.query_one(f"#field-{name}", Select)
    return picker.value, str(picker.query_one("SelectCurrent #label").render())
