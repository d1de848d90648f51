"""Plain facts about English words that search relies on: the little words, and joined forms."""

from __future__ import annotations

import re

# Words that carry grammar rather than meaning: a query's "with", "a" or "our" should not
# decide which record comes first.
COMMON_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not of off on once only or other our ours
    ourselves out over same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself
    yourselves us tell describe give
    """.split()
)

# from the start of a word only: tried at every letter, a word without a hyphen would be
# read again and again to its end (most texts have none, and are not searched at all)
_HYPHENATED = re.compile(r"\b\w+(?:-\w+)+")


def joined_forms(text: str) -> list[str]:
    """Hyphenated words written as one ("post-mortem" -> "postmortem"), lowercased."""
    if "-" not in text:
        return []
    return [m.group().lower().replace("-", "") for m in _HYPHENATED.finditer(text)]


def importance(word: str) -> float:
    """How much one query word counts towards a record's rank: little for the little words."""
    return 0.2 if word in COMMON_WORDS else 1.0
