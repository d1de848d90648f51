"""A pane at scale: a large kind is read the first time on a worker, once whichever threads
ask, and a pane whose records are still being read says so while the screen answers keys; a
pane once drawn is set aside from the garbage collector's walks."""

from __future__ import annotations

import asyncio
import gc
import threading
import time
from contextlib import asynccontextmanager

from conftest import make_app, wait_for

from tui.core.repository import Workspace
from tui.ui import dashboard, pane
from tui.ui.pane import RecordTable, StrategyPane

SIZE = (120, 40)


def reopened(ws: Workspace) -> Workspace:
    """The same file opened afresh: nothing of it read yet."""
    path = ws.path
    ws.close()
    return Workspace(path)


def hold_reading(monkeypatch, ws: Workspace, kind_name: str) -> threading.Event:
    """Hold every first reading of `kind_name` until the event returned is set, as a large
    kind takes long to read."""
    release = threading.Event()
    first_read = ws._first_read

    def held(k, *args):
        if k.name == kind_name:
            assert release.wait(20), "the reading was never let go"
        return first_read(k, *args)

    monkeypatch.setattr(ws, "_first_read", held)
    return release


@asynccontextmanager
async def stories_held(demo, monkeypatch):
    """The demo opened afresh as a large workspace would be (its kinds read on workers), in
    the app, the first reading of its stories held until the event yielded is set."""
    monkeypatch.setattr(pane, "READ_ON_A_WORKER", 3)
    monkeypatch.setattr(dashboard, "WORK_ON_A_WORKER", 0)
    ws = reopened(demo)
    release = hold_reading(monkeypatch, ws, "story")
    app = make_app(ws)
    try:
        async with app.run_test(size=SIZE) as pilot:
            yield ws, app, pilot, release
    finally:
        release.set()
        ws.close()


def test_unread_counts_what_a_reading_would_still_check(demo):
    ws = reopened(demo)
    stories = ws.count("story")
    assert stories > 3
    assert ws.unread("story") == stories
    ws.all_records("story")
    assert ws.unread("story") == 0
    first = ws.all_records("story")[0]
    ws.update("story", first.id, {**first.values, "title": "Told again"})
    assert ws.unread("story") == 1
    assert ws.all_records("story")[0].title == "Told again"
    assert ws.unread("story") == 0
    ws.close()


def test_two_threads_asking_at_once_read_each_record_once(demo, monkeypatch):
    """The index worker and a pane's worker both want every story at start: the second waits
    for the first one's reading instead of checking every record again beside it."""
    ws = reopened(demo)
    checked: list[str] = []
    record = ws._record

    def counted(k, doc, doc_id):
        checked.append(k.name)
        return record(k, doc, doc_id)

    monkeypatch.setattr(ws, "_record", counted)
    release = hold_reading(monkeypatch, ws, "story")
    results: dict[str, list] = {}

    def read(name: str) -> None:
        results[name] = ws.all_records("story")

    first = threading.Thread(target=read, args=("first",))
    first.start()
    for _ in range(200):  # until the first thread's reading is under way
        if "story" in ws._reading:
            break
        time.sleep(0.01)
    second = threading.Thread(target=read, args=("second",))
    second.start()
    for _ in range(200):  # until the second thread waits for it
        if ws._reading["story"].waiters:
            break
        time.sleep(0.01)
    assert ws._reading["story"].waiters == 1
    release.set()
    first.join(10)
    second.join(10)
    assert checked.count("story") == ws.count("story")
    assert [r.id for r in results["first"]] == [r.id for r in results["second"]]
    assert all(a is b for a, b in zip(results["first"], results["second"], strict=True))
    ws.close()


def pauses_while_one_waits(path, screen_waits: bool) -> int:
    """How often a first reading of 1,100 stories pauses (every 512 records) while another
    thread, the screen's own or not, waits for it from the first pause on."""
    ws = Workspace(path)
    pauses: list[int] = []
    waiting = threading.Event()

    def pause() -> None:
        pauses.append(1)
        if len(pauses) == 1:  # the other thread comes to wait now
            waiting.set()
            for _ in range(500):
                if ws._reading["story"].waiters:
                    return
                time.sleep(0.01)

    ws.pause = pause
    reader = threading.Thread(target=ws.all_records, args=("story",))
    reader.start()
    assert waiting.wait(10)
    if screen_waits:
        ws.screen_thread = threading.get_ident()
    ws.all_records("story")
    reader.join(10)
    ws.close()
    return len(pauses)


def test_a_reading_the_screen_waits_for_pauses_no_more(workspace):
    """A worker's reading pauses now and then to let keys go first, but not once the screen's
    own thread waits for it: it would pause for the very thread it holds up."""
    with workspace.batch():
        for n in range(1100):
            workspace.add("story", {"title": f"Story {n}"})
    path = workspace.path
    workspace.close()
    assert pauses_while_one_waits(path, screen_waits=False) == 2
    assert pauses_while_one_waits(path, screen_waits=True) == 1


async def test_a_pane_says_it_is_reading_while_the_screen_answers(demo, monkeypatch):
    """Stories not read yet, and many: pane 4 opens at once saying so, the keys still work,
    and the list follows once they are read."""
    async with stories_held(demo, monkeypatch) as (ws, app, pilot, release):
        stories = ws.count("story")
        await pilot.press("4")
        await pilot.pause()
        main = app.screen
        four = main.pane(4)
        assert isinstance(four, StrategyPane)
        table = four.query_one("#table-story", RecordTable)
        title = str(four.query_one("#title-story").render())
        assert title == f"Stories  reading {stories}…", title
        assert table.row_count == 0
        said = str(four.query_one(".checklist-line").render())
        # the pane's own kind by name, the others (read meanwhile too) as a count
        assert said.startswith(f"checklist: reading {stories} stories and "), said
        assert said.endswith(" other records…"), said
        # the screen answers meanwhile: another pane, and back
        await pilot.press("1")
        await pilot.pause()
        assert main.current == 1
        await pilot.press("4")
        await pilot.pause()
        assert main.current == 4
        release.set()
        await wait_for(pilot, lambda: table.row_count == stories)
        title = str(four.query_one("#title-story").render())
        assert title.startswith(f"Stories · {stories}"), title
        assert "reading" not in str(four.query_one(".checklist-line").render())
        assert app.screen.focused is table


async def shown_while_read(ws, app, pilot) -> tuple[RecordTable, int]:
    """Open the demo's last story from elsewhere (a search, the palette) while the stories
    are being read: pane 4's list, and the story's id."""
    last = max(int(key) for key in ws.storage.read()["story"])
    await pilot.pause()
    await app.screen.show_record("story", last)
    await pilot.pause()
    return app.screen.pane(4).query_one("#table-story", RecordTable), last


async def test_a_record_shown_while_its_kind_is_read_is_selected_once_read(demo, monkeypatch):
    """A story opened from elsewhere (a search, the palette) before the stories are read is
    the one selected when the list comes."""
    async with stories_held(demo, monkeypatch) as (ws, app, pilot, release):
        table, last = await shown_while_read(ws, app, pilot)
        assert table.selected is None
        release.set()
        await wait_for(pilot, lambda: table.row_count > 0)
        await pilot.pause()
        assert table.selected is not None and table.selected.id == last


async def test_a_record_shown_while_read_is_not_selected_out_of_sight(demo, monkeypatch):
    """The user went on to another pane meanwhile: the story is not selected behind it, and
    the keys stay with the pane in view."""
    async with stories_held(demo, monkeypatch) as (ws, app, pilot, release):
        table, last = await shown_while_read(ws, app, pilot)
        await pilot.press("1")
        await pilot.pause()
        release.set()
        await wait_for(pilot, lambda: table.row_count > 0)
        await pilot.pause()
        assert app.screen.current == 1
        assert app.screen.focused is not table
        assert table.selected is None or table.selected.id != last


async def test_a_pane_once_drawn_is_set_aside_from_the_collectors_walks(demo):
    """A pane shown stays: its widgets and what draws them are set aside (gc.freeze). Left
    in the collector's generations, each full walk passed over every pane shown so far: by
    the sixth pane a walk held the screen for 100 ms (30 ms after the first)."""
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.to_thread(app.search.wait, 20)
        await app.workers.wait_for_complete()  # the index sets aside what it made, once built
        await pilot.pause()
        walked = len(gc.get_objects())
        await pilot.press("3")
        three = app.screen.pane(3)
        await wait_for(pilot, lambda: not any(o is three for o in gc.get_objects()))
        # what was made to show it went too (without: some 40,000 objects more here)
        assert len(gc.get_objects()) < walked + 10_000


async def test_once_the_app_closes_work_left_on_workers_never_waits_for_it(demo, monkeypatch):
    """Quitting while the index or the records' texts are still being made: their pauses
    (each up to a second, waiting for a screen that no longer comes round) return at once,
    so the app ends without waiting for them."""
    from tui.ui import base

    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    time.sleep(3 * base.BEAT)  # the screen's last heartbeat is past
    slept: list[float] = []
    monkeypatch.setattr(base.time, "sleep", slept.append)
    done = threading.Event()
    worker = threading.Thread(target=lambda: (app.workspace.pause(), done.set()))
    worker.start()
    assert done.wait(5)
    assert slept == []
