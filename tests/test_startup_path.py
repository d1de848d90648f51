"""The start-up path: a throw-away demo never waits for the disk, a real workspace always
does, and the dashboard is on screen with its opportunity before its lines are worked out."""

from __future__ import annotations

import os

from conftest import SIZE, make_app, settle
from textual.widgets import OptionList

from tui.core.demo import build_demo
from tui.core.repository import Workspace
from tui.ui.dashboard import Dashboard


def _count_fsyncs(monkeypatch) -> list[int]:
    """A spy on os.fsync that still syncs: the calls made, by file descriptor."""
    calls: list[int] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return calls


def test_a_throwaway_demo_never_waits_for_the_disk_and_a_real_workspace_does(tmp_path, monkeypatch):
    calls = _count_fsyncs(monkeypatch)
    demo = build_demo(tmp_path / "demo" / "workspace.json", durable=False)
    demo.add("story", {"title": "Told in the demo"})
    assert calls == []
    demo.close()
    again = Workspace(tmp_path / "demo" / "workspace.json")  # whole on disk all the same
    assert "Told in the demo" in [r.title for r in again.all_records("story")]
    again.close()
    ws = Workspace(tmp_path / "real.json")
    ws.add("story", {"title": "Kept"})
    assert len(calls) >= 2  # the file, then the folder holding its new name
    ws.close()


async def test_the_dashboard_lists_its_actions_right_after_the_first_frame_with_the_focus(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        dashboard = app.screen.query_one(Dashboard)
        heading = str(dashboard.query_one("#dash-opportunity").render())
        assert "Northwind Logistics" in heading  # the opportunity is there from the start
        await settle(pilot)
        actions = dashboard.query_one("#dash-actions", OptionList)
        assert actions.option_count > 1
        assert app.focused is actions
        lines = dashboard.query_one("#dash-strategies", OptionList)
        assert all("…" not in str(lines.get_option_at_index(i).prompt) for i in range(8))


async def test_the_collector_waits_for_the_first_frame_and_only_for_it(demo, monkeypatch):
    import gc

    seen: list[bool] = []
    real = Dashboard.on_mount

    def on_mount(self) -> None:  # a spy that still mounts: was the collector on meanwhile?
        seen.append(gc.isenabled())
        real(self)

    monkeypatch.setattr(Dashboard, "on_mount", on_mount)
    assert gc.isenabled()
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert seen == [False]  # held off while the first frame was made
        assert gc.isenabled()  # and on again once it was on screen
    assert gc.isenabled()
