"""The prediction scorecard counts only the questions that were in the practice bank when the
round began, on real TinyDB files: one added after the round is a surprise, one added before
and worded otherwise later is still a prediction, one from an old file with no time counts."""

from __future__ import annotations

import json
from datetime import datetime

from conftest import save_as_app as save

from tui.core import clock
from tui.core.repository import Workspace
from tui.core.scorecard import round_scorecard

LATE = "Tell me about a time you improved developer productivity"


def test_a_question_added_to_the_bank_after_the_round_is_not_a_prediction(tmp_path):
    path = tmp_path / "workspace.json"
    ws = Workspace(path)
    try:
        with clock.held(datetime(2026, 11, 20, 9, 0)):
            save(ws, "opportunity", {"company": "Northwind", "role": "Engineer"})
            save(ws, "practice", {"text": "Why do you want to work here?"})
            edited = save(ws, "practice", {"text": "Describe a conflict"})
            old = save(ws, "practice", {"text": "What is your biggest weakness?"})
            first = save(
                ws,
                "round",
                {
                    "name": "First round",
                    "start_at": "2026-11-27 14:00",
                    "end_at": "2026-11-27 15:00",
                },
            )
        ws.close()
        # a question of a file from before the bank kept the time a question was added
        doc = json.loads(path.read_text())
        del doc["practice"][str(old.id)]["_created"]
        path.write_text(json.dumps(doc))
        ws = Workspace(path)
        with clock.held(datetime(2026, 11, 28, 10, 0)):  # the day after the round
            save(ws, "practice", {"text": LATE})  # pane 6, after the round
            save(ws, "practice", {"text": "Describe a conflict with a colleague"}, edited.id)
            for text in (
                LATE,
                "why do you want to work here",
                "Describe a conflict with a colleague?",
                "What is your biggest weakness",
                "A question nobody saw coming",
            ):
                save(ws, "asked", {"round": first.id, "text": text})
        asked = {a["text"]: a for a in ws.all_records("asked")}
        assert {t: a["predicted"] for t, a in asked.items()} == {
            LATE: False,  # before: True, though it joined the bank the day after
            "why do you want to work here": True,
            "Describe a conflict with a colleague?": True,  # added before, worded later
            "What is your biggest weakness": True,  # no time kept: counts as before
            "A question nobody saw coming": False,
        }
        late = next(p for p in ws.all_records("practice") if p.title == LATE)
        assert asked[LATE]["practice"] == late.id  # still linked to the bank's question
        card = round_scorecard(ws, ws.get("round", first.id))
        assert (
            card.lines()[0]
            == "Recall 60%: 3 of 5 questions asked were in your practice bank before the round"
        )
        assert LATE in card.surprises and LATE not in card.predicted
        # a question asked saved as predicted by a release that did not look at the time
        ws.update("asked", asked[LATE].id, {"predicted": True})
        card = round_scorecard(ws, ws.get("round", first.id))
        assert LATE in card.surprises and len(card.predicted) == 3
        # saved again, it is put right
        with clock.held(datetime(2026, 11, 28, 11, 0)):
            save(ws, "asked", {"score": "4"}, asked[LATE].id)
        assert ws.get("asked", asked[LATE].id)["predicted"] is False
    finally:
        ws.close()
