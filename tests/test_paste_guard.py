"""Bracketed pastes holding escape sequences, as the terminal sends them: Textual's parser and the
real app in a pseudo-terminal get the pasted text whole and in order, its controls made visible."""

from __future__ import annotations

import json
import time

from pty_terminal import Terminal
from test_paste import COLOUR, CONTROLS, ESCAPES, TWO_LINES
from textual import events

from tui.ui.paste_guard import END, START, GuardedParser


def _events(chunks: list[str]) -> list[events.Event]:
    parser = GuardedParser()
    seen = [event for chunk in chunks for event in parser.feed(chunk)]
    seen += parser.feed("\x1b")  # the escape key, pressed after the paste
    time.sleep(0.15)  # the parser tells a lone escape from a sequence by the time it waits
    return seen + list(parser.tick())


def test_escapes_inside_a_paste_reach_the_app_as_text_in_order_at_any_read_boundary():
    """Textual's parser, given the terminal's bytes cut anywhere: one paste, in order, then an
    escape key that still works. Without the guard the text after an escape became key
    presses typed before the paste, and a NUL was dropped."""
    raw = START + ESCAPES + " " + COLOUR + " " + CONTROLS + END
    want = "AAA ^[]0;TITLE^G BBB CCC ^[[31mX DDD EEE ^G^A FFF^@"
    for cut in range(len(raw) + 1):
        seen = _events([raw[:cut], raw[cut:]] if 0 < cut < len(raw) else [raw])
        assert [type(e).__name__ for e in seen] == ["Paste", "Key"], cut
        assert seen[0].text == want, cut
        assert seen[1].key == "escape"


def test_keys_outside_a_paste_are_left_to_textual():
    seen = _events(["a\x1b[A", START + "b\x1b[201", "~c"])
    assert [getattr(e, "key", None) or e.text for e in seen] == ["a", "up", "b", "c", "escape"]


def test_a_paste_with_escapes_in_the_real_terminal_is_stored_in_order(tmp_path):
    db = tmp_path / "work" / "workspace.json"
    term = Terminal(["--db", str(db)], env={"TMPDIR": str(tmp_path)})
    term.new_story_form()
    term.type((START + ESCAPES + " " + TWO_LINES + END).encode())
    term.wait_for(b"joined")
    term.type(b"\x13")  # ctrl+s
    term.wait_for(b"1 story")
    term.type(b"q")
    assert term.close() == 0
    saved = json.loads(db.read_text())
    assert [s["title"] for s in saved["story"].values()] == [
        "AAA ^[]0;TITLE^G BBB First line of title second line of title"
    ]
