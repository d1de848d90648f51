"""The core without a terminal: specs, validation, the repository and its file."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from tui.core import readiness
from tui.core.content import strategies
from tui.core.kinds import KINDS, kinds_of_strategy
from tui.core.repository import SCHEMA_VERSION, NotFound, Workspace
from tui.core.storage import SaveError, WorkspaceFileError
from tui.core.validation import ValidationError, validate

CORE = Path(__file__).resolve().parent.parent / "tui" / "core"


def test_core_never_imports_textual():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "textual"]
    assert offenders == []


def test_every_strategy_has_kinds_guidance_and_rules():
    assert [s.number for s in strategies()] == list(range(1, 9))
    for st in strategies():
        assert kinds_of_strategy(st.number), st.title
        assert len(st.guidance) == 2  # the chapter gives each strategy two points
        assert len(st.checklist) >= 3
        for item in st.checklist:
            assert item.rule in readiness.RULES


def test_every_kind_has_a_title_field_and_columns_that_exist():
    for k in KINDS.values():
        names = {f.name for f in k.fields}
        assert k.title_field in names
        assert set(k.columns) <= names
        assert any(f.required for f in k.fields)


def test_validation_names_the_field_and_the_fix():
    story = KINDS["story"]
    with pytest.raises(ValidationError) as err:
        validate(story, {"title": "   ", "competencies": ",".join(f"t{i}" for i in range(40))})
    assert set(err.value.errors) == {"title", "competencies"}
    assert "Title is required" in str(err.value)
    opp = KINDS["opportunity"]
    with pytest.raises(ValidationError) as err:
        validate(opp, {"company": "A", "role": "B", "interview_at": "tomorrow", "round": "third"})
    assert "2026-03-14 09:30" in err.value.errors["interview_at"]
    assert "second, final, other" in err.value.errors["round"]


def test_validation_cleans_values():
    clean = validate(KINDS["story"], {"title": "T", "competencies": " Lead, #conflict,lead ,"})
    assert clean["competencies"] == ["Lead", "conflict"]
    clean = validate(
        KINDS["opportunity"], {"company": "A", "role": "B", "interview_at": "2026-12-01T09:05"}
    )
    assert clean["interview_at"] == "2026-12-01 09:05"
    assert clean["round"] == "second"


def test_text_over_the_limit_is_refused_not_cut():
    with pytest.raises(ValidationError) as err:
        validate(KINDS["story"], {"title": "x" * 1001})
    assert "1,001 characters" in err.value.errors["title"]


def test_records_survive_reopening(db_path):
    ws = Workspace(db_path)
    opp = ws.add("opportunity", {"company": "Acme", "role": "SRE"})
    story = ws.add("story", {"title": "[bold]x[/] 🧑‍💻 שלום", "result": "cut 30%"})
    ws.add("feedback", {"said": "too long"})
    again = Workspace(db_path)
    assert again.get("story", story.id).title == "[bold]x[/] 🧑‍💻 שלום"
    assert again.active_id == opp.id
    assert [r.values["said"] for r in again.scoped_records("feedback")] == ["too long"]
    meta = json.loads(db_path.read_text(encoding="utf-8"))["_meta"]["1"]
    assert meta["schema"] == SCHEMA_VERSION


def test_scoped_records_follow_the_opportunity(workspace):
    a = workspace.add("opportunity", {"company": "Acme", "role": "SRE"})
    b = workspace.add("opportunity", {"company": "Globex", "role": "SWE"})
    workspace.add("concern", {"raised": "at Acme"})
    workspace.add("concern", {"raised": "at Globex"}, opportunity=b.id)
    workspace.add("story", {"title": "shared"})
    assert [c["raised"] for c in workspace.scoped_records("concern")] == ["at Acme"]
    workspace.set_active(b.id)
    assert [c["raised"] for c in workspace.scoped_records("concern")] == ["at Globex"]
    assert [s.title for s in workspace.scoped_records("story")] == ["shared"]
    workspace.delete("opportunity", b.id)
    assert workspace.active_id == a.id
    assert [c["raised"] for c in workspace.all_records("concern")] == ["at Acme"]


def test_scoped_record_needs_an_opportunity(workspace):
    with pytest.raises(ValueError, match="add one first"):
        workspace.add("feedback", {"said": "x"})


def test_deleting_a_story_unlinks_it(workspace):
    workspace.add("opportunity", {"company": "Acme", "role": "SRE"})
    s1 = workspace.add("story", {"title": "one"})
    s2 = workspace.add("story", {"title": "two"})
    req = workspace.add("requirement", {"text": "k8s", "stories": [s1.id, s2.id]})
    concern = workspace.add("concern", {"raised": "scale", "story": s1.id})
    workspace.delete("story", s1.id)
    assert workspace.get("requirement", req.id)["stories"] == [s2.id]
    assert workspace.get("concern", concern.id)["story"] is None
    with pytest.raises(NotFound):
        workspace.get("story", s1.id)


def test_update_keeps_other_fields(workspace):
    s = workspace.add("story", {"title": "one", "result": "30% faster"})
    workspace.update("story", s.id, {"title": "renamed"})
    got = workspace.get("story", s.id)
    assert (got.title, got["result"]) == ("renamed", "30% faster")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"story": {"1": {"title": "x"', "truncated"),
        (b"not json at all", "not valid JSON"),
        (b"[1, 2, 3]", "not a Final Round workspace"),
        (b'{"_default": {"1": {"a": 1}}}', "not a Final Round workspace"),
        (b'{"_meta": {"1": {"schema": 99, "active": null}}}', "newer Final Round"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
    ],
)
def test_unreadable_files_are_reported_and_left_untouched(db_path, content, words):
    db_path.write_bytes(content)
    with pytest.raises(WorkspaceFileError) as err:
        Workspace(db_path)
    assert words in str(err.value)
    assert str(db_path) in str(err.value) and "--db" in str(err.value)
    assert db_path.read_bytes() == content


def test_a_refused_write_keeps_memory_and_disk_in_step(db_path, monkeypatch):
    from tui.core import storage

    ws = Workspace(db_path)
    ws.add("story", {"title": "kept"})
    before = db_path.read_bytes()

    def no_space(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "atomic_write_text", no_space)
    with pytest.raises(SaveError, match="No space left on device"):
        ws.add("story", {"title": "lost"})
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert [s.title for s in ws.all_records("story")] == ["kept"]
    ws.add("story", {"title": "after"})
    assert [s.title for s in Workspace(db_path).all_records("story")] == ["kept", "after"]


def test_saves_leave_no_temporary_files(db_path):
    ws = Workspace(db_path)
    for i in range(5):
        ws.add("story", {"title": f"s{i}"})
    backup = f"{db_path.stem}.backup-"  # the copy the second save of a new file keeps
    assert sorted(p.name for p in db_path.parent.iterdir() if not p.name.startswith(backup)) == [
        db_path.name,
        db_path.name + ".lock",
    ]
    assert not list(db_path.parent.glob("*.tmp")) and not list(db_path.parent.glob(".*"))


def test_demo_is_complete(demo):
    assert len(demo.opportunities()) == 2
    assert demo.count("story") >= 8
    assert demo.count("question") >= 12
    assert demo.count("interviewer") >= 3
    for st in strategies():
        for k in kinds_of_strategy(st.number):
            assert demo.scoped_records(k.name), (
                f"the demo has no {k.plural} for strategy {st.number}"
            )


def test_summaries_name_counts(demo):
    lines = {n: line for n, _, line, _ in readiness.all_summaries(demo)}
    assert lines[4].startswith("9 stories, 3 without a number")
    # the first round's notes are sent; the final round's fall due once it has ended
    assert lines[8].startswith("5 interviewers, 2 notes sent")


def test_a_very_large_bank_counts_a_question_answered_by_its_linked_story(demo, monkeypatch):
    """Past a budget of questions x stories no question is matched against every story."""
    from tui.core import readiness

    monkeypatch.setattr(readiness, "SUGGEST_BUDGET", 0)
    snap = readiness.Snapshot(demo)
    unlinked = [p.id for p in snap("practice") if not p["story"]]
    assert [p.id for p in readiness.unanswered_questions(snap)] == unlinked
