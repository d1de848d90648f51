"""Starter questions from `content/questions/`: searchable, copied to the bank on request."""

from __future__ import annotations

from functools import cache

from .content import load_toml
from .kinds import PRACTICE, QUESTION, Kind

# Starter kinds look like the bank's kinds but live in content, never in the workspace file.
STARTER_QUESTION: Kind = QUESTION._replace(
    name="starter_question", label="Starter question", plural="Starter questions to ask"
)
STARTER_PRACTICE: Kind = PRACTICE._replace(
    name="starter_practice",
    label="Starter practice",
    plural="Starter questions to practise",
)
STARTER_KINDS = {STARTER_QUESTION.name: STARTER_QUESTION, STARTER_PRACTICE.name: STARTER_PRACTICE}
BANK_KIND = {STARTER_QUESTION.name: QUESTION.name, STARTER_PRACTICE.name: PRACTICE.name}


@cache
def starters() -> dict[tuple[str, int], dict]:
    """Every starter question by (starter kind, number), as the values of a new record."""
    found: dict[tuple[str, int], dict] = {}
    number = 0
    for group in load_toml("questions/to-ask.toml")["question"]:
        for text in group["text"]:
            number += 1
            found[(STARTER_QUESTION.name, number)] = {"text": text, "category": group["category"]}
    number = 0
    for text in load_toml("questions/to-practise.toml")["text"]:
        number += 1
        found[(STARTER_PRACTICE.name, number)] = {"text": text}
    return found


PRACTISE_CATEGORY = "to practise"  # the starter questions you may be asked


def by_category() -> dict[str, list[tuple[tuple[str, int], dict]]]:
    """Starter questions grouped for browsing: each category of questions to ask, in the
    content file's order, then the questions to practise."""
    groups: dict[str, list[tuple[tuple[str, int], dict]]] = {}
    for key, values in starters().items():
        category = values.get("category") or PRACTISE_CATEGORY
        groups.setdefault(category, []).append((key, values))
    return groups
