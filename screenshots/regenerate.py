"""Regenerate the README screenshots from the demo: `uv run python screenshots/regenerate.py`.

Each screenshot is an SVG written by Textual itself at 100x30, the terminal most people have;
the demo's countdowns are live, so they show the time of the run.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tui.core.demo import build_demo  # noqa: E402
from tui.ui.app import FinalRoundApp  # noqa: E402

SIZE = (100, 30)
# the third interviewer of pane 8: a note still to send after the final round
SHOTS = {
    "dashboard": [],
    "examples": ["4"],
    "follow-up": ["8", "j", "j"],
    "search": ["slash", *"conflict"],
}


async def shoot(name: str, keys: list[str], folder: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        workspace = build_demo(Path(tmp) / "demo.json", now=datetime.now())
        app = FinalRoundApp(workspace, demo=True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause(0.5)
            path = app.save_screenshot(filename=f"{name}.svg", path=str(folder))
    return Path(path)


async def main() -> None:
    for name, keys in SHOTS.items():
        print(await shoot(name, keys, HERE))


if __name__ == "__main__":
    asyncio.run(main())
