"""Reads a pasted job description: its bullet and sentence lines drafted into candidate
requirements (must-have or nice-to-have), and which of them are requirements already."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from .content import load_toml

MUST, NICE = "must-have", "nice-to-have"
MAX_CANDIDATE = 300  # a candidate longer than this is cut at a word: requirements are one line

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣–—+]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(]?[A-Z0-9])")
_WORDS = re.compile(r"[\w+#/]+")


@dataclass(frozen=True)
class Cues:
    nice: re.Pattern[str]
    must: re.Pattern[str]
    signals: re.Pattern[str]
    skip: re.Pattern[str]
    stop_words: frozenset[str]


def _any_of(phrases: Iterable[str], whole_word: bool = True) -> re.Pattern[str]:
    end = r"\b" if whole_word else ""
    body = "|".join(re.escape(p.strip().lower()) for p in phrases if p.strip())
    return re.compile(rf"(?<![\w-])(?:{body}){end}")


@cache
def cues() -> Cues:
    """The words of `content/job-description.toml`, compiled once."""
    data = load_toml("job-description.toml")
    return Cues(
        nice=_any_of(data["nice"]),
        must=_any_of(data["must"]),
        signals=_any_of(data["signals"], whole_word=False),
        skip=_any_of(data["skip_sections"]),
        # the verbs of any duty are no key terms either: one list of words never taken
        stop_words=frozenset(data["stop_words"].split() + data["duty_verbs"].split()),
    )


def priority_of(text: str) -> str | None:
    """MUST or NICE when `text` says which, else None. Nice-to-have wins: 'a plus, not a
    must' is a nice-to-have."""
    low = text.lower()
    c = cues()
    if c.nice.search(low):
        return NICE
    if c.must.search(low):
        return MUST
    return None


@dataclass(frozen=True)
class Candidate:
    """A line of the description that could become a requirement."""

    text: str  # cleaned: no bullet, no lead-in, first letter capitalised
    priority: str  # MUST or NICE
    start: int  # where its source text sits in the description
    end: int

    def source(self, description: str) -> str:
        return description[self.start : self.end]


def _clean(text: str) -> str:
    text = " ".join(text.split()).strip(" .;,:!")
    text = re.sub(r"^(?:and|or|also)\s+", "", text, flags=re.IGNORECASE)
    if len(text) > MAX_CANDIDATE:
        text = text[:MAX_CANDIDATE].rsplit(" ", 1)[0] + "…"
    return _capitalised(text)


def _capitalised(text: str) -> str:
    """`text` with a capital first letter, unless its first word is written as a name is:
    with a capital inside ('gRPC', 'iOS'), with no vowel ('dbt', 'npm', 'sql') or with a
    digit, dot or underscore ('k8s', 'node.js'); such names keep their spelling."""
    word = text.split(" ", 1)[0]
    if (
        any(c.isupper() for c in word[1:])
        or not any(c in "aeiouy" for c in word.lower())
        or any(c.isdigit() or c in "._" for c in word)
    ):
        return text
    return text[:1].upper() + text[1:]


def _is_heading(line: str) -> bool:
    """'Requirements', 'Nice to have:', 'What you will do': short, not a sentence."""
    stripped = line.strip()
    if stripped.endswith(":"):
        return len(stripped.split()) <= 10
    words = stripped.split()
    return 0 < len(words) <= 6 and not re.search(r"[.!?,;]", stripped)


def _split_items(text: str, offset: int) -> list[tuple[str, int, int]]:
    """The items of a list written as running text ('a, b, and c'), with their spans."""
    items: list[tuple[str, int, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text + ","):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            piece = text[start:i]
            lead = len(piece) - len(piece.lstrip())
            items.append(
                (piece.strip(), offset + start + lead, offset + start + len(piece.rstrip()))
            )
            start = i + 1
    return [it for it in items if it[0]]


def _sentences(line: str, offset: int) -> list[tuple[str, int]]:
    found, start = [], 0
    for m in _SENTENCE_END.finditer(line):
        found.append((line[start : m.start()], offset + start))
        start = m.end()
    found.append((line[start:], offset + start))
    return [(s, o) for s, o in found if s.strip()]


def _from_sentence(sentence: str, at: int, section: str | None) -> list[Candidate]:
    """One sentence of running text: a 'Lead-in: a, b, and c' list gives one candidate per
    item; any other sentence is a candidate when it reads like a requirement."""
    c = cues()
    lead, colon, rest = sentence.partition(":")
    if colon and rest.strip() and len(lead.split()) <= 6:
        priority = priority_of(lead) or section
        rest_at = at + len(lead) + 1
        items = _split_items(rest, rest_at) if re.search(r"[,;]", rest) else []
        if len(items) < 2:
            items = [(rest.strip(), rest_at + len(rest) - len(rest.lstrip()), at + len(sentence))]
        out = []
        for text, start, end in items:
            cleaned = _clean(text)
            if len(cleaned) > 1:
                out.append(Candidate(cleaned, priority_of(text) or priority or MUST, start, end))
        return out
    if not c.signals.search(sentence.lower()):
        return []
    cleaned = _clean(sentence)
    if len(cleaned.split()) < 2:
        return []
    start = at + len(sentence) - len(sentence.lstrip())
    end = at + len(sentence.rstrip())
    return [Candidate(cleaned, priority_of(sentence) or section or MUST, start, end)]


def candidates(description: str) -> list[Candidate]:
    """Every line of `description` that could become a requirement, in order: bullets, the
    items of 'Must have: a, b, and c' sentences, and sentences that read like requirements.
    Bullets under headings such as 'Benefits' or 'About us' are left out."""
    c = cues()
    found: list[Candidate] = []
    section: str | None = None  # the priority the current heading gives
    skipping = False
    after_blank = False
    offset = 0
    for raw in description.splitlines(keepends=True):
        line_at, line = offset, raw.rstrip("\r\n")
        offset += len(raw)
        if not line.strip():
            after_blank = True
            continue
        bullet = _BULLET.match(line)
        if after_blank and bullet is None and not _is_heading(line):
            section, skipping = None, False  # a new paragraph of running text
        after_blank = False
        if bullet is None and _is_heading(line):
            section = priority_of(line)
            skipping = bool(c.skip.search(line.lower())) and section is None
            # a heading like 'Must have: Go, Rust' carries its own list
            if ":" in line and line.split(":", 1)[1].strip():
                found += _from_sentence(line, line_at, section)
            continue
        if skipping:
            continue
        if bullet is not None:
            text = line[bullet.end() :]
            cleaned = _clean(text)
            if len(cleaned) > 1:
                start = line_at + bullet.end()
                found.append(
                    Candidate(
                        cleaned, priority_of(text) or section or MUST, start, line_at + len(line)
                    )
                )
            continue
        for sentence, at in _sentences(line, line_at):
            found += _from_sentence(sentence, at, section)
    return found


def _normal(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def is_taken(text: str, requirements: Iterable[str]) -> bool:
    """Whether `text` says what one of `requirements` says already (same words, or one's
    words inside the other's when they are of similar length, or a small edit away)."""
    mine = _normal(text)
    if not mine:
        return False
    for other in requirements:
        theirs = _normal(other)
        if not theirs:
            continue
        if mine == theirs or fuzz.ratio(mine, theirs) >= 88:
            return True
        shorter, longer = sorted((len(mine.split()), len(theirs.split())))
        if shorter / longer >= 0.5 and fuzz.token_set_ratio(mine, theirs) >= 95:
            return True
    return False


def draft_requirements(description: str, requirements: Iterable[str] = ()) -> list[Candidate]:
    """The candidates to offer: those not requirements already, each offered once."""
    existing = list(requirements)
    offered: list[Candidate] = []
    for cand in candidates(description):
        if is_taken(cand.text, existing) or is_taken(cand.text, [o.text for o in offered]):
            continue
        offered.append(cand)
    return offered


def requirement_lines(
    description: str, requirements: Iterable[str]
) -> list[tuple[Candidate, bool]]:
    """The description folded to its requirement lines: every candidate, and whether it is
    a requirement already."""
    existing = list(requirements)
    return [(cand, is_taken(cand.text, existing)) for cand in candidates(description)]


def open_count(lines: list[tuple[Candidate, bool]]) -> int:
    """How many of `lines` drafting would offer: those not requirements already, a line the
    description says twice (a paste repeated) once."""
    return len({_normal(cand.text) for cand, taken in lines if not taken})


def brief_lines(description: str, requirements: Iterable[str]) -> list[str]:
    """The description folded to its requirement lines, as Markdown for the prep brief: the
    lines already requirements ticked, the others open, the rest of the text left out."""
    if not description.strip():
        return []
    lines = requirement_lines(description, requirements)
    out = ["#### From the job description", ""]
    if not lines:
        return out + ["(no line of it reads like a requirement)", ""]
    for cand, taken in lines:
        tag = "must" if cand.priority == MUST else "nice"
        out.append(
            f"- [{'x' if taken else ' '}] {' '.join(cand.source(description).split())} ({tag})"
        )
    shown = sum(len(c.source(description)) for c, _ in lines)
    rest = len(" ".join(description.split())) - shown
    if rest > 80:
        out.append("")
        out.append("(the rest of the description, about the company and the offer, is left out)")
    return out + [""]
