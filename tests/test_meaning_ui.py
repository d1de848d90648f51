"""On screen: starter questions by category, suggested stories linked with one key, the
palette finding words inside long names, and search's reasons and filter listings."""

from __future__ import annotations

from conftest import SIZE, make_app, settle, type_text, wait_for
from textual.widgets import OptionList

from tui.core.starters import starters
from tui.ui.dashboard import Dashboard


def visible_pane(app):
    return app.main.query_one("#main").visible_content


async def test_browse_starters_by_category_and_add_one(demo):
    from textual.widgets import OptionList

    from tui.ui.starters_screen import StartersScreen

    app = make_app(demo)
    before = [r["text"] for r in demo.all_records("question")]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("s")  # the key content/questions/to-ask.toml promises
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StartersScreen)
        categories = screen.query_one("#starter-category-list", OptionList)
        names = [categories.get_option_at_index(i).id for i in range(categories.option_count)]
        assert names[:6] == [
            "clarification",
            "team",
            "future projects",
            "growth",
            "role",
            "culture",
        ]
        assert names[-1] == "to practise"
        while screen.category != "culture":
            await pilot.press("down")
        await pilot.press("tab")
        await pilot.press("down")  # the second culture question
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        culture = [
            v["text"] for (kind, _), v in starters().items() if v.get("category") == "culture"
        ]
        added = [r for r in demo.all_records("question") if r["text"] not in before]
        assert [r["text"] for r in added] == [culture[1]]
        assert added[0]["category"] == "culture"
        # the list marks it as yours; adding it again does not copy it twice
        listing = screen.query_one("#starter-list", OptionList)
        assert str(listing.get_option_at_index(1).prompt).startswith("✓")
        await pilot.press("a")
        await settle(pilot)
        assert len(demo.all_records("question")) == len(before) + 1
        await pilot.press("escape")
        await settle(pilot)
        assert visible_pane(app).number == 6


async def test_suggested_stories_on_a_practice_question_and_linking_one(demo):
    from tui.ui.pane import RecordTable
    from tui.ui.suggest_screen import LinkStoryScreen

    app = make_app(demo)
    question = next(r for r in demo.all_records("practice") if "build cache" in r["text"])
    ci = next(r for r in demo.all_records("story") if r.title.startswith("Cut CI build time"))
    assert question["story"] is None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await settle(pilot)
        pane = visible_pane(app)
        pane.select("practice", question.id)
        await settle(pilot)
        table = pane.query_one("#table-practice", RecordTable)
        assert table.has_focus and table.selected.id == question.id
        detail = str(pane.query_one("#detail").render())
        assert "Suggested stories" in detail
        assert "Cut CI build time from 38 to 9 minutes" in detail
        assert "by meaning: performance" in detail
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LinkStoryScreen)
        assert screen.suggestions[0].story.id == ci.id and screen.suggestions[0].good
        await pilot.press("enter")  # the best suggestion is highlighted first
        await settle(pilot)
        await settle(pilot)
        assert demo.get("practice", question.id)["story"] == ci.id
        assert table.selected.id == question.id
        # once linked, the story is the question's, named in its detail, no longer suggested
        await settle(pilot)
        detail = str(pane.query_one("#detail").render())
        suggested = detail.split("Suggested stories", 1)[1]
        assert "Cut CI build time from 38 to 9 minutes" in detail.split("Suggested stories")[0]
        assert "Cut CI build time from 38 to 9 minutes" not in suggested, detail


async def test_a_question_no_story_answers_is_a_gap_in_the_checklist(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await settle(pilot)
        checklist = str(visible_pane(app).query_one(".checklist").render())
        assert "○ Every question you expect to be asked has a story that answers it" in checklist
        assert "(1 question without a story)" in checklist


async def palette_prompts(pilot, query: str) -> list[str]:
    from textual.command import CommandList

    app = pilot.app
    await pilot.press("ctrl+p")
    await settle(pilot)
    await type_text(pilot, query)

    def listed() -> bool:
        options = app.screen.query(CommandList)
        return bool(options) and options.first().option_count > 0

    await wait_for(pilot, listed)
    await pilot.pause()
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_palette_finds_a_word_inside_a_long_name(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        prompts = await palette_prompts(pilot, "name")
        assert prompts[0].startswith("Set your name for thank-you notes")


async def test_palette_pane_and_its_number_open_the_pane(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        for query in ("pane 4", "4"):
            prompts = await palette_prompts(pilot, query)
            assert prompts[0].startswith("Pane 4 · "), prompts[:3]
            await pilot.press("enter")
            await settle(pilot)
            await settle(pilot)
            assert visible_pane(app).number == 4
            await pilot.press("0")
            await settle(pilot)


async def test_search_shows_why_and_lists_a_filter_grouped(demo):
    from textual.widgets import OptionList

    from tui.ui.search_screen import SearchScreen

    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_for(pilot, lambda: app.search.ready)
        await type_text(pilot, "argument with a coworker")
        await settle(pilot)
        results = screen.query_one("#search-results", OptionList)
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        story = next(p for p in prompts if "Resolved a conflict" in p)
        assert "by meaning: conflict" in story
        # nothing typed but the stories filter: every story, under one heading
        screen.query_one("#search-input").value = ""
        await settle(pilot)
        await pilot.press("ctrl+f")  # stories
        await settle(pilot)
        assert {h.kind_name for h in screen.hits} == {"story"}
        assert len(screen.hits) == len(demo.all_records("story"))
        assert str(results.get_option_at_index(0).prompt) == "Stories"
        assert results.get_option_at_index(0).disabled
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert visible_pane(app).number == 4


async def test_a_requirement_gets_one_more_story_with_l(demo):
    from tui.ui.suggest_screen import LinkStoryScreen

    app = make_app(demo)
    requirement = next(r for r in demo.all_records("requirement") if not r["stories"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await settle(pilot)
        pane = visible_pane(app)
        pane.select("requirement", requirement.id)
        await settle(pilot)
        assert "Suggested stories" in str(pane.query_one("#detail").render())
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LinkStoryScreen)
        chosen = screen.suggestions[0].story if screen.suggestions else screen.others[0]
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert demo.get("requirement", requirement.id)["stories"] == [chosen.id]


async def test_the_dashboard_lists_questions_no_story_answers(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dash = app.screen.query_one(Dashboard)
        dash.show_all = True  # every action, not only the first few
        dash.reload()
        await settle(pilot)
        actions = app.screen.query_one("#dash-actions", OptionList)
        listed = [str(actions.get_option_at_index(i).prompt) for i in range(actions.option_count)]
        expected = "Find a story that answers 'Why are you leaving your current company?' · press 6"
        assert any(expected in line for line in listed), listed
