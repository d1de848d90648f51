"""What is special about a strategy or a kind lives in its spec: each strategy's checklist
rules sit with its summary, and a kind says whether it carries a note or warns on delete."""

from __future__ import annotations

from tui.core import readiness
from tui.core.content import strategies
from tui.core.kinds import KINDS


def test_each_strategy_checklist_uses_its_own_rules():
    assert sorted(readiness.STRATEGY_RULES) == [st.number for st in strategies()]
    for st in strategies():
        own = readiness.STRATEGY_RULES[st.number].rules
        assert [item.rule for item in st.checklist if item.rule not in own] == [], st.title


def test_every_summary_reads_an_empty_workspace(workspace):
    for st in strategies():
        # each rule's own line reads an empty workspace; the dashboard says "nothing yet"
        assert readiness.STRATEGY_RULES[st.number].summary(readiness.Snapshot(workspace))
        assert readiness.summary(workspace, st.number) == ""


def test_kinds_say_what_is_special_about_them():
    assert [k.name for k in KINDS.values() if k.has_note] == ["interviewer"]
    for k in KINDS.values():
        if k.has_note:  # the note's fields are there to work on
            assert {"draft_subject", "draft_body", "draft_state"} <= {f.name for f in k.fields}
