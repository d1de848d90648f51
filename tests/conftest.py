"""Shared fixtures: real TinyDB files in a temporary folder, real Textual apps driven by Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.demo import build_demo
from tui.core.repository import Workspace

SIZE = (140, 45)


@pytest.fixture(autouse=True)
def _quiet_textual(monkeypatch):
    # No blinking cursor or animations: frames are the same on every run.
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


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
