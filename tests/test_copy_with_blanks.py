"""Copying a thank-you note that still has <...> blanks: the copy happens (the blanks may be
filled in the mail program) and the message names them. Real workspace files, the real app."""

from __future__ import annotations

import pyperclip
from conftest import SIZE, capture_notes, make_app, settle
from test_note_lifecycle import named, select

from tui.core import thank_you


def stand_in_clipboard(monkeypatch) -> dict[str, str]:
    # A test machine has no display: a dict stands in for the system clipboard
    # (tests/test_notes_and_export.py copies to a real X clipboard where Xvfb is installed).
    board: dict[str, str] = {}
    monkeypatch.setattr(pyperclip, "copy", lambda text: board.__setitem__("text", text))
    monkeypatch.setattr(pyperclip, "paste", lambda: board.get("text", ""))
    return board


async def copy_note(app, pilot, interviewer) -> list[str]:
    """Press y on `interviewer`'s row; the messages said once the copy is done."""
    notes = capture_notes(app)
    await select(pilot, interviewer)
    await pilot.press("y")
    await app.workers.wait_for_complete()
    await settle(pilot)
    return notes


async def test_copying_a_note_with_blanks_copies_it_and_names_them(demo, monkeypatch):
    board = stand_in_clipboard(monkeypatch)
    demo.set_setting("signature", "")
    aiko = named(demo, "Aiko Tanaka")
    aiko = demo.update("interviewer", aiko.id, {"draft_body": thank_you.draft_for(demo, aiko)[1]})
    body = demo.get("interviewer", aiko.id)["draft_body"]
    assert thank_you.gaps(body) == ["<strengths to reinforce>", "<your name>"]
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        notes = await copy_note(app, pilot, aiko)
        assert board["text"] == body  # copied all the same
        assert demo.get("interviewer", aiko.id)["draft_state"] == "copied"
        copied = [n for n in notes if n.startswith("Copied the note to Aiko Tanaka")]
        assert copied == [
            "Copied the note to Aiko Tanaka to the clipboard. It still has 2 blanks to fill: "
            "<strengths to reinforce>, <your name>."
        ], notes


async def test_copying_a_note_without_blanks_says_only_that_it_copied(demo, monkeypatch):
    stand_in_clipboard(monkeypatch)
    marta = next(
        r
        for r in demo.scoped_records("interviewer")
        if r.title.startswith("Marta") and r["draft_state"] != "sent"
    )
    demo.update("interviewer", marta.id, {"strengths": "a clear eye for risk"})
    marta = demo.get("interviewer", marta.id)
    demo.update("interviewer", marta.id, {"draft_body": thank_you.draft_for(demo, marta)[1]})
    marta = demo.get("interviewer", marta.id)
    assert thank_you.gaps(marta["draft_body"]) == []
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        notes = await copy_note(app, pilot, marta)
        assert "Copied the note to Marta" in "".join(notes) and "blank" not in "".join(notes)


async def test_without_a_clipboard_the_file_message_names_the_blanks_too(demo, monkeypatch):
    def no_clipboard(text):  # a machine without xclip, xsel or wl-clipboard
        raise pyperclip.PyperclipException("no copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    aiko = named(demo, "Aiko Tanaka")
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        notes = await copy_note(app, pilot, aiko)
        kept = list((demo.path.parent / "exports").glob("*.txt"))
        assert len(kept) == 1 and "<strengths to reinforce>" in kept[0].read_text("utf-8")
        assert any(
            str(kept[0]) in n and "It still has a blank to fill: <strengths to reinforce>." in n
            for n in notes
        ), notes


async def test_angle_brackets_in_a_company_name_are_no_blank(demo, monkeypatch):
    """'Acme <b>' is what the candidate typed: only what composing left out is a blank."""
    stand_in_clipboard(monkeypatch)
    demo.set_setting("signature", "")
    aiko = named(demo, "Aiko Tanaka")
    opp = demo.get("opportunity", aiko.opportunity)
    demo.update("opportunity", opp.id, {"company": "Acme <b>日本</b> <3"})
    body = thank_you.draft_for(demo, demo.get("interviewer", aiko.id))[1]
    assert "<b>" in body
    assert thank_you.gaps(body) == ["<strengths to reinforce>", "<your name>"]
    aiko = demo.update("interviewer", aiko.id, {"draft_body": body})
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        notes = await copy_note(app, pilot, aiko)
        copied = [n for n in notes if n.startswith("Copied the note to Aiko Tanaka")]
        assert copied and copied[0].endswith(
            "It still has 2 blanks to fill: <strengths to reinforce>, <your name>."
        ), notes
