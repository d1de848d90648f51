"""Field types as a table: every type has its core half and its form half, and each link to a
story is found, removed and renamed by the type, not by the code that asks."""

from __future__ import annotations

from tui.core.field_types import FIELD_TYPES, STORIES, STORY
from tui.core.kinds import KINDS, Field
from tui.ui.field_widgets import FORM_WIDGETS


def test_every_type_has_both_halves_and_every_field_a_known_type():
    assert set(FIELD_TYPES) == set(FORM_WIDGETS)
    for k in KINDS.values():
        for f in k.fields:
            assert f.type in FIELD_TYPES, (k.name, f.name)


def test_story_links_by_type():
    one, many = FIELD_TYPES[STORY], FIELD_TYPES[STORIES]
    assert one.story_ids(3) == [3] and one.story_ids(None) == []
    assert many.story_ids([3, 4]) == [3, 4]
    assert one.unlink(3, 3) is None and one.unlink(5, 3) == 5
    assert many.unlink([3, 4], 3) == [4] and many.unlink([4], 3) == [4]
    assert one.relink("Title", {"Title": 9}) == 9 and many.relink(["A"], {"A": 1}) == [1]
    requirement = KINDS["requirement"]
    assert [f.name for f in requirement.story_fields] == ["stories"]
    assert requirement.story_ids({"stories": [2, 7]}) == [2, 7]


def test_each_type_checks_and_shows_its_values():
    f = Field("when", "When", "datetime")
    assert f.behaviour.clean(f, "2026-03-14 9:30 PM") == ("2026-03-14 21:30", None)
    assert f.behaviour.clean(f, "soon")[1] is not None
    flag = Field("done", "Done", "flag")
    assert flag.empty is False and flag.behaviour.text(True, {}) == "yes"
    assert flag.behaviour.detail(False, {}) == ""  # a 'no' is left out of the detail
    tags = Field("tags", "Tags", "tags")
    assert tags.behaviour.clean(tags, "a, #b, A") == (["a", "b"], None)
    assert tags.behaviour.tags(["x"]) == ["x"] and FIELD_TYPES["text"].tags("x") is None
