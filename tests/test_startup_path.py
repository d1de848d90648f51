"""The start-up path: a throw-away demo never waits for the disk, a real workspace always
does, and the dashboard is on screen with its opportunity before its lines are worked out."""

from __future__ import annotations

import os
import weakref

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


def test_a_hold_collects_the_garbage_made_meanwhile_and_sets_the_rest_aside():
    import gc

    from tui.core.collector import Held

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    held = Held(freeze_past=0)
    assert not gc.isenabled()
    cycle = Node()
    cycle.me = cycle
    gone = weakref.ref(cycle)
    del cycle
    kept = [[n] for n in range(50)]  # lives on: set aside from the collector's walks
    held.release()
    try:
        assert gc.isenabled()
        assert gone() is None  # the cycle was collected before the rest was set aside
        assert gc.get_freeze_count() >= frozen + len(kept)
        held.release()  # a second release changes nothing
        assert gc.isenabled()
        gc.disable()
        Held().release()  # a collector already off stays off
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()  # back as other tests expect it


class Node:
    me: Node | None = None


async def test_a_collector_held_since_the_command_started_is_let_go_after_the_first_frame(
    demo, monkeypatch
):
    import gc

    from tui.core.collector import Held
    from tui.ui.app import FinalRoundApp

    seen: list[bool] = []
    real = Dashboard.on_mount

    def on_mount(self) -> None:  # a spy that still mounts
        seen.append(gc.isenabled())
        real(self)

    monkeypatch.setattr(Dashboard, "on_mount", on_mount)
    held = Held(freeze_past=0)  # as tui.launch holds it
    app = FinalRoundApp(demo, collector=held)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert seen == [False]  # still held while the first frame was made
            assert gc.isenabled()  # and let go once it was on screen
    finally:
        held.release()
        gc.unfreeze()


def test_the_installed_command_lets_the_collector_go_before_any_other_command(
    tmp_path, monkeypatch, capsys
):
    import gc

    from tui import cli, launch

    seen: list[bool] = []

    def backups(args) -> int:  # a spy in the command's place
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setitem(cli.COMMANDS, "backups", backups)
    monkeypatch.setattr("sys.argv", ["finalround", "--db", str(tmp_path / "w.json"), "backups"])
    try:
        assert launch.main() == 0
        assert seen == [True]
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_start_the_parser_reads_holds_the_collector_for_its_own_first_frame(monkeypatch):
    """`finalround --dem` (an abbreviation only the parser reads) let the command's hold go,
    then handed that spent hold to the app, which took it for one still in force."""
    import gc

    from tui import cli, launch

    handed: list[object] = []

    def run_app(args, collector=None) -> int:  # a spy in the app's place
        handed.append(collector)
        return 0

    monkeypatch.setattr(cli, "run_app", run_app)
    for argv in (["--demo"], ["--dem"]):
        monkeypatch.setattr("sys.argv", ["finalround", *argv])
        assert launch.main() == 0
    try:
        assert handed[0] is not None  # the command's own hold, for the app to let go
        assert handed[1] is None  # let go before the parser: the app holds it itself
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_holds_on_two_threads_never_leave_the_collector_off():
    import gc
    import sys
    import threading

    from tui.core.collector import Held

    def hold_and_release() -> None:
        for _ in range(20_000):
            Held().release()

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # the threads take turns as often as they can
    try:
        for _ in range(5):
            threads = [threading.Thread(target=hold_and_release) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert gc.isenabled()
    finally:
        sys.setswitchinterval(interval)
        gc.enable()
