"""Reading a job description: requirements drafted from it, its key terms matched to stories."""

from __future__ import annotations

from tui.core.job_description import (
    MUST,
    NICE,
    draft_requirements,
    is_taken,
    open_count,
    priority_of,
    requirement_lines,
)
from tui.core.key_terms import coverage, fold, key_terms, suggest_stories, terms_in

BULLETS = """\
Data Analyst, Growth

Requirements:
- 3+ years of SQL, including window functions
- Experience building dashboards in Looker or Tableau
* You can explain a funnel to people who do not read charts
• A/B testing: designing experiments and reading their results

Bonus points
- dbt
- Python for data cleaning

Perks
- Four-day week in summer
- A new laptop of your choice
"""

PROSE = """\
Harbor Bank is a small bank with a large app. We are hiring a product designer for the \
savings team. You will run research with customers every month and turn it into flows that \
engineers can build. You have a portfolio that shows shipped mobile work. Experience with \
accessibility audits is required. Knowledge of banking regulation is a plus but not needed on \
day one. We are based in Lisbon and meet once a quarter."""

MIXED = """\
About the role
Our warehouse robots send two billion events a day. You will keep the pipeline that carries \
them fast and correct.

Must have: Go or Rust, Kafka in production, and on-call experience.
Nice to have: ClickHouse, protobuf schema design.

1. Design the next version of the event schema
2) Review every change to the ingestion services

Benefits
- Stock options
"""


def drafted(text: str, existing: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(c.text, c.priority) for c in draft_requirements(text, existing)]


def test_drafting_from_bullets_follows_the_headings():
    assert drafted(BULLETS) == [
        ("3+ years of SQL, including window functions", MUST),
        ("Experience building dashboards in Looker or Tableau", MUST),
        ("You can explain a funnel to people who do not read charts", MUST),
        ("A/B testing: designing experiments and reading their results", MUST),
        ("dbt", NICE),  # a name written in lower case keeps its spelling
        ("Python for data cleaning", NICE),
    ]  # the title is no requirement, the perks are left out


def test_a_name_starting_a_line_keeps_its_spelling():
    text = "Requirements\n- dbt experience is a plus\n- gRPC services\n- k8s operators\n"
    text += "- npm packaging\n- strong written English\n- iOS release trains\n"
    assert [t for t, _ in drafted(text)] == [
        "dbt experience is a plus",
        "gRPC services",
        "k8s operators",
        "npm packaging",
        "Strong written English",
        "iOS release trains",
    ]


def test_drafting_from_prose_keeps_the_sentences_that_ask_for_something():
    assert drafted(PROSE) == [
        (
            "You will run research with customers every month and turn it into flows that "
            "engineers can build",
            MUST,
        ),
        ("You have a portfolio that shows shipped mobile work", MUST),
        ("Experience with accessibility audits is required", MUST),
        ("Knowledge of banking regulation is a plus but not needed on day one", NICE),
    ]  # the sentences about the bank and the office are not offered


def test_drafting_from_a_mixed_description_splits_lists_written_as_sentences():
    assert drafted(MIXED) == [
        ("You will keep the pipeline that carries them fast and correct", MUST),
        ("Go or Rust", MUST),
        ("Kafka in production", MUST),
        ("On-call experience", MUST),
        ("ClickHouse", NICE),
        ("Protobuf schema design", NICE),
        ("Design the next version of the event schema", MUST),
        ("Review every change to the ingestion services", MUST),
    ]


def test_lines_already_requirements_are_not_offered_again():
    existing = (
        "Kafka in production",
        "on-call experiance",  # a small typo still counts as the same line
        "Design the next version of the event schema.",
    )
    texts = [t for t, _ in drafted(MIXED, existing)]
    assert "Kafka in production" not in texts
    assert "On-call experience" not in texts
    assert "Design the next version of the event schema" not in texts
    assert "Go or Rust" in texts and len(texts) == 5
    # a line said twice is offered once
    assert len(drafted("- Kafka in production\n- Kafka in production.\n")) == 1


def test_the_count_of_lines_to_draft_is_what_drafting_offers():
    """The panel's "could become one (N: press D)" counts what D offers: a description pasted
    twice counts each line once."""
    existing = ("Kafka in production",)
    for text in (MIXED, MIXED + "\n" + MIXED, PROSE + "\n\n" + PROSE):
        lines = requirement_lines(text, existing)
        assert open_count(lines) == len(draft_requirements(text, existing))


def test_must_and_nice_words():
    assert priority_of("Python is required") == MUST
    assert priority_of("You have shipped a mobile app") == MUST
    assert priority_of("Bonus: Rust") == NICE
    assert priority_of("Rust would be a plus, not a must") == NICE
    assert priority_of("Go, Rust") is None
    assert not is_taken("Kafka in production", ["Kubernetes in production"])


def test_key_terms_are_frequent_or_emphasised_and_not_stop_words():
    terms = [t.text for t in key_terms(BULLETS)]
    assert "SQL" in terms and "Looker" in terms and "dashboards" in terms
    assert not {"the", "of", "experience", "years", "you"} & {t.lower() for t in terms}
    assert "window functions" in terms  # a phrase standing alone in a requirement line
    # the company's own name is no key term when asked to leave it out
    assert "Harbor" not in [t.text for t in key_terms(PROSE, ignore=["Harbor Bank"])]


def test_folding_forgives_plurals_and_hyphens():
    assert fold("Dashboards") == fold("dashboard")
    assert fold("strategies") == fold("strategy")
    assert fold("processes") == "process" and fold("databases") == "database"
    assert fold("event-driven") == "eventdriven"


def test_key_terms_matched_to_stories_with_gaps(workspace):
    add = workspace.add
    sql = add(
        "story",
        {
            "title": "Rebuilt the revenue dashbord",  # typo: still mentions dashboards
            "action": "Rewrote the SQL with window functions and moved it to Looker.",
            "result": "Load time fell from 40 to 4 seconds.",
        },
    )
    ab = add(
        "story",
        {
            "title": "Stopped a misleading experiment",
            "action": "Found that the A/B testing tool split users unevenly.",
            "competencies": ["experiments", "communication"],
        },
    )
    add("story", {"title": "Organised the team offsite", "result": "30 people came."})
    found = {c.term.text: c.stories for c in coverage(BULLETS, workspace.all_records("story"))}
    assert found["SQL"] == (sql.id,)
    assert found["dashboards"] == (sql.id,)
    assert found["window functions"] == (sql.id,)
    assert found["Looker"] == (sql.id,)
    assert found["A/B testing"] == (ab.id,)
    assert found["experiments"] == (ab.id,)
    gaps = {term for term, stories in found.items() if not stories}
    assert {"Tableau", "funnel", "Python"} <= gaps


def test_matching_many_stories_lets_keys_go_first_now_and_then():
    """On a worker the matching of thousands of stories pauses every 256 of them (the app's
    pause waits while keys come in), and finds the same."""
    from tui.core.kinds import STORY_KIND
    from tui.core.record import Record

    stories = [
        Record(STORY_KIND, n, {"title": f"Story {n}", "action": "Wrote SQL for dashboards."})
        for n in range(1, 601)
    ]
    paused: list[int] = []
    found = coverage(BULLETS, stories, pause=lambda: paused.append(1))
    assert len(paused) == 2
    assert found == coverage(BULLETS, stories)
    sql = next(c for c in found if c.term.text == "SQL")
    assert len(sql.stories) == 600


def test_suggested_stories_use_the_key_terms(workspace):
    k8s = workspace.add(
        "story",
        {"title": "Moved forty services to Kubernetes", "result": "Deploys went from 2 to 15."},
    )
    workspace.add("story", {"title": "Cut the CI bill", "result": "Saved 30%."})
    description = "Must have: Kubernetes in production, cost awareness."
    suggested = suggest_stories(
        "Kubernetes in production", description, workspace.all_records("story")
    )
    assert [story_id for story_id, _ in suggested] == [k8s.id]
    assert "Kubernetes" in suggested[0][1]
    assert [t.text for t in terms_in("kubernetes clusters", key_terms(description))] == [
        "Kubernetes"
    ]


def test_the_brief_holds_the_description_folded_to_its_requirement_lines(demo):
    from tui.core.export import brief_markdown

    brief = brief_markdown(demo, demo.active)
    assert "#### From the job description" in brief
    assert "- [x] Deep experience with CI/CD at scale (must)" in brief  # a requirement already
    assert "- [ ] Bazel or another hermetic build system (nice)" in brief  # one still to add
    assert "- [ ] Mentor senior engineers on the platform team and beyond (must)" in brief
    assert "2,000 euros" not in brief  # the offer is folded away
    assert "four thousand shippers" not in brief  # and so is the company blurb


def test_a_note_40_days_before_the_interview_is_older_and_not_counted(workspace):
    from tui.core import readiness, recency

    opp = workspace.add("opportunity", {"company": "Acme", "role": "SRE"})
    workspace.update("opportunity", opp.id, {"interview_at": "2026-12-01 10:00"})
    workspace.set_active(opp.id)
    for day in ("2026-11-30", "2026-11-20", "2026-11-01"):  # 1, 11 and 30 days before
        workspace.add("research", {"headline": f"News of {day}", "date": day})
    old = workspace.add("research", {"headline": "Old news", "date": "2026-10-22"})  # 40 days

    def research_check() -> readiness.Check:
        return readiness.checklist(workspace, 2)[0]

    snap = readiness.Snapshot(workspace)
    assert snap.research_marks() == {old.id: recency.OLDER}
    check = research_check()
    assert (check.done, check.detail) == (True, "3 recent notes, 1 older")
    assert "(1 not recent)" in readiness.summary(workspace, 2)

    # with one recent note gone, the older one does not make up the three
    recent_one = workspace.scoped_records("research")[0]
    workspace.delete("research", recent_one.id)
    check = research_check()
    assert (check.done, check.detail) == (False, "2 recent notes, 1 older")
    # an undated note is not counted either, and says why
    workspace.add("research", {"headline": "Undated rumour"})
    assert research_check().detail == "2 recent notes, 1 older, 1 undated"
    assert not research_check().done


def test_without_an_interview_date_recent_counts_back_from_today(workspace):
    from datetime import datetime

    from tui.core import clock, readiness

    opp = workspace.add("opportunity", {"company": "Acme", "role": "SRE"})
    workspace.set_active(opp.id)
    fresh = workspace.add("research", {"headline": "Fresh", "date": "2026-11-20"})
    old = workspace.add("research", {"headline": "Old", "date": "2026-10-18"})  # 40 days
    clock.hold(datetime(2026, 11, 27, 9, 0))
    try:
        assert readiness.Snapshot(workspace).research_marks() == {old.id: "older"}
        assert fresh.id not in readiness.Snapshot(workspace).research_marks()
    finally:
        clock.hold(None)


DATA_ROLE = """\
Data Engineer, Analytics Platform

Requirements
- Build and operate batch pipelines in Python and dbt
- Own data quality checks and alerting
- Data quality monitoring with Great Expectations
- Kubernetes in production
- Operate Airflow at scale
"""


def test_a_word_a_listed_phrase_holds_is_not_listed_again_on_its_own():
    terms = [t.text for t in key_terms(DATA_ROLE)]
    assert "data quality" in terms
    # 'data' comes only inside 'data quality' and in the title: no term of its own
    assert "data" not in {t.lower() for t in terms}
    # a word used on its own in two more requirement lines still is a term of its own
    text = "Requirements\n- Cloud infrastructure\n- Infrastructure as code\n"
    text += "- On call for the infrastructure\n"
    assert {"cloud infrastructure", "infrastructure"} <= {t.text for t in key_terms(text)}


def test_the_verbs_of_any_duty_are_no_key_terms():
    terms = {t.text.lower() for t in key_terms(DATA_ROLE)}
    assert not {"build", "operate", "operating", "builds"} & terms
    # real one-word terms stay, names written in lower case too
    assert {"python", "dbt", "kubernetes", "airflow"} <= terms
    # nouns made from those verbs are still terms
    assert "developer productivity" in {
        t.text.lower() for t in key_terms("Requirements\n- Developer productivity\n")
    }
