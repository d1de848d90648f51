"""An import never drops data without a word: a record of an export (or of a backup copy of a
workspace file) holding something beside its values is refused, naming the record and the key,
and the workspace file is left as it was. Real files, the real command line."""

from __future__ import annotations

import json

from tui.cli import main
from tui.core.export import to_json
from tui.core.repository import Workspace


def _export_with(demo, tmp_path, key: str, value) -> tuple[str, int]:
    data = json.loads(to_json(demo))
    story = data["records"]["story"][1]
    story[key] = value
    source = tmp_path / "export.json"
    source.write_text(json.dumps(data))
    return str(source), story["id"]


def test_replace_refuses_a_record_with_a_key_beside_its_values(demo, tmp_path, capsys):
    source, story_id = _export_with(demo, tmp_path, "notes", "told at Acme, keep this")
    target = tmp_path / "mine.json"
    Workspace(target).add("story", {"title": "mine"})
    before = target.read_bytes()
    assert main(["import", source, "--replace", "--db", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"story id {story_id}" in err and "'notes'" in err, err
    assert "'values'" in err and "import again" in err
    assert target.read_bytes() == before
    assert not list(tmp_path.glob("mine.backup-*")), "nothing is written, not even a copy"


def test_an_import_into_a_new_file_refuses_it_too(demo, tmp_path, capsys):
    source, story_id = _export_with(demo, tmp_path, "colour", {"tag": "blue"})
    target = tmp_path / "new.json"
    assert main(["import", source, "--db", str(target)]) == 2
    assert f"story id {story_id}" in capsys.readouterr().err
    assert not target.exists()


def test_a_backup_copy_with_a_key_of_its_own_is_refused_by_import_and_restore(
    demo, tmp_path, capsys
):
    # a workspace file as another tool left it: one record with a key the app does not write
    document = json.loads(demo.path.read_text())
    key = next(iter(document["story"]))
    document["story"][key]["_pinned"] = True
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps(document))
    target = tmp_path / "mine.json"
    Workspace(target).add("story", {"title": "mine"})
    before = target.read_bytes()
    assert main(["import", str(copy), "--replace", "--db", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"story id {key}" in err and "'_pinned'" in err, err
    assert main(["restore", str(copy), "--db", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"story id {key}" in err and "'_pinned'" in err, err
    assert target.read_bytes() == before


def test_a_plain_export_still_imports(demo, tmp_path, capsys):
    source = tmp_path / "export.json"
    source.write_text(to_json(demo))
    target = tmp_path / "new.json"
    assert main(["import", str(source), "--db", str(target)]) == 0, capsys.readouterr().err
    assert Workspace(target, read_only=True).count("story") == demo.count("story")
    # what came in, in words: the kinds as the screens name them, never their stored names
    said = capsys.readouterr().out
    assert f"{demo.count('story')} stories" in said and "2 opportunities" in said, said
    assert "_" not in said.split(":", 1)[1], said


def test_a_count_of_records_reads_as_words():
    from tui.core.kinds import KINDS, kind

    many = {name: kind(name).counted(1234) for name in KINDS}
    assert many == {
        "opportunity": "1,234 opportunities",
        "feedback": "1,234 feedback items",
        "assessment": "1,234 assessment results",
        "research": "1,234 research notes",
        "requirement": "1,234 job requirements",
        "insight": "1,234 new insights",
        "thanks_line": "1,234 lines of thanks",
        "story": "1,234 stories",
        "value": "1,234 company values",
        "value_match": "1,234 values matches",
        "goal": "1,234 shared goals",
        "question": "1,234 questions to ask",
        "asked_them": "1,234 questions you asked",
        "practice": "1,234 questions to practise",
        "concern": "1,234 concerns",
        "interviewer": "1,234 interviewers",
        "round": "1,234 rounds",
        "asked": "1,234 questions asked",
        "attempt": "1,234 rehearsal attempts",
    }
    assert kind("thanks_line").counted(1) == "1 line of thanks"
    assert kind("story").counted(0) == "0 stories"
