"""The competency thesaurus of `content/thesaurus.toml`: what a query or a tag means.

Search asks it which competencies a query's words evoke and which words stand for them;
pane 4 asks it which competency a story's tag names, so "mentorship" counts as "mentoring".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from .content import load_toml

STEM_MIN = 5  # a term this long also stands for the words that begin with it
# Kinds of match offered to search, which weighs them (search_words.MATCH_WEIGHTS):
MEANING = "meaning"  # another word for a competency the query word evokes ("clash")
MEANING_NAME = "meaning_name"  # that competency's own name ("conflict")
SPELLING = "spelling"  # the same word written another way ("post mortem", "postmortem")
_WORD = re.compile(r"\w+")


def _key(text: str) -> str:
    """A tag or term with case, spaces and punctuation dropped: "Cross-team" -> "crossteam"."""
    return "".join(_WORD.findall(text.lower()))


@dataclass(frozen=True)
class Competency:
    name: str
    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]


def _same_word(query_word: str, term: str) -> bool:
    """`query_word` is `term`, or an inflection of a term long enough to be a stem."""
    return query_word == term or (len(term) >= STEM_MIN and query_word.startswith(term))


class Thesaurus:
    """Competencies with their terms and phrases, and the compounds written several ways."""

    def __init__(self, competencies: list[Competency], compounds: list[str]) -> None:
        self.competencies = {c.name: c for c in competencies}
        self._by_term: dict[str, list[str]] = {}
        for c in competencies:
            for term in (*c.terms, *([_key(c.name)] if " " not in c.name else [])):
                names = self._by_term.setdefault(term, [])
                if c.name not in names:
                    names.append(c.name)
        self._terms = sorted(self._by_term)
        # phrases by their first word, so a long text is read once
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for c in competencies:
            for phrase in c.phrases:
                if phrase:
                    self._phrases.setdefault(phrase[0], []).append((phrase, c.name))
        self._expanded: dict[tuple[tuple[str, ...], bool], list] = {}  # recent queries
        self._canonical: dict[str, str] = {}
        self._by_key = {_key(c.name): c.name for c in competencies}
        for term, names in self._by_term.items():
            self._by_key.setdefault(term, names[0])
        # "postmortem" -> ("post", "mortem"), for records that write it with a space
        self.compounds = {_key(form): tuple(_WORD.findall(form.lower())) for form in compounds}

    @classmethod
    def from_content(cls) -> Thesaurus:
        data = load_toml("thesaurus.toml")
        competencies = [
            Competency(
                name=str(entry["name"]).strip().lower(),
                terms=tuple(str(t).lower() for t in entry.get("terms", [])),
                phrases=tuple(
                    tuple(_WORD.findall(str(p).lower())) for p in entry.get("phrases", [])
                ),
            )
            for entry in data.get("competency", [])
        ]
        compounds = [str(f) for group in data.get("compounds", []) for f in group.get("forms", [])]
        return cls(competencies, compounds)

    # -- tags -------------------------------------------------------------------------------
    def canonical(self, tag: str) -> str:
        """The competency a story's tag spells another way ("Mentorship" -> "mentoring",
        "cross team" -> "cross-team"); other tags come back lowercased and trimmed. A tag that
        only means something close ("coworker") keeps its own name."""
        found = self._canonical.get(tag)
        if found is None:  # thousands of stories share a few dozen tags: each is worked out once
            found = self._canonical[tag] = self._work_out_canonical(tag)
        return found

    def _work_out_canonical(self, tag: str) -> str:
        plain = " ".join(tag.lower().split())
        key = _key(plain)
        names = [self._by_key[key]] if key in self._by_key else []
        if not names and " " not in plain:
            for n in range(len(key) - 1, STEM_MIN - 1, -1):  # "mentorships" -> "mentorship"
                names = self._by_term.get(key[:n], [])
                if names:
                    break
        for name in (*names, *self._by_term.get(key, ())):
            if _key(name) == key or _key(name)[:STEM_MIN] == key[:STEM_MIN]:
                return name
        return plain

    # -- queries ----------------------------------------------------------------------------
    def _term_competencies(self, word: str, partial: bool) -> list[str]:
        found: list[str] = list(self._by_term.get(word, ()))
        for n in range(len(word) - 1, STEM_MIN - 1, -1):
            for name in self._by_term.get(word[:n], ()):
                if name not in found:
                    found.append(name)
        if partial and len(word) >= STEM_MIN:  # a word still being typed: "argum" -> argument
            i = bisect_left(self._terms, word)
            while i < len(self._terms) and self._terms[i].startswith(word):
                for name in self._by_term[self._terms[i]]:
                    if name not in found:
                        found.append(name)
                i += 1
        return found

    def evoked(self, words: list[str], last_is_partial: bool = False) -> list[list[str]]:
        """For each query word, the competencies it evokes, alone or inside a phrase."""
        found = [
            self._term_competencies(w, last_is_partial and i == len(words) - 1)
            for i, w in enumerate(words)
        ]
        for start, word in enumerate(words):
            candidates = [word] + [word[:n] for n in range(len(word) - 1, STEM_MIN - 1, -1)]
            for first in candidates:
                for phrase, name in self._phrases.get(first, ()):
                    n = len(phrase)
                    if start + n > len(words) or not _same_word(word, phrase[0]):
                        continue
                    if all(_same_word(words[start + j], phrase[j]) for j in range(1, n)):
                        for j in range(n):
                            if name not in found[start + j]:
                                found[start + j].append(name)
        return found

    def expand(
        self, words: list[str], last_is_partial: bool = False
    ) -> list[tuple[tuple[str, str, str], ...]]:
        """For each query word, other words that stand for it: (word or stem, kind of match,
        reason). The reason names the competency; it is empty for another spelling."""
        key = (tuple(words), last_is_partial)
        cached = self._expanded.get(key)
        if cached is not None:
            return cached
        out: list[list[tuple[str, str, str]]] = [[] for _ in words]
        for i, names in enumerate(self.evoked(words, last_is_partial)):
            for name in names:
                c = self.competencies[name]
                for part in _WORD.findall(name):
                    out[i].append((part, MEANING_NAME, name))
                for term in c.terms:
                    out[i].append((term, MEANING, name))
        for i, word in enumerate(words):
            for part in self.compounds.get(word, ()):  # "postmortem" finds "post mortem"
                if len(part) >= 4:
                    out[i].append((part, SPELLING, ""))
        result = [tuple(dict.fromkeys(items)) for items in out]
        if len(self._expanded) > 512:
            self._expanded.clear()
        self._expanded[key] = result
        return result

    def competencies_in(self, text: str) -> dict[str, int]:
        """Competencies a text evokes, with how many of its words evoke each."""
        words = [w.lower() for w in _WORD.findall(text)]
        counts: dict[str, int] = {}
        for names in self.evoked(words):
            for name in names:
                counts[name] = counts.get(name, 0) + 1
        return counts


@cache
def thesaurus() -> Thesaurus:
    """The thesaurus of the content folder, read once."""
    return Thesaurus.from_content()
