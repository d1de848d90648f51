"""A deleted record's id is never given to another, and what pointed at it never points at a
new record: on real workspace files, across restarts, exports, imports and restores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_undo_edits import Saves  # a save thread with its undo history, as the app has

from tui.core import requests
from tui.core.export import ImportProblem, import_json, to_json
from tui.core.repository import Workspace
from tui.core.restore import restore


def stored(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def marta_with_an_insight(path: Path) -> Workspace:
    """One opportunity with a round, two insights and Marta, whose note uses insight 2."""
    ws = Workspace(path)
    ws.add("opportunity", {"company": "Northwind", "role": "Engineer"})
    first = ws.add("round", {"name": "First round"})
    ws.add("insight", {"learned": "They run their own data centres"})
    insight = ws.add("insight", {"learned": "Their planning moved to event streams"})
    ws.add("interviewer", {"name": "Marta Jensen", "round": first.id, "insight": insight.id})
    return ws


def test_a_deleted_records_id_is_never_given_again_after_a_restart(db_path):
    ws = marta_with_an_insight(db_path)
    saves = Saves(ws)
    assert saves.run(requests.DeleteRecord("insight", 2)).ok
    assert stored(db_path)["interviewer"]["1"]["insight"] is None  # the link went with it
    ws.close()

    ws = Workspace(db_path)  # a restart
    new = ws.add("insight", {"learned": "their office is loud and I would hate working there"})
    assert new.id == 3
    marta = ws.get("interviewer", 1)
    assert marta["insight"] is None
    assert "office is loud" not in marta["draft_body"]
    assert "office is loud" not in json.dumps(stored(db_path)["interviewer"])


def test_undoing_a_delete_brings_every_link_back_exactly(db_path):
    ws = marta_with_an_insight(db_path)
    before = stored(db_path)
    saves = Saves(ws)
    assert saves.run(requests.DeleteRecord("round", 1)).ok
    after = stored(db_path)
    assert after["interviewer"]["1"]["round"] is None
    assert saves.undo().ok
    back = stored(db_path)
    assert back["interviewer"] == before["interviewer"]
    assert back["round"] == before["round"]
    assert ws.get("interviewer", 1)["round"] == 1


def test_deleting_a_round_clears_every_kind_that_names_it(db_path):
    ws = Workspace(db_path)
    ws.add("opportunity", {"company": "Northwind", "role": "Engineer"})
    gone = ws.add("round", {"name": "First round"})
    kept = ws.add("round", {"name": "Final round"})
    marta = ws.add("interviewer", {"name": "Marta", "round": gone.id})
    ws.add("asked", {"text": "Why us?", "round": gone.id, "by": marta.id})
    ws.add("asked_them", {"text": "What is hard here?", "round": gone.id, "by": marta.id})
    ws.add("concern", {"raised": "No Go experience", "round": gone.id})
    ws.add("feedback", {"said": "Be shorter", "round": kept.id})
    ws.delete("round", gone.id)
    data = stored(db_path)
    for name in ("interviewer", "asked", "asked_them", "concern"):
        assert [doc["round"] for doc in data[name].values()] == [None], name
    assert data["feedback"]["1"]["round"] == kept.id  # another round's links stay
    assert data["asked"]["1"]["by"] == marta.id
    ws.close()
    ws = Workspace(db_path)
    assert ws.add("round", {"name": "Unrelated coffee chat"}).id == 3
    assert [r["round"] for r in ws.all_records("interviewer")] == [None]


def test_a_deleted_storys_attempts_go_with_it_and_a_new_story_is_not_rehearsed(db_path):
    from tui.core.rehearsal import attempts_by_item, item_key

    ws = Workspace(db_path)
    ws.add("opportunity", {"company": "Northwind", "role": "Engineer"})
    ws.add("story", {"title": "Cut the build time"})
    story = ws.add("story", {"title": "Led the migration", "result": "done"})
    ws.add("attempt", {"item": item_key(story), "started": "2026-11-20 10:00", "note": "rushed"})
    assert item_key(story) in attempts_by_item(ws)
    ws.delete("story", story.id)
    assert ws.all_records("attempt") == []
    ws.close()
    ws = Workspace(db_path)
    new = ws.add("story", {"title": "A new story"})
    assert new.id == 3
    assert attempts_by_item(ws) == {}


def test_deleting_an_opportunity_takes_the_attempts_at_its_records(db_path):
    ws = Workspace(db_path)
    ws.add("opportunity", {"company": "Northwind", "role": "Engineer"})
    concern = ws.add("concern", {"raised": "No Go", "answer": "I learn fast"})
    ws.add("attempt", {"item": f"concern:{concern.id}", "started": "2026-11-20 10:00"})
    ws.delete("opportunity", 1)
    assert ws.all_records("attempt") == []


def test_the_ids_ever_given_survive_export_import_and_restore(tmp_path):
    path = tmp_path / "workspace.json"
    ws = marta_with_an_insight(path)
    ws.delete("insight", 2)
    exported = to_json(ws)
    assert json.loads(exported)["last_ids"]["insight"] == 2
    ws.close()

    copy = tmp_path / "copy.json"
    import_json(exported, copy)
    other = Workspace(copy)
    assert other.add("insight", {"learned": "A new one"}).id == 3
    other.close()

    # a backup made before the delete, restored: ids the file gave since stay given
    backup = tmp_path / "backup.json"
    fresh = marta_with_an_insight(tmp_path / "fresh.json")
    backup.write_text(fresh.document_text(), encoding="utf-8")
    fresh.close()
    ws = Workspace(path)
    ws.add("insight", {"learned": "third"})  # id 3
    ws.close()
    restore(path, backup)
    ws = Workspace(path)
    assert [r.id for r in ws.all_records("insight")] == [1, 2]
    assert ws.add("insight", {"learned": "after the restore"}).id == 4


def test_import_into_a_file_keeps_the_ids_it_gave(tmp_path):
    path = tmp_path / "workspace.json"
    ws = marta_with_an_insight(path)
    exported = to_json(ws)
    ws.add("insight", {"learned": "third"})
    ws.delete("insight", 3)
    ws.close()
    import_json(exported, path, replace=True)
    ws = Workspace(path)
    assert ws.add("insight", {"learned": "after the import"}).id == 4


def an_export(tmp_path: Path) -> dict:
    ws = marta_with_an_insight(tmp_path / "source.json")
    ws.add("opportunity", {"company": "Acme", "role": "SRE"})
    ws.add("round", {"name": "Acme screen"}, opportunity=2)
    data = json.loads(to_json(ws))
    ws.close()
    return data


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("round", 999, "interviewer id 1, field 'Round': round 999 is not in the file"),
        (
            "insight",
            999,
            "interviewer id 1, field 'New insight to mention': new insight 999 is not in the file",
        ),
        ("round", 2, "interviewer id 1, field 'Round': round 2 belongs to opportunity 2"),
    ],
)
def test_import_refuses_a_link_to_a_record_that_is_not_there(tmp_path, field, value, message):
    data = an_export(tmp_path)
    data["records"]["interviewer"][0]["values"][field] = value
    target = tmp_path / "target.json"
    with pytest.raises(ImportProblem) as caught:
        import_json(json.dumps(data), target)
    assert message in str(caught.value)
    assert not target.exists()


def test_import_refuses_an_attempt_at_a_story_that_is_not_there(tmp_path):
    data = an_export(tmp_path)
    data["records"]["attempt"] = [
        {"id": 1, "opportunity": None, "values": {"item": "story:9", "note": "old"}}
    ]
    with pytest.raises(ImportProblem) as caught:
        import_json(json.dumps(data), tmp_path / "target.json")
    assert "rehearsal attempt id 1, field 'Item': story 9 is not in the file" in str(caught.value)


def test_a_file_of_the_older_schema_loses_its_dangling_links_and_their_ids(db_path):
    """Written before deletes cleared links: Marta still names the deleted round 5 and insight
    4, an attempt names story 9. Opening the file takes them out, and no new record takes
    those ids."""
    ws = marta_with_an_insight(db_path)
    ws.close()
    data = stored(db_path)
    data["_meta"]["1"]["schema"] = 6
    del data["_meta"]["2"]  # an older file keeps no ids ever given
    data["interviewer"]["1"].update(round=5, insight=4, plan_stories=[9])
    data["attempt"] = {
        "1": {
            "item": "story:9",
            "note": "rushed",
            "started": "",
            "seconds": "",
            "rating": "good",
            "imported": False,
            "_opportunity": None,
            "_created": "",
            "_updated": "",
        }
    }
    db_path.write_text(json.dumps(data), encoding="utf-8")
    ws = Workspace(db_path)
    marta = ws.get("interviewer", 1)
    assert (marta["round"], marta["insight"], marta["plan_stories"]) == (None, None, [])
    assert ws.all_records("attempt") == []
    assert ws.add("round", {"name": "Coffee chat"}).id == 6
    assert ws.add("insight", {"learned": "new"}).id == 5
    assert ws.add("story", {"title": "new"}).id == 10


def test_a_backup_of_the_older_schema_is_restored_and_its_dangling_links_cleared(tmp_path):
    """The safety net stays one: a backup written before deletes cleared links is put back,
    not refused; the workspace then takes such links out as it opens the file."""
    path = tmp_path / "workspace.json"
    marta_with_an_insight(path).close()
    data = stored(path)
    data["_meta"]["1"]["schema"] = 6
    data["interviewer"]["1"]["round"] = 5  # a round deleted in an older Final Round
    backup = tmp_path / "workspace.backup-20261101-100000.json"
    backup.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportProblem, match="round 5 is not in the file .*finalround restore"):
        import_json(json.dumps(data), tmp_path / "other.json")
    restore(path, backup)
    ws = Workspace(path)
    assert ws.get("interviewer", 1)["round"] is None
    assert ws.add("round", {"name": "Coffee chat"}).id == 6
