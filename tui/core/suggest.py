"""Which of your stories answers a question or proves a requirement: stories ranked by the
competencies they share with it (read through the thesaurus) and the words they share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .record import Record
from .thesaurus import thesaurus

GOOD = 0.5  # a story scoring this much answers the question well
TAG = 1.0  # the story is tagged with a competency the question asks for
TOLD = 0.45  # the story's own text speaks of it once; more for each further mention
TOLD_MORE, TOLD_MAX = 0.15, 0.9
STORY_TEXT = ("title", "situation", "task", "action", "result", "impact")


@dataclass(frozen=True)
class Suggestion:
    story: Record
    score: float  # 0..1
    competencies: tuple[str, ...]  # asked for by the question, shown by the story
    words: tuple[str, ...]  # key terms of the question the story mentions

    @property
    def good(self) -> bool:
        return self.score >= GOOD

    @property
    def reason(self) -> str:
        """ "by meaning: conflict · words: decision" — why this story was suggested."""
        parts = []
        if self.competencies:
            parts.append("by meaning: " + ", ".join(self.competencies))
        if self.words:
            parts.append("words: " + ", ".join(self.words))
        return " · ".join(parts)


@lru_cache(maxsize=4096)
def _competencies_in(text: str) -> dict[str, int]:
    return thesaurus().competencies_in(text)


def story_competencies(story: Record) -> tuple[frozenset[str], dict[str, int]]:
    """The competencies a story is tagged with (by their usual name), and those its text
    speaks of, with how many of its words do."""
    canonical = thesaurus().canonical
    tags = frozenset(canonical(str(t)) for t in story.values.get("competencies") or [])
    text = "\n".join(str(story.values.get(name) or "") for name in STORY_TEXT)
    return tags, _competencies_in(text)


def suggest(
    text: str, stories: Iterable[Record], description: str = "", limit: int = 3
) -> list[Suggestion]:
    """The stories that best answer `text` (a question to practise, a requirement), best
    first, each with its reason; stories sharing nothing with it are left out. For a
    requirement, `description` is the job description whose key terms count as its words."""
    from .key_terms import suggest_stories  # loads rapidfuzz: only when suggesting

    stories = list(stories)
    asked = _competencies_in(text)
    shared_words = dict(suggest_stories(text, description, stories, limit=len(stories) or 1))
    found: list[Suggestion] = []
    for story in stories:
        tags, told = story_competencies(story)
        shared = sorted(
            (c for c in asked if c in tags or c in told), key=lambda c: (c not in tags, c)
        )
        words = shared_words.get(story.id, ())
        word_score = min(1.0, len(words) / 2)
        if asked:
            strengths = sorted(
                (
                    TAG if c in tags else min(TOLD_MAX, TOLD + TOLD_MORE * (told[c] - 1))
                    for c in shared
                ),
                reverse=True,
            )
            meaning = min(1.0, strengths[0] + 0.2 * (len(strengths) - 1)) if strengths else 0.0
            score = 0.65 * meaning + 0.35 * word_score
        else:
            score = word_score
        if score > 0:
            found.append(Suggestion(story, round(score, 3), tuple(shared), tuple(words)))
    found.sort(key=lambda s: (-s.score, s.story.title.lower()))
    return found[:limit]


def answered(text: str, linked: object, stories: Iterable[Record]) -> bool:
    """A question is answered when a story is linked to it, or one answers it well."""
    if linked:
        return True
    best = suggest(text, stories, limit=1)
    return bool(best) and best[0].good
