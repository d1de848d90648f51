"""How details read inside a thank-you note: lists joined by one rule, the name a greeting
uses, the day of the interview said from today, and a phrase's leading capital."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from .language import COMMON_WORDS

# -- lists -----------------------------------------------------------------------------------
_LEADING_AND = re.compile(r"^(?:and|or|&)\s+", re.IGNORECASE)
_LAST_AND = re.compile(r"\s+(?:and|&)\s+(?!.*\s(?:and|&)\s)", re.IGNORECASE)


def items(text: str) -> list[str]:
    """The phrases of a list as typed: one per line or between semicolons; when there are
    neither, between commas, with a written-out 'a, b and c' read as three."""
    parts = [p for p in re.split(r"[;\n]", text) if p.strip()]
    if len(parts) <= 1:
        parts = [p for p in text.split(",") if p.strip()]
        if len(parts) > 1 and not _LEADING_AND.match(parts[-1].strip()):
            parts[-1:] = _LAST_AND.split(parts[-1], maxsplit=1)
    out: list[str] = []
    for part in parts:
        phrase = _LEADING_AND.sub("", " ".join(part.split())).strip(" .,")
        if phrase and phrase.casefold() not in (o.casefold() for o in out):
            out.append(phrase)
    return out


def join_list(phrases: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b, and c': the comma before the last 'and' keeps phrases that hold
    an 'and' of their own ("making builds fast and boring") apart."""
    parts = [p for p in phrases if p]
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + ", and " + parts[-1]


def listing(text: str) -> str:
    """'a; b, c' -> 'a, b, and c'; 'x, and y' -> 'x and y'."""
    return join_list(items(text))


# -- names -----------------------------------------------------------------------------------
# Lowercase words that begin a family name ("de Vries", "van der Berg", "al-Amin" aside).
PARTICLES = frozenset(
    "de da das do dos du del della der den di la le van von ter ten zu bin ibn al el y".split()
)
HONORIFICS = frozenset("dr dr. prof prof. mr mr. mrs mrs. ms ms. mx mx.".split())


def _family_name(words: list[str]) -> str:
    """From the first particle on ("de Vries"), else the last word."""
    for n, word in enumerate(words[:-1]):
        if word in PARTICLES:
            return " ".join(words[n:])
    return words[-1]


def greeting_name(name: str) -> str:
    """The name a note greets someone by when the user has not said: the first name
    ("Joost de Vries" -> "Joost"), a title with the family name ("Dr Joost de Vries" ->
    "Dr de Vries"), the given name of "Tanaka, Aiko"; '' for a family name alone ("de Vries"),
    which nobody is greeted by bare. A name in a script without spaces is one word, whole."""
    if "," in name:
        family, given = (" ".join(p.split()) for p in name.split(",", 1))
        return greeting_name(given) if given else family
    words = name.split()
    if not words:
        return ""
    if words[0].casefold() in HONORIFICS and len(words) > 1:
        return f"{words[0]} {_family_name(words[1:])}"
    if words[0] in PARTICLES:
        return ""
    return words[0]


# -- days --------------------------------------------------------------------------------------
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def relative_day(ended: datetime | None, now: datetime) -> str:
    """When the interview was, said from `now`: 'today', 'yesterday', 'on Tuesday' within the
    week, 'on 3 March' after; '' when unknown. A note written before the interview ends is
    sent after it, on the day: 'today'."""
    if ended is None:
        return ""
    days = (now.date() - ended.date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"on {_WEEKDAYS[ended.weekday()]}"
    return f"on {ended.day} {_MONTHS[ended.month - 1]}"


# -- a phrase inside a sentence ----------------------------------------------------------------
# Everyday words a detail often begins with, beyond the little words of language.py.
EVERYDAY = frozenset(
    """
    remote event events data team teams platform build builds code design system systems
    product products service services new first next last long short big small fast slow
    real good great open public private future current technical hands-on performance cost
    costs scale career culture growth roadmap strategy role interview conversation question
    questions work customer customers user users people patients process tools tooling
    infrastructure cloud security quality testing reliability on-call incident incidents
    plans plan vision mission goals goal values value ways way lessons story stories idea
    ideas approach trade-offs tradeoffs challenges problems project projects one two three
    several many why whether read met saw heard found spoke built made went got took see meet
    look learn talk ask
    """.split()
)
_COMMON_ENDINGS = ("ing", "ed", "tion", "sion", "ment", "ness", "ity", "ship", "ance", "ence")
_FIRST_WORD = re.compile(r"([^\w]*)(\w[\w'’-]*)")


def is_common(word: str) -> bool:
    """A word that is not a name when it starts a phrase: a little or everyday word, or one
    with an ending names rarely have (-ing, -ed, -tion...)."""
    low = word.lower().replace("’", "'")
    if low in COMMON_WORDS or low in EVERYDAY:
        return True
    if "-" in low:  # "route-planning", "event-driven"; "Jean-Pierre" is neither
        return any(is_common(part) for part in low.split("-") if part)
    return len(low) >= 5 and low.isalpha() and low.endswith(_COMMON_ENDINGS)


def lower_first(phrase: str, names: Iterable[str] = ()) -> str:
    """A phrase set inside a sentence: 'The migration' -> 'the migration', while names and
    acronyms keep their capitals ('Kubernetes', 'CI', 'I', a person or company in `names`)."""
    m = _FIRST_WORD.match(phrase)
    if m is None:
        return phrase
    word = m.group(2)
    head = word.split("-")[0].split("'")[0].split("’")[0]
    if not word[:1].isupper() or head == "I" or any(c.isupper() for c in word[1:]):
        return phrase
    if head in set(names) or not is_common(word):
        return phrase
    at = m.start(2)
    return phrase[:at] + word[0].lower() + phrase[at + 1 :]


_AFTER_COLON = re.compile(r"(?<=\w[:;]) +(?=\w)")


def inside_sentence(phrase: str, names: Iterable[str] = ()) -> str:
    """A phrase set inside a sentence, its start and what follows each colon in it lowered
    by `lower_first`: 'Read their post: It explains' -> 'read their post: it explains'."""
    names = set(names)
    parts = _AFTER_COLON.split(phrase)
    spaces = _AFTER_COLON.findall(phrase)
    out = lower_first(parts[0], names)
    for space, part in zip(spaces, parts[1:], strict=True):
        out += space + lower_first(part, names)
    return out


def name_words(*texts: str) -> set[str]:
    """The capitalised words of names and companies: kept as written inside a note."""
    return {w for t in texts for w in re.findall(r"\w+", t) if w[:1].isupper()}
