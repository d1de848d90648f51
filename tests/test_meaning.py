"""The competency thesaurus, search by meaning, filters and compounds, tags read as one."""

from __future__ import annotations

import tomllib

from tui.core import readiness
from tui.core.content import content_dir
from tui.core.kinds import KINDS
from tui.core.search_index import SearchIndex
from tui.core.thesaurus import Thesaurus, thesaurus

STORY = KINDS["story"]


def test_the_thesaurus_holds_forty_to_sixty_competencies_with_their_words():
    data = tomllib.loads((content_dir() / "thesaurus.toml").read_text())
    competencies = data["competency"]
    assert 40 <= len(competencies) <= 60
    names = [c["name"] for c in competencies]
    assert len(set(names)) == len(names)
    for c in competencies:
        assert len(c["terms"]) + len(c["phrases"]) >= 5, c["name"]
    assert {"conflict", "failure", "influence", "ownership", "ambiguity", "mentoring"} <= set(names)


def test_tags_spelled_another_way_name_one_competency():
    t = thesaurus()
    assert t.canonical("Mentorship") == t.canonical("mentoring") == "mentoring"
    assert t.canonical("cross team") == t.canonical("Cross-Team") == "cross-team"
    assert t.canonical("prioritization") == "prioritisation"
    # close in meaning is not the same competency: the user's own tag stays
    assert t.canonical("coworker") == "coworker"
    assert t.canonical("  Kubernetes ") == "kubernetes"


def test_words_and_phrases_evoke_competencies():
    t = thesaurus()
    assert t.evoked(["argument", "with", "a", "coworker"])[0] == ["conflict"]
    assert "mentoring" in t.evoked(["teaching"])[0]  # an inflection of the term "teach"
    assert "influence" in t.evoked(["leadership", "without", "authority"])[2]
    assert "cost optimisation" in t.evoked(["our", "cloud", "bill"])[1]  # the phrase "cloud bill"
    assert t.evoked(["argum"], last_is_partial=True)[0] == ["conflict"]  # still being typed
    assert t.evoked(["blameless"]) == [[]]  # a stem is not read into its opposite


def test_pane_four_counts_tags_spelled_two_ways_as_one(workspace):
    workspace.add("story", {"title": "One", "competencies": ["Mentorship", "leadership"]})
    workspace.add("story", {"title": "Two", "competencies": ["mentoring"]})
    counts = readiness.competency_counts(workspace.all_records("story"))
    assert counts["mentoring"] == 2 and "mentorship" not in counts
    assert readiness.summary(workspace, 4).endswith("1 thin competency")


def small_index() -> SearchIndex:
    idx = SearchIndex(thesaurus())
    idx.add(("story", 1), STORY, {"title": "Calmed a clash over the roadmap"})
    idx.add(("story", 2), STORY, {"title": "Argument about tabs", "competencies": ["style"]})
    idx.add(("story", 3), STORY, {"title": "Wrote the post-mortem", "competencies": ["Mentorship"]})
    idx.add(("story", 4), STORY, {"title": "Moved every e-mail to one inbox"})
    idx.add(("question", 1), KINDS["question"], {"text": "How do teams work?", "category": "team"})
    idx.add(("question", 2), KINDS["question"], {"text": "What is valued?", "category": "culture"})
    return idx


def test_a_word_itself_ranks_above_a_word_of_like_meaning():
    hits = small_index().search("argument ")
    assert [h.key for h in hits[:2]] == [("story", 2), ("story", 1)]
    assert hits[0].reason == "" and hits[1].reason == "by meaning: conflict"
    assert hits[0].score > hits[1].score
    # the word of like meaning is highlighted
    assert [hits[1].title[s:e] for s, e in hits[1].title_spans] == ["clash"]


def test_without_a_thesaurus_only_the_words_match():
    idx = SearchIndex()
    idx.add(("story", 1), STORY, {"title": "Calmed a clash over the roadmap"})
    assert idx.search("argument ") == []


def test_compounds_match_joined_hyphenated_or_spaced():
    idx = small_index()
    for query in ("postmortem", "post-mortem", "post mortem"):
        assert idx.search(query)[0].key == ("story", 3), query
    for query in ("email", "e-mail"):
        assert idx.search(query)[0].key == ("story", 4), query


def test_filters_by_category_kind_and_tag_and_empty_queries_list_them():
    idx = small_index()
    assert [h.key for h in idx.search("category:culture")] == [("question", 2)]
    assert [h.key for h in idx.search("category:cult valued")] == [("question", 2)]
    assert [h.key for h in idx.search("culture")] == [("question", 2)]  # a category is a word too
    assert {h.key[0] for h in idx.search("kind:question")} == {"question"}
    assert len(idx.search("kind:story")) == 4
    assert [h.key for h in idx.search("#mentoring")] == [("story", 3)]  # tagged "Mentorship"
    assert [h.key for h in idx.search("", kinds=["question"])] == [("question", 1), ("question", 2)]
    assert idx.search("") == []
    # an unknown key is a word like any other
    assert idx.search("colour:red") == []


def test_a_typo_on_a_word_that_exists_counts_little():
    idx = SearchIndex()
    idx.add(("value", 1), KINDS["value"], {"value": "Patients first"})
    idx.add(("story", 1), STORY, {"title": "Payments first"})
    hits = idx.search("patients first")
    assert hits[0].key == ("value", 1)
    assert hits[0].score - hits[1].score > 0.3


def test_a_thesaurus_is_plain_data():
    t = Thesaurus([], ["post-mortem"])
    assert set(t.expand(["postmortem"])[0]) == {
        ("post", "spelling", ""),
        ("mortem", "spelling", ""),
    }
    assert t.canonical("Anything") == "anything"


def test_suggested_stories_rank_by_competency_then_words_with_their_reason(demo):
    from tui.core.suggest import suggest

    stories = demo.all_records("story")
    found = suggest("Tell us about an argument with a colleague", stories)
    assert found[0].story.title == "Resolved a conflict between the data and payments teams"
    assert found[0].good and found[0].reason.startswith("by meaning: conflict")
    found = suggest("Describe the biggest failure in your career", stories)
    outage = next(s for s in found if s.story.title.startswith("Owned a production outage"))
    assert outage.good and "failure" in outage.competencies
    found = suggest("Cost optimisation of cloud infrastructure", stories)
    assert found[0].story.title == "Reduced cloud spend on the staging fleet"
    assert found[0].competencies == ("cost optimisation",) and "cloud" in found[0].words
    assert suggest("Why are you leaving your current company?", stories) == []


def test_questions_no_story_answers_are_listed(demo):
    snap = readiness.Snapshot(demo)
    gaps = [p["text"] for p in readiness.unanswered_questions(snap)]
    assert gaps == ["Why are you leaving your current company?"]
    demo.add("practice", {"text": "Tell us about a time you argued with a coworker."})
    snap = readiness.Snapshot(demo)
    assert len(readiness.unanswered_questions(snap)) == 1  # the conflict story answers it
