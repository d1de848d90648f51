"""The way a new record travels: `n` in pane 4, a title, `ctrl+s`, until the list shows it.

Run: `uv run python tests/benchmarks/trace_save_path.py`

A profiler hook (sys.setprofile and threading.setprofile, so the save thread is seen too)
records every project function (code under tui/) called from the key press until the new
story is in pane 4's list. It prints how many distinct functions in how many files ran, and
the hops: the module each step entered from Textual's message loop or the save thread,
consecutive repeats folded, then which module called which, in order of first call. A form
is opened and closed once beforehand, so modules loaded on first use are not counted.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tui.core.demo import build_demo  # noqa: E402
from tui.ui.app import FinalRoundApp  # noqa: E402

TUI = str(ROOT / "tui")
TITLE = "Traced story"


def module_of(filename: str) -> str:
    return str(Path(filename).relative_to(ROOT)) if filename.startswith(TUI) else ""


def project_caller(frame):  # noqa: ANN001, ANN201 - frames
    """The nearest calling frame in the project; the save thread's loop counts as outside,
    like Textual's message loop, so each change it runs shows as a hop of its own."""
    caller = frame.f_back
    while caller is not None and (
        not module_of(caller.f_code.co_filename)
        or caller.f_code.co_filename.endswith("save_queue.py")
        and caller.f_code.co_name == "_run"
    ):
        caller = caller.f_back
    return caller


class Tracer:
    def __init__(self) -> None:
        self.functions: dict[tuple[str, int, str], None] = {}
        self.entries: list[str] = []  # module entered from outside the project, in order
        self.edges: dict[tuple[str, str], None] = {}
        self.lock = threading.Lock()
        self.on = False

    def hook(self, frame, event, arg) -> None:  # noqa: ANN001 - the profiler's signature
        if event != "call" or not self.on:
            return
        code = frame.f_code
        here = module_of(code.co_filename)
        if not here:
            return
        caller = project_caller(frame)
        with self.lock:
            self.functions[(here, code.co_firstlineno, code.co_qualname)] = None
            if caller is None:
                thread = threading.current_thread().name
                where = here if thread == "MainThread" else f"{here} [save thread]"
                if not self.entries or self.entries[-1] != where:
                    self.entries.append(where)
            else:
                there = module_of(caller.f_code.co_filename)
                if there != here:
                    self.edges[(there, here)] = None

    def start(self) -> None:
        threading.setprofile(self.hook)
        sys.setprofile(self.hook)
        self.on = True

    def stop(self) -> None:
        self.on = False
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type]


def hook_save_thread(app: FinalRoundApp, tracer: Tracer) -> None:
    """Run `sys.setprofile` on the save thread (saves take requests; before they took
    functions, so the script also measures the code as it was)."""
    try:
        from tui.core.requests import Request
    except ImportError:
        app.saves.submit(lambda: sys.setprofile(tracer.hook), lambda *_: None)  # type: ignore
        return

    class SetHook(Request):
        def apply(self, ws: object) -> None:  # type: ignore[override]
            sys.setprofile(tracer.hook)

    app.submit(SetHook())


async def trace() -> Tracer:
    tracer = Tracer()
    with tempfile.TemporaryDirectory() as tmp:
        ws = build_demo(Path(tmp) / "demo.json")
        app = FinalRoundApp(ws, demo=True)
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.press("4")
            await pilot.pause()
            # open and close a form once: modules loaded on first use are not counted
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            await asyncio.to_thread(app.saves.wait, 10)
            await pilot.pause()
            # the save thread runs already: it sets the hook on itself
            hook_save_thread(app, tracer)
            await asyncio.to_thread(app.saves.wait, 10)
            rows = app.screen.query_one("#table-story").row_count
            tracer.start()
            try:
                await pilot.press("n")
                await pilot.pause()
                for ch in TITLE:
                    await pilot.press(ch)
                await pilot.press("ctrl+s")
                for _ in range(500):  # only Textual's code here: the poll is not traced
                    table = app.screen.query("#table-story")
                    if table and table.first().row_count > rows:
                        break
                    await pilot.pause(0.01)
            finally:
                tracer.stop()
            titles = [r.title for r in app.screen.query_one("#table-story").records]
            if TITLE not in titles:
                raise SystemExit("the new story never reached the list")
        ws.close()
    return tracer


def main() -> None:
    tracer = asyncio.run(trace())
    files = sorted({f for f, _, _ in tracer.functions})
    inner = ("<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>")
    plain = [q for _, _, q in tracer.functions if not q.endswith(inner)]
    print(f"{len(tracer.functions)} project functions in {len(files)} files")
    print(f"({len(plain)} without comprehensions and generator expressions)")
    for name in files:
        funcs = [q for f, _, q in tracer.functions if f == name]
        print(f"  {name}: {len(funcs)}  ({', '.join(funcs)})")
    print("\nentered from Textual or the save thread, in order (repeats folded):")
    print("  " + " -> ".join(tracer.entries))
    print("\ncalls across modules, in order of first call:")
    for a, b in tracer.edges:
        print(f"  {a} -> {b}")


if __name__ == "__main__":
    main()
