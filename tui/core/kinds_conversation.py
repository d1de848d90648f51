"""The record kinds of strategies 5-8 (values and goals, questions and practice, concerns,
interviewers and rounds) and the rehearsal attempt."""

from __future__ import annotations

from typing import Any

from .field_types import (
    CHOICE,
    DATETIME,
    FLAG,
    LONG,
    REF,
    REFS,
    STORIES,
    STORY,
    TEXT,
    ZONE,
)
from .field_values import address_problem
from .kind_spec import Field, Kind
from .kinds_material import (
    CONCERN_STATES,
    CONVERSATIONS,
    DRAFT_STATES,
    FORMATS,
    PRIORITIES,
    QUESTION_CATEGORIES,
    SCORES,
)
from .round_times import round_problems

VALUE = Kind(
    name="value",
    label="Company value",
    plural="Company values",
    strategy=5,
    scoped=True,
    fields=(
        Field("value", "Value", required=True, search_weight=2.0),
        Field("seen_where", "Where you saw it", LONG),
    ),
    title_field="value",
    columns=("value", "seen_where"),
)

VALUE_MATCH = Kind(
    name="value_match",
    label="Values match",
    plural="How your values match",
    strategy=5,
    scoped=True,
    fields=(
        Field(
            "statement",
            "How your values match",
            LONG,
            required=True,
            search_weight=2.0,
            short="Your match",
        ),
        Field("value", "Which company value"),
        Field("story", "Supporting story", STORY),
    ),
    title_field="statement",
    columns=("statement", "value", "story"),
    done=lambda v: v.get("story") is not None,
    done_label="backed",  # the Story column beside it names the story
)

GOAL = Kind(
    name="goal",
    label="Shared goal",
    plural="Shared goals",
    strategy=5,
    scoped=True,
    fields=(
        Field("goal", "Your goal", LONG, required=True, search_weight=2.0, short="Goal"),
        Field("mission_link", "How it serves the company's mission", LONG, short="Mission link"),
    ),
    title_field="goal",
    columns=("goal", "mission_link"),
    done=lambda v: bool(str(v.get("mission_link", "")).strip()),
    done_label="linked to the mission",
)

QUESTION = Kind(
    name="question",
    label="Question to ask",
    plural="Questions to ask",
    strategy=6,
    scoped=False,
    fields=(
        Field("text", "Question", LONG, required=True, search_weight=3.0),
        Field(
            "category",
            "Category",
            CHOICE,
            choices=QUESTION_CATEGORIES,
            default="role",
            in_search=True,
        ),
        Field("for_whom", "For whom (hiring manager, peer, anyone...)", short="For"),
        Field("priority", "Priority", CHOICE, choices=PRIORITIES, default="medium"),
    ),
    title_field="text",
    columns=("text", "category", "priority"),
)

# One of your questions asked in one round, with the answer heard there: "asked" belongs to a
# round, so the same question can be asked again at another company or in a later round.
ASKED_THEM = Kind(
    name="asked_them",
    label="Question you asked",
    plural="Your questions asked, by round",
    strategy=6,
    scoped=True,
    fields=(
        Field("round", "Round", REF, target="round"),
        Field(
            "text",
            "The question you asked",
            required=True,
            search_weight=2.0,
            short="Question",
            suggest_from="question",
        ),
        Field("by", "Whom you asked", REF, target="interviewer", short="Asked"),
        Field("answer", "The answer you heard", LONG, short="Answer heard"),
        # worked out when saved: the question of your bank it is (a new one joins the bank)
        Field("question", "In your question bank", REF, target="question", in_form=False),
    ),
    title_field="text",
    columns=("round", "text", "answer"),
    done=lambda v: bool(str(v.get("answer", "")).strip()),
    done_label="answer noted",
    extra={"flag": "note the answer"},
)

PRACTICE = Kind(
    name="practice",
    label="Question to practise",
    plural="Questions to practise",
    strategy=6,
    scoped=False,
    fields=(
        Field(
            "text",
            "Question you may be asked",
            LONG,
            required=True,
            search_weight=3.0,
            short="Question",
        ),
        Field("notes", "Your answer, in notes", LONG),
        Field("story", "Story to tell", STORY),
    ),
    title_field="text",
    columns=("text", "story"),
)


def concern_problems(values: dict[str, Any], kept: dict[str, Any] | None = None) -> dict[str, str]:
    """A concern is 'answer ready' (or 'addressed') only with its answer written, as space and
    the checklist already have it: the state alone does not make an answer (asked at every
    save, whatever was `kept` before)."""
    state = str(values.get("state") or "open")
    if state != "open" and not str(values.get("answer") or "").strip():
        return {
            "answer": f"write your answer first: a concern is not '{state}' without one "
            "(or keep its state open)"
        }
    return {}


CONCERN = Kind(
    name="concern",
    label="Concern",
    plural="Concerns",
    strategy=7,
    scoped=True,
    fields=(
        Field("raised", "What was raised", LONG, required=True, search_weight=2.0, short="Concern"),
        Field("by", "Raised by"),
        Field(
            "nature",
            "Weakness or misunderstanding",
            CHOICE,
            short="Kind",
            choices=("weakness", "misunderstanding"),
            default="weakness",
        ),
        Field("answer", "Your calm, non-defensive answer", LONG),
        Field("steps", "Steps you have already taken", LONG),
        Field("story", "Supporting story", STORY),
        Field("state", "State", CHOICE, choices=CONCERN_STATES, default="open"),
        Field("round", "Round it came from", REF, target="round", short="Round"),
    ),
    title_field="raised",
    columns=("raised", "nature"),  # and its state, in the state column
    # ready only with an answer written: the state alone does not make one
    done=lambda v: (
        v.get("state") in ("answer ready", "addressed") and bool(str(v.get("answer", "")).strip())
    ),
    done_label="answer ready",
    extra={"flag": "open"},
    check=concern_problems,  # a record kept before this check still opens (check_stored)
)

INTERVIEWER = Kind(
    name="interviewer",
    label="Interviewer",
    plural="Interviewers",
    strategy=8,
    scoped=True,
    fields=(
        Field("name", "Name", required=True, search_weight=3.0),
        Field(
            "greeting",
            "Greeting name (after “Hi” or “Dear”; empty: their first name)",
            placeholder="Joost, Dr de Vries, 田中さん…",
            short="Greeting",
        ),
        Field("title", "Their title"),
        Field("email", "E-mail", form_check=address_problem),
        # the labels say what shape the note needs: each phrase goes inside a sentence
        Field(
            "discussed",
            "What you discussed (a phrase that completes “I enjoyed our conversation about …”)",
            LONG,
            short="Discussed",
        ),
        Field(
            "moment",
            "A moment worth recalling (completes “I keep thinking about …”)",
            LONG,
            short="Moment",
        ),
        Field(
            "strengths",
            "Strengths to reinforce (phrases that complete “my experience with …”; "
            "one a line or split by ;)",
            LONG,
            short="Strengths",
        ),
        Field("story", "A story of yours that came up", STORY),
        Field(
            "insight",
            "New insight to mention (from pane 3; none: the note leaves it out)",
            REF,
            target="insight",
            short="Insight",
        ),
        Field("round", "Round", REF, target="round"),
        Field(
            "ended_at",
            "When the interview ended, on your clock (YYYY-MM-DD HH:MM; empty: when its round "
            "ends, or with no round the interview)",
            DATETIME,
            short="Ended here",  # on this computer's clock, as the round's list says "there"
        ),
        Field("plan_stories", "Stories you plan to tell them", STORIES, short="Stories"),
        Field(
            "plan_questions",
            "Questions you plan to ask them",
            REFS,
            target="question",
            short="Questions",
        ),
        Field(
            "template",
            "Note template",
            CHOICE,
            choices=("warm", "concise", "formal", "panel", "presentation"),
            default="warm",
        ),
        # the note is mostly template words: they count less than the interviewer's own fields
        Field("draft_subject", "Thank-you subject", TEXT, search_weight=0.5),
        Field("draft_body", "Thank-you note", LONG, search_weight=0.5),
        Field(
            "draft_state", "Note state", CHOICE, choices=DRAFT_STATES, default="draft", short="Note"
        ),
        Field("copied_at", "Copied at", DATETIME, search_weight=0, in_form=False),
        # a fingerprint of the text last copied: tells whether the note changed since
        Field("copied_digest", "Copied text", TEXT, search_weight=0, in_form=False),
        Field("sent_at", "Sent at", DATETIME, search_weight=0, in_form=False),
        # what was last composed, and from what: a draft equal to it follows its data
        Field("composed_subject", "Composed subject", TEXT, search_weight=0, in_form=False),
        Field("composed_body", "Composed note", LONG, search_weight=0, in_form=False),
        Field("composed_from", "Composed from", LONG, search_weight=0, in_form=False),
    ),
    title_field="name",
    columns=("round", "name", "ended_at"),
    done=lambda v: v.get("draft_state") == "sent",
    done_label="note sent",
    extra={"flag": "note to send"},
    has_note=True,
)

ROUND = Kind(
    name="round",
    label="Round",
    plural="Rounds",
    strategy=8,
    scoped=True,
    fields=(
        Field("name", "Name (recruiter screen, first, final...)", required=True, short="Round"),
        Field(
            "conversation",
            "Kind of conversation",
            CHOICE,
            choices=CONVERSATIONS,
            default="mixed",
            short="With",
        ),
        Field(
            "start_at",
            "Starts (YYYY-MM-DD HH:MM, in its time zone)",
            DATETIME,
            short="Starts there",  # in the round's zone, unlike the interviewers' "Ended here"
        ),
        Field("end_at", "Ends (YYYY-MM-DD HH:MM, in its time zone)", DATETIME, short="Ends"),
        Field(
            "zone",
            "Time zone (Europe/Amsterdam; empty: this computer's)",
            ZONE,
            placeholder="Europe/Amsterdam",
            short="Zone",
        ),
        Field("format", "Format", CHOICE, choices=FORMATS, default="video"),
        Field("place", "Place or link"),
        Field("notes", "Notes", LONG),
    ),
    title_field="name",
    columns=("name", "start_at", "conversation", "format"),
    check=round_problems,
)

ASKED = Kind(
    name="asked",
    label="Question asked",
    plural="Questions asked (debrief)",
    strategy=8,
    scoped=True,
    fields=(
        Field("round", "Round", REF, target="round"),
        Field(
            "text",
            "The question they asked you",
            required=True,
            search_weight=2.0,
            short="Question",
            suggest_from="practice",
        ),
        Field("by", "Who asked", REF, target="interviewer", short="By"),
        Field("story", "The story you told", STORY, short="Story"),
        Field("score", "How it went (1-5)", CHOICE, choices=SCORES, short="Score"),
        Field("notes", "What you noticed", LONG),
        # worked out when saved: the practice question it matched, and whether that question
        # was in your bank before the round (a prediction that came true)
        Field("practice", "In your practice bank", REF, target="practice", in_form=False),
        Field("predicted", "Predicted", FLAG, in_form=False, search_weight=0),
    ),
    title_field="text",
    columns=("round", "text", "by", "score"),
)

RATINGS = ("again", "hard", "good", "easy")

# One try at saying an item out loud: kept in its own table, never edited in a form. The item is
# "kind:id" (a question to practise, a story, a concern, a new insight); seconds are digits, or
# empty for an attempt that was not timed; imported: carried over from the old "practised" flag.
ATTEMPT = Kind(
    name="attempt",
    label="Rehearsal attempt",
    plural="Rehearsal attempts",
    strategy=-1,  # shown on its item, in no pane of its own
    scoped=False,
    fields=(
        Field("item", "Item", required=True, search_weight=0, in_form=False),
        Field("started", "Started", DATETIME, search_weight=0, in_form=False),
        Field("seconds", "Seconds", search_weight=0, in_form=False),
        Field("rating", "Rating", CHOICE, choices=RATINGS, default="good", search_weight=0),
        Field("note", "Note", search_weight=0, in_form=False),
        Field("imported", "Imported", FLAG, search_weight=0, in_form=False),
    ),
    title_field="item",
    columns=("item", "started", "seconds", "rating"),
)
