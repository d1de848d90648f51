"""A title holding a control character that Python counts as a line break (^K, ^L, ^\\, ^],
^^, U+0085, U+2028, U+2029) keeps its whole first line, with the character shown: only a
newline ends it. A real workspace file, the real list, search screen and command line."""

from __future__ import annotations

import json

from conftest import SIZE, make_app, settle, type_text
from contrast import screen_lines

from tui.cli import main
from tui.core.kinds import KINDS
from tui.core.repository import Workspace

# each odd break between two words, and how the screens show it
ODD = {
    "\x0b": "^K",
    "\x0c": "^L",
    "\x1c": "^\\",
    "\x1d": "^]",
    "\x1e": "^^",
    "\x85": "\ufffd",
}
TITLE = "Rebuilt" + "".join(f"{ch}w{n}" for n, ch in enumerate(ODD)) + " billing\nsecond line"
SHOWN = "Rebuilt" + "".join(f"{mark}w{n}" for n, mark in enumerate(ODD.values())) + " billing"


def test_only_a_newline_ends_a_title():
    story = KINDS["story"]
    assert story.title_of({"title": TITLE}) == SHOWN.replace("^K", "\x0b").replace(
        "^L", "\x0c"
    ).replace("^\\", "\x1c").replace("^]", "\x1d").replace("^^", "\x1e").replace("\ufffd", "\x85")
    for sep in ("\u2028", "\u2029"):
        assert story.title_of({"title": f"a{sep}b"}) == f"a{sep}b"
    for newline in ("\n", "\r", "\r\n"):
        assert story.title_of({"title": f"  first{newline}second"}) == "first"
    assert story.title_of({"title": " \n "}) == "(untitled story)"


def _workspace(tmp_path) -> Workspace:
    ws = Workspace(tmp_path / "workspace.json")
    ws.add("story", {"title": TITLE, "result": "Invoices out in a day, not a week"})
    return ws


def test_the_command_line_shows_the_whole_title(tmp_path, capsys):
    ws = _workspace(tmp_path)
    ws.close()
    db = str(tmp_path / "workspace.json")
    assert main(["search", "billing", "--db", db]) == 0
    shown = capsys.readouterr().out.splitlines()[0]
    assert SHOWN in shown, shown
    assert main(["search", "billing", "--json", "--db", db]) == 0
    first = json.loads(capsys.readouterr().out)[0]
    assert first["title"] == KINDS["story"].title_of({"title": TITLE})


def _screen_text(app) -> str:
    return "\n".join("".join(seg.text for seg in line) for line in screen_lines(app))


async def test_the_list_and_the_search_show_the_whole_title(tmp_path):
    app = make_app(_workspace(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        table = app.screen.query_one("#table-story")
        cell = str(table.get_cell("1", "title"))
        assert cell.startswith(SHOWN[:30]), cell
        assert "^\\w2^]w3" in _screen_text(app)
        await pilot.press("slash")
        await type_text(pilot, "billing")
        await settle(pilot)
        hit = app.screen.hits[0]
        assert hit.title == KINDS["story"].title_of({"title": TITLE})
        assert SHOWN in _screen_text(app)


def test_a_title_is_trimmed_and_cut_as_the_patterns_say():
    """`title_of` runs its patterns only when they can act; every mix of blank space, odd
    breaks, newlines and letters of up to four characters gives what the patterns give."""
    from itertools import product

    from tui.core.kind_spec import _EDGES, _LINE_BREAK

    story = KINDS["story"]
    alphabet = [" ", "\t", "\n", "\r", "\u00a0", "\u2028", "a", *ODD]
    for length in range(5):
        for chars in product(alphabet, repeat=length):
            title = "".join(chars)
            trimmed = _EDGES.sub("", title)
            expected = _LINE_BREAK.split(trimmed, 1)[0] if trimmed else "(untitled story)"
            assert story.title_of({"title": title}) == expected, repr(title)
