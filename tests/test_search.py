"""Search: the index in the core, its quality on the demo, the command line and the screen."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SIZE, make_app, settle

from tui.core.kinds import KINDS
from tui.core.search import WorkspaceSearch
from tui.core.search_index import SearchIndex

STORY = KINDS["story"]
QUESTION = KINDS["question"]


@pytest.fixture
def index() -> SearchIndex:
    idx = SearchIndex()
    idx.add(
        ("story", 1),
        STORY,
        {
            "title": "Led a platform migration",
            "action": "Built consensus across four teams",
            "competencies": ["leadership", "conflict"],
        },
    )
    idx.add(
        ("story", 2),
        STORY,
        {"title": "Cut the build time by 76%", "result": "Builds went from 38 to 9 minutes"},
    )
    idx.add(("question", 1), QUESTION, {"text": "How does the team handle conflict?"})
    idx.add(("feedback", 1), KINDS["feedback"], {"said": "Talk more about leadership"})
    return idx


def keys(hits):
    return [h.key for h in hits]


def test_a_word_being_typed_matches_as_a_prefix(index):
    assert keys(index.search("leade"))[0] == ("story", 1)
    assert keys(index.search("migr")) == [("story", 1)]


@pytest.mark.parametrize(
    "typo", ["leadrship", "laedership", "leadershp", "leadeship", "lexdership", "leaddership"]
)
def test_words_of_five_letters_tolerate_typos(index, typo):
    assert ("story", 1) in keys(index.search(typo + " "))


def test_short_words_do_not_guess(index):
    assert index.search("bild ") == []  # four letters: no typo tolerance
    assert keys(index.search("biuld ")) == [("story", 2)]


def test_word_order_does_not_matter_and_more_words_rank_higher(index):
    a = index.search("conflict leadership")
    b = index.search("leadership conflict")
    assert keys(a) == keys(b)
    assert keys(a)[0] == ("story", 1)
    assert a[0].score > a[1].score


def test_title_and_tags_weigh_more_than_body(index):
    hits = index.search("leadership")
    assert keys(hits)[:2] == [("story", 1), ("feedback", 1)]
    assert hits[0].score > hits[1].score


def test_stories_and_questions_first_on_a_tie():
    idx = SearchIndex()
    idx.add(("concern", 1), KINDS["concern"], {"raised": "Zebra"})
    idx.add(("question", 1), QUESTION, {"text": "Zebra"})
    idx.add(("story", 1), STORY, {"title": "Zebra"})
    assert [h.kind_name for h in idx.search("zebra")] == ["story", "question", "concern"]


def test_hits_carry_spans_for_highlighting(index):
    hit = index.search("biuld time")[0]
    assert [hit.title[s:e] for s, e in hit.title_spans] == ["build", "time"]
    hit = index.search("minutes")[0]
    assert [hit.snippet[s:e] for s, e in hit.snippet_spans] == ["minutes"]


def test_tags_narrow(index):
    assert keys(index.search("#leader")) == [("story", 1)]
    assert keys(index.search("#conflict team")) == [("story", 1)]
    assert index.search("#nothing") == []


def test_kept_current_on_add_update_and_delete(index):
    index.add(("story", 3), STORY, {"title": "Negotiated a vendor contract"})
    assert keys(index.search("negotiat")) == [("story", 3)]
    index.add(("story", 3), STORY, {"title": "Hired a data team"})
    assert index.search("negotiated ") == []
    assert keys(index.search("hired")) == [("story", 3)]
    index.remove(("story", 3))
    assert index.search("hired") == []
    assert not index.holds("hired") and len(index) == 4


def test_workspace_search_follows_the_workspace(demo):
    search = WorkspaceSearch(demo)
    story = demo.add("story", {"title": "Rescued the quarterly forecast"})
    assert search.search("forcast quartrly")[0].key == story.key
    demo.update("story", story.id, {"title": "Rebuilt the pricing model"})
    assert search.search("forecast ") == []
    demo.delete("story", story.id)
    assert (
        search.search("pricing model") == [] or search.search("pricing model")[0].key != story.key
    )


# query -> (kind, title) expected in the top three of the demo workspace
LABELLED = {
    "leadrship confl": ("story", "Resolved a conflict between the data and payments teams"),
    "biuld time": ("story", "Cut CI build time from 38 to 9 minutes"),
    "time build": ("story", "Cut CI build time from 38 to 9 minutes"),
    "ci buil": ("story", "Cut CI build time from 38 to 9 minutes"),
    "kubernets migra": ("story", "Led the Kubernetes migration across four teams"),
    "migration kube": ("story", "Led the Kubernetes migration across four teams"),
    "mentord senior": ("story", "Mentored two engineers to senior"),
    "promot": ("story", "Mentored two engineers to senior"),
    "clud spend": ("story", "Reduced cloud spend on the staging fleet"),
    "staging cost": ("story", "Reduced cloud spend on the staging fleet"),
    "outgae": ("story", "Owned a production outage and its follow-up"),
    "post-mortem checkout": ("story", "Owned a production outage and its follow-up"),
    "rfc proces": ("story", "Wrote the RFC process the engineering org adopted"),
    "hermetc bazel": ("story", "Introduced hermetic builds with Bazel for the mobile app"),
    "interim lead": ("story", "Stepped in as interim team lead during a hiring freeze"),
    "hiring freez": ("story", "Stepped in as interim team lead during a hiring freeze"),
    "#mentoring": ("story", "Mentored two engineers to senior"),
    "#cost": ("story", "Reduced cloud spend on the staging fleet"),
    "succes six months": (
        "question",
        "What would success look like for this role after the first six months?",
    ),
    "roadmap final say": (
        "question",
        "How is the platform team's roadmap decided, and who "
        "has the final say when product teams disagree?",
    ),
    "on-call page nigt": (
        "question",
        "How does the team handle on-call, and how often does it page at night?",
    ),
    "principal path": (
        "question",
        "What does the path from staff to principal engineer look like here?",
    ),
    "clod region": (
        "question",
        "You mentioned moving to a new cloud region next year: how "
        "would that affect the platform team?",
    ),
    "learning budgt": ("question", "What learning budget or conference time do engineers get?"),
    "disagred decision": (
        "practice",
        "Tell us about a time you disagreed with a technical decision made above you.",
    ),
    "biggest failur": (
        "practice",
        "Describe the biggest failure in your career and what you changed afterwards.",
    ),
    "why leaving": ("practice", "Why are you leaving your current company?"),
    "build cache desing": (
        "practice",
        "Walk us through how you would design a build cache for 300 engineers.",
    ),
    "marta jensn": ("interviewer", "Marta Jensen"),
    "antwerp hub": ("research", "Northwind opens a second European hub in Antwerp"),
    "smaller scale": (
        "concern",
        "Worried I have worked mostly at a smaller scale (80 engineers vs their 300).",
    ),
    "own outcome": ("value", "Own the outcome"),
    "event strems": ("research", "Engineering blog: moving route planning to event streams"),
}


def test_quality_on_the_demo_workspace(demo):
    search = WorkspaceSearch(demo)
    misses = []
    for query, (kind, title) in LABELLED.items():
        top = [(h.kind_name, h.title) for h in search.search(query, limit=3)]
        if (kind, title) not in top:
            misses.append((query, top))
    assert len(LABELLED) >= 30
    hit_rate = 1 - len(misses) / len(LABELLED)
    assert hit_rate >= 0.9, misses


def test_starters_are_searchable_but_not_in_the_workspace(demo):
    search = WorkspaceSearch(demo)
    before = demo.count("question") + demo.count("practice")
    hits = search.search("salary start date")
    assert hits[0].kind_name == "starter_practice"
    assert demo.count("question") + demo.count("practice") == before


def test_command_line_search_json():
    out = subprocess.run(
        [sys.executable, "-m", "tui", "--demo", "search", "biuld time", "--json", "--limit", "3"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    hits = json.loads(out)
    assert 1 <= len(hits) <= 3
    assert hits[0]["kind"] == "story" and "build time" in hits[0]["title"]
    assert {"kind", "id", "title", "score", "opportunity"} <= set(hits[0])


def test_command_line_search_text_and_db(tmp_path):
    from tui.core.repository import Workspace

    db = tmp_path / "w.json"
    Workspace(db).add("story", {"title": "Shipped the [beta] release"})
    result = subprocess.run(
        [sys.executable, "-m", "tui", "search", "--db", str(db), "beta"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert "Shipped the [beta] release" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(db), "search", "zzz"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "No match" in result.stderr


async def test_search_screen_as_you_type_then_open(demo):
    from tui.ui.pane import RecordTable
    from tui.ui.search_screen import SearchScreen

    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        seen_top = []
        for ch in "leadrship confl":
            await pilot.press("space" if ch == " " else ch)
            seen_top.append(app.screen.hits[0].title if app.screen.hits else None)
        assert seen_top[-1] == "Resolved a conflict between the data and payments teams"
        assert app.screen.query_one("#search-input").value == "leadrship confl"
        prompt = app.screen.query_one("#search-results").get_option_at_index(0).prompt
        styled = {
            prompt.plain[s.start : s.end] for s in prompt.spans if "underline" in str(s.style)
        }
        assert {"conflict", "leadership"} <= styled
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        pane = app.main.query_one("#main").visible_content
        assert pane.number == 4
        table = pane.query_one("#table-story", RecordTable)
        assert table.has_focus
        assert table.selected.title == "Resolved a conflict between the data and payments teams"


async def test_search_screen_moves_narrows_and_goes_back(demo):
    from tui.ui.search_screen import SearchScreen

    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        for ch in "team":
            await pilot.press(ch)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        kinds = {h.kind_name for h in screen.hits}
        assert len(kinds) > 1
        await pilot.press("down", "down", "up", "down")
        assert screen.query_one("#search-results").highlighted == 2
        await pilot.press("ctrl+f")  # stories only
        await settle(pilot)
        assert {h.kind_name for h in screen.hits} == {"story"}
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)


async def test_ctrl_p_is_the_palette_on_the_search_screen_too(demo):
    from textual.command import CommandPalette
    from textual.widgets._footer import FooterKey

    from tui.ui.keymap import all_bindings
    from tui.ui.search_screen import SearchScreen

    # no screen or widget takes the palette's key for something else
    palette = next(b for b in all_bindings() if b.id == "palette")
    taken = [k.strip() for b in all_bindings() if b.id != "palette" for k in b.key.split(",")]
    assert "up" in taken and palette.key not in taken

    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        for ch in "team":
            await pilot.press(ch)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        # the footer says what ctrl+p does, and the keys that move are the arrows it shows
        shown = {(k.key_display, k.description) for k in screen.query(FooterKey)}
        assert ("^p", "Palette") in shown
        assert {("↑", "Previous"), ("↓", "Next")} <= shown
        await pilot.press("down")
        assert screen.query_one("#search-results").highlighted == 1
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#search-results").highlighted == 1  # ctrl+p did not move


async def test_adding_a_starter_question_from_search(demo):
    app = make_app(demo)
    before = demo.count("practice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        for ch in "salary":
            await pilot.press(ch)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await settle(pilot)
        assert demo.count("practice") == before + 1
        pane = app.main.query_one("#main").visible_content
        assert pane.number == 6
        assert "salary" in pane.query_one("#table-practice").selected.title


def test_planted_phrases_of_common_words_rank_in_the_top_three():
    """Two common words standing together as typed rank above the same words apart."""
    import random

    rng = random.Random(11)
    common = (
        "team project customer data release process product design review plan "
        "support budget quality service change issue goal result system manager"
    ).split()
    filler = [f"w{n}" for n in range(300)]
    pairs = [tuple(rng.sample(common, 2)) for _ in range(10)]
    idx = SearchIndex()
    number = 0

    def story(words: list[str]) -> tuple[str, int]:
        nonlocal number
        number += 1
        idx.add(
            ("story", number),
            STORY,
            {"title": " ".join(rng.sample(filler, 6)), "action": " ".join(words)},
        )
        return ("story", number)

    planted = {}
    for first, second in pairs:
        for _ in range(40):  # the same two words, apart
            body = rng.choices(filler + common, k=60)
            body[rng.randrange(0, 20)] = first
            body[rng.randrange(30, 60)] = second
            story(body)
        body = rng.choices(filler + common, k=60)
        at = rng.randrange(0, 58)
        body[at : at + 2] = [first, second]
        planted[(first, second)] = story(body)
    for _ in range(1000):  # and other records of the same words
        story(rng.choices(filler + common, k=60))
    found = 0
    for (first, second), key in planted.items():
        top = [h.key for h in idx.search(f"{first} {second}", limit=3)]
        found += key in top
    assert found >= 9, found


def test_ties_break_on_recency_never_on_the_title():
    idx = SearchIndex()
    idx.add(("story", 1), STORY, {"title": "Zebra migration"})
    idx.add(("story", 2), STORY, {"title": "Analyzed migration"})
    idx.add(("story", 3), STORY, {"title": "Migration of zebras"})
    assert [h.key for h in idx.search("migration")] == [("story", 3), ("story", 2), ("story", 1)]
    idx.add(("story", 1), STORY, {"title": "Zebra migration"})  # changed just now
    assert idx.search("migration")[0].key == ("story", 1)


async def test_search_screen_opens_at_once_and_answers_once_indexed(demo, monkeypatch):
    """While the index is being built the screen says so; then it shows what was typed."""
    import threading

    from tui.core.search import WorkspaceSearch

    go = threading.Event()
    real_build = WorkspaceSearch.build

    def held_build(self, **options):  # the real build, held back until the test lets it go
        go.wait(10)
        real_build(self, **options)

    monkeypatch.setattr(WorkspaceSearch, "build", held_build)
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        for ch in "biuld":
            await pilot.press(ch)
        await pilot.pause()
        assert "Indexing" in str(app.screen.query_one("#search-count").render())
        assert app.screen.hits == []
        go.set()
        assert app.search.wait(10)
        await pilot.pause()
        await pilot.pause()
        assert app.screen.hits[0].title == "Cut CI build time from 38 to 9 minutes"
        assert "Indexing" not in str(app.screen.query_one("#search-count").render())


def test_the_command_lines_stored_index_answers_as_a_fresh_one_and_is_never_stale(demo, tmp_path):
    from tui.core.repository import Workspace
    from tui.core.search_cache import stored_search

    demo.close()
    folder = tmp_path / "cache"
    fresh = WorkspaceSearch(Workspace(demo.path, read_only=True))
    first = stored_search(demo.path, folder)  # builds and stores
    assert len(list(folder.glob("*.index"))) == 1
    assert [(f.stat().st_mode & 0o777) for f in folder.glob("*.index")] == [0o600]
    again = stored_search(demo.path, folder)  # from the stored index
    for query in ("biuld time", "leadrship confl", "#mentoring", "marta jensn"):
        expected = [(h.key, h.score) for h in fresh.search(query)]
        assert [(h.key, h.score) for h in first.search(query)] == expected
        assert [(h.key, h.score) for h in again.search(query)] == expected
    assert again.opportunity_name(again.search("biuld time")[0]) == ""
    ws = Workspace(demo.path)
    ws.add("story", {"title": "Rescued the quarterly forecast"})
    ws.close()
    (before,) = folder.glob("*.index")
    changed = stored_search(demo.path, folder)
    assert changed.search("forcast quartrly")[0].title == "Rescued the quarterly forecast"
    # the index of the file's earlier bytes is gone: one stored index per workspace file
    (after,) = folder.glob("*.index")
    assert after != before
    assert stored_search(demo.path, folder).search("forcast quartrly")[0].key == (
        changed.search("forcast quartrly")[0].key
    )
    assert list(folder.glob("*.index")) == [after]
    # another workspace file keeps its own beside it
    other = tmp_path / "other.json"
    other.write_bytes(demo.path.read_bytes())
    assert stored_search(other, folder).search("forcast quartrly")[0].title == (
        "Rescued the quarterly forecast"
    )
    assert len(list(folder.glob("*.index"))) == 2
    assert after.exists()


@pytest.mark.parametrize(
    "texts",
    [
        ["Led a platform migration", "Built consensus, across 4 teams!"],
        ["A post-mortem of the roll-out", "no hyphen here", "well-known e-mail"],
        ["snake_case and CamelCase", "x=1; y=2 (50%)", ""],
        ["Straße in İstanbul: café ΣΊΣΥΦΟΣ", "ﬁne ǅ tab\there"],
        ["a nul\x00inside", "and\x00 another"],
        ["İstanbul-café in one", "plain after"],
    ],
)
def test_a_records_words_read_at_once_are_its_fields_words_read_one_by_one(texts):
    from tui.core.language import joined_forms
    from tui.core.search_words import SEPARATOR, normalise, record_words, tokens

    one_by_one: list[str] = []
    for text in texts:
        one_by_one += tokens(text) + [normalise(w) for w in joined_forms(text)] + [SEPARATOR]
    assert record_words(texts) == one_by_one


def test_a_record_given_twice_in_one_batch_is_found_by_its_last_version_only():
    items = [
        (("story", 1), STORY, {"title": "Alpha beta"}, None),
        (("story", 2), STORY, {"title": "Gamma"}, None),
        (("story", 1), STORY, {"title": "Delta alpha"}, None),
    ]
    idx = SearchIndex()
    idx.add_many(items)
    assert idx.search("beta ") == []
    assert [h.key for h in idx.search("delta ")] == [("story", 1)]
    assert [h.key for h in idx.search("alpha ")] == [("story", 1)]
    idx.remove(("story", 1))  # its words' postings held it once
    assert idx.search("alpha ") == [] and len(idx) == 1


def test_each_result_line_starts_its_title_at_the_same_column():
    """A kind's name never spills into the title, even the longest ("Question to practise")."""
    from tui.core.kinds import KINDS
    from tui.core.search_types import Hit
    from tui.ui.search_screen import hit_content

    def first_line(kind_name: str) -> str:
        hit = Hit((kind_name, 1), KINDS[kind_name], "Why this company", 1.0, None, (), "", (), "")
        return hit_content(hit, "").plain.split("\n")[0]

    lines = [first_line(k) for k in KINDS]
    assert {line.index("Why this company") for line in lines} == {lines[0].index("Why this")}
    assert all(line[line.index("Why") - 1] == " " for line in lines)


async def test_the_search_screen_names_a_kind_that_does_not_exist(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.search.wait(10)
        await pilot.press("slash")
        for ch in "kind:bogus":
            await pilot.press(ch)
        await settle(pilot)
        shown = str(app.screen.query_one("#search-count").render())
        assert "No kind of record is called 'bogus'" in shown and "kind:story" in shown
        for _ in "bogus":
            await pilot.press("backspace")
        for ch in "story":
            await pilot.press(ch)
        await settle(pilot)
        assert app.screen.hits and {h.kind_name for h in app.screen.hits} == {"story"}


async def test_a_filter_typed_without_its_value_says_what_it_takes(demo):
    """ "kind:" on its way to "kind:story" listed records holding the word "kind"."""
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.search.wait(10)
        await pilot.press("slash")
        for ch in "category:":
            await pilot.press(ch)
        await settle(pilot)
        shown = str(app.screen.query_one("#search-count").render())
        assert "category: takes a value, such as category:clarification" in shown, shown
        assert not app.screen.hits
        for ch in "growth":
            await pilot.press(ch)
        await settle(pilot)
        assert app.screen.hits
        assert all(h.kind_name in ("question", "starter_question") for h in app.screen.hits)


async def test_a_search_with_no_result_says_why(demo):
    """Each said "No match. Try fewer words, or ctrl+f to search everything": a value no
    category begins, a tag still to come, no word at all, a search of everything already, a
    filter to leave out, a kind outside the list ctrl+f chose."""
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.search.wait(10)
        await pilot.press("slash")
        shown = []
        for typed, filters in (
            ("category:nonsense", 0),
            ("#", 0),
            ("!!!", 0),  # no word, no filter: none to leave out
            ("zzqqxx", 0),  # in everything already: ctrl+f would narrow, not widen
            ("kind:story zzqqxx", 0),
            ("kind:story", 2),  # last: ctrl+f's choice stays
        ):
            await pilot.press(*["backspace"] * 20, *typed)
            for _ in range(filters):  # everything, stories, questions
                await pilot.press("ctrl+f")
            await settle(pilot)
            assert not app.screen.hits, typed
            shown.append(str(app.screen.query_one("#search-count").render()))
        assert shown[0].startswith("No category begins 'nonsense'; category: takes "), shown
        assert "category:future_projects" in shown[0]
        assert shown[1] == "# takes a story's tag after it, such as #leadership or #conflict."
        other = "No match. Try fewer words, or other words for the same thing."
        assert shown[2] == shown[3] == other
        assert shown[4] == "No match. Try fewer words, or leave a filter out."
        assert shown[5] == "No match in questions: ctrl+f searches everything."
