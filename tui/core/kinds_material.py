"""The opportunity and the record kinds of strategies 1-4 (feedback, research, new insights,
stories), with the choices their fields offer."""

from __future__ import annotations

import re

from .field_types import (
    CHOICE,
    DATE,
    DATETIME,
    FLAG,
    LONG,
    REF,
    STORIES,
    TAGS,
)
from .kind_spec import Field, Kind

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
            "Interview (YYYY-MM-DD HH:MM; a round in pane 8 that day replaces it)",
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
    # a strength is not addressed: it is kept up, whatever its Addressed flag says
    extra={"done_by": ("nature", "strength", "to reinforce")},
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
    done_label="talking point",  # the State cell: it has one
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
            cells=("must", "nice"),
        ),
        Field("stories", "Stories that prove it", STORIES, short="Stories"),
    ),
    title_field="text",
    columns=("text", "priority", "stories"),
    done=lambda v: bool(v.get("stories")),
    done_label="backed",  # the Stories column beside it says by how many
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
)
