"""Record kinds as declarative specs: the opportunity and every strategy's records.

One generic pane and one generic form serve every kind; what differs lives here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

# Field types: their names here, their behaviour in field_types.py.
from .field_types import (
    CHOICE,
    DATE,
    DATETIME,
    FIELD_TYPES,
    FLAG,
    LONG,
    REF,
    REFS,
    STORIES,
    STORY,
    TAGS,
    TEXT,
    ZONE,
    FieldType,
)
from .field_types import MAX_LONG as MAX_LONG  # the size limits, for those who read them here
from .field_types import MAX_TAGS as MAX_TAGS
from .field_types import MAX_TEXT as MAX_TEXT


# Fields and kinds are named tuples, not frozen dataclasses: as fixed and compared alike, and
# made without compiling six methods each for every start (about 2 ms).
class Field(NamedTuple):
    name: str
    label: str
    type: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None
    placeholder: str = ""
    # how much a match here counts in search: 1, more for titles and tags, 0 keeps it out
    search_weight: float = 1.0
    in_form: bool = True  # False: kept up to date by the app, not typed in the form
    short: str = ""  # column heading, when the label is too long for one
    # a choice that search also looks into and filters by ("category:culture")
    in_search: bool = False
    target: str = ""  # the kind a REF or REFS field links to
    # a one-line text offered completions from the titles of this kind's records
    suggest_from: str = ""

    @property
    def heading(self) -> str:
        return self.short or self.label.split(" (")[0]

    @property
    def behaviour(self) -> FieldType:
        """What the field's type does: check, show, search, link (see field_types.py)."""
        return FIELD_TYPES[self.type]

    @property
    def empty(self) -> Any:
        return self.default if self.default is not None else self.behaviour.empty()


class Kind(NamedTuple):
    name: str
    label: str
    plural: str
    strategy: int  # 0 for the opportunity itself
    scoped: bool  # belongs to one opportunity
    fields: tuple[Field, ...]
    title_field: str
    columns: tuple[str, ...]
    # What makes one record "done" for its strategy's checklist; None: every record counts.
    done: Callable[[dict], bool] | None = None
    done_label: str = ""
    extra: Mapping[str, Any] = MappingProxyType({})
    # The record carries a thank-you note (subject, body, state): its detail is the note,
    # y copies the note, and c, Y, s and E work on it.
    has_note: bool = False
    # Said before one is deleted: what else the delete changes.
    delete_warning: str = ""

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    def title_of(self, values: dict) -> str:
        title = str(values.get(self.title_field) or "").strip()
        return title.splitlines()[0] if title else f"(untitled {self.label.lower()})"

    @property
    def story_fields(self) -> tuple[Field, ...]:
        """The fields that name stories of the example bank."""
        return tuple(f for f in self.fields if f.behaviour.links_stories)

    def story_ids(self, values: dict) -> list[int]:
        """The stories `values` name, in field order."""
        return [i for f in self.story_fields for i in f.behaviour.story_ids(values.get(f.name))]

    def is_done(self, values: dict) -> bool:
        return True if self.done is None else bool(self.done(values))


ROUNDS = ("second", "final", "other")
CONVERSATIONS = ("recruiter", "hiring manager", "peers", "panel", "presentation", "mixed")
SCORES = ("1", "2", "3", "4", "5")
FORMATS = ("on site", "video", "phone")
STATUSES = ("preparing", "interviewed", "offer", "declined", "withdrawn")
QUESTION_CATEGORIES = ("clarification", "team", "future projects", "growth", "role", "culture")
PRIORITIES = ("high", "medium", "low")
CONCERN_STATES = ("open", "answer ready", "addressed")
# "in a file": the note went to a file and through the terminal (OSC 52), which cannot say
# whether it reached a clipboard
DRAFT_STATES = ("draft", "copied", "in a file", "sent")


_DIGIT = re.compile(r"\d")


def has_number(text: str) -> bool:
    """A result 'carries a number' when it has a digit: 30%, 2x, 4 weeks, $1.2M."""
    return bool(text) and _DIGIT.search(text) is not None


def _story_done(v: dict) -> bool:
    return has_number(v.get("result", "")) or has_number(v.get("impact", ""))


OPPORTUNITY = Kind(
    name="opportunity",
    label="Opportunity",
    plural="Opportunities",
    strategy=0,
    scoped=False,
    fields=(
        Field("company", "Company", required=True, search_weight=2.0),
        Field("role", "Role", required=True, search_weight=2.0),
        Field("round", "Round", CHOICE, choices=ROUNDS, default="second"),
        Field(
            "interview_at",
            "Interview (YYYY-MM-DD HH:MM; once it has rounds, pane 8's rounds count)",
            DATETIME,
        ),
        Field("format", "Format", CHOICE, choices=FORMATS, default="video"),
        Field("status", "Status", CHOICE, choices=STATUSES, default="preparing"),
        Field("job_description", "Job description (paste it here)", LONG),
        Field("notes", "Notes", LONG),
    ),
    title_field="company",
    columns=("company", "role", "round", "interview_at", "status"),
)

FEEDBACK = Kind(
    name="feedback",
    label="Feedback item",
    plural="Feedback",
    strategy=1,
    scoped=True,
    fields=(
        Field("said", "What was said", LONG, required=True, search_weight=2.0, short="Feedback"),
        Field("source", "Who said it (recruiter, interviewer...)", short="Source"),
        Field("date", "Date (YYYY-MM-DD)", DATE),
        Field(
            "nature",
            "Strength or area to improve",
            CHOICE,
            short="Kind",
            choices=("strength", "area to improve"),
            default="area to improve",
        ),
        Field("adjustment", "The adjustment you plan", LONG),
        Field("addressed", "Addressed", FLAG),
        Field("round", "Round it came from", REF, target="round", short="Round"),
    ),
    title_field="said",
    columns=("said", "nature", "source", "addressed"),
    done=lambda v: v.get("nature") == "strength" or bool(v.get("addressed")),
    done_label="addressed",
)

ASSESSMENT = Kind(
    name="assessment",
    label="Assessment result",
    plural="Assessments",
    strategy=1,
    scoped=True,
    fields=(
        Field("name", "Assessment", required=True, search_weight=2.0),
        Field("result", "Score or outcome"),
        Field("shows", "What it shows: strengths, what to develop", LONG, short="Shows"),
    ),
    title_field="name",
    columns=("name", "result", "shows"),
    done=lambda v: bool(str(v.get("shows", "")).strip()),
    done_label="reviewed",
)

RESEARCH = Kind(
    name="research",
    label="Research note",
    plural="Research notes",
    strategy=2,
    scoped=True,
    fields=(
        Field("headline", "Headline", required=True, search_weight=2.0),
        Field("date", "Date (YYYY-MM-DD)", DATE),
        Field("source", "Source"),
        Field("why", "Why it matters", LONG),
        Field("talking_point", "Your talking point", LONG),
    ),
    title_field="headline",
    columns=("headline", "date", "source"),
    done=lambda v: bool(str(v.get("talking_point", "")).strip()),
    done_label="with a talking point",
)

REQUIREMENT = Kind(
    name="requirement",
    label="Job requirement",
    plural="Job requirements",
    strategy=2,
    scoped=True,
    fields=(
        Field("text", "Requirement", required=True, search_weight=2.0),
        Field(
            "priority",
            "Must-have or nice-to-have",
            CHOICE,
            short="Priority",
            choices=("must-have", "nice-to-have"),
            default="must-have",
        ),
        Field("stories", "Stories that prove it", STORIES),
    ),
    title_field="text",
    columns=("text", "priority", "stories"),
    done=lambda v: bool(v.get("stories")),
    done_label="backed by a story",
    extra={"flag": "gap"},
)

INSIGHT = Kind(
    name="insight",
    label="New insight",
    plural="New insights",
    strategy=3,
    scoped=True,
    fields=(
        Field(
            "learned",
            "What you learned since the last round",
            LONG,
            required=True,
            short="Insight",
            search_weight=2.0,
        ),
        Field("strengthened", "How it strengthened your interest", LONG, short="Why it matters"),
    ),
    title_field="learned",
    columns=("learned", "strengthened"),
    done=lambda v: bool(str(v.get("strengthened", "")).strip()),
    done_label="linked to your interest",
)

THANKS_LINE = Kind(
    name="thanks_line",
    label="Line of thanks",
    plural="Lines of thanks",
    strategy=3,
    scoped=True,
    fields=(
        Field("text", "What you will say", LONG, required=True, search_weight=2.0, short="Line"),
        Field(
            "when",
            "Opening or closing",
            CHOICE,
            choices=("opening", "closing"),
            short="When",
            default="opening",
        ),
    ),
    title_field="text",
    columns=("when", "text"),
)

STORY_KIND = Kind(
    name="story",
    label="Story",
    plural="Stories",
    strategy=4,
    scoped=False,
    fields=(
        Field("title", "Title", required=True, search_weight=3.0),
        Field("situation", "Situation", LONG),
        Field("task", "Task", LONG),
        Field("action", "Action", LONG),
        Field("result", "Result", LONG),
        Field("impact", "Measured impact (a number: %, time, money, people)", short="Impact"),
        Field(
            "competencies",
            "Competencies (comma-separated tags)",
            TAGS,
            search_weight=3.0,
            short="Competencies",
        ),
    ),
    title_field="title",
    columns=("title", "competencies", "impact"),
    done=_story_done,
    done_label="quantified",
    extra={"flag": "quantify"},
    delete_warning="Records that cite this story will lose the link.",
)

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
    done_label="backed by a story",
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
    columns=("raised", "nature", "state"),
    done=lambda v: v.get("state") in ("answer ready", "addressed"),
    done_label="answer ready",
    extra={"flag": "open"},
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
        Field("email", "E-mail"),
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
            "When the interview ended (YYYY-MM-DD HH:MM; empty: when its round ends)",
            DATETIME,
            short="Ended",
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
        Field("sent_at", "Sent at", DATETIME, search_weight=0, in_form=False),
        # what was last composed, and from what: a draft equal to it follows its data
        Field("composed_subject", "Composed subject", TEXT, search_weight=0, in_form=False),
        Field("composed_body", "Composed note", LONG, search_weight=0, in_form=False),
        Field("composed_from", "Composed from", LONG, search_weight=0, in_form=False),
    ),
    title_field="name",
    columns=("round", "name", "title", "ended_at"),
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
        Field("start_at", "Starts (YYYY-MM-DD HH:MM, in its time zone)", DATETIME, short="Starts"),
        Field("end_at", "Ends (YYYY-MM-DD HH:MM)", DATETIME, short="Ends"),
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

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        OPPORTUNITY,
        FEEDBACK,
        ASSESSMENT,
        RESEARCH,
        REQUIREMENT,
        INSIGHT,
        THANKS_LINE,
        STORY_KIND,
        VALUE,
        VALUE_MATCH,
        GOAL,
        QUESTION,
        ASKED_THEM,
        PRACTICE,
        CONCERN,
        INTERVIEWER,
        ROUND,
        ASKED,
        ATTEMPT,
    )
}


def kinds_of_strategy(number: int) -> list[Kind]:
    return [k for k in KINDS.values() if k.strategy == number]


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown record kind {name!r}") from None
