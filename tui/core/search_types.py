"""What the search index holds and answers with: a record as indexed (Doc), a hit, a parsed
query, what it asks of a thesaurus (Meaning), and what it keeps of recent query words."""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol, TypeAlias

from .kinds import KINDS, Kind
from .search_words import normalise, words_of

# `key:value` filters: the record's kind, or any choice field search looks into.
FILTER_KEYS = {"kind"} | {f.name for k in KINDS.values() for f in k.fields if f.in_search}


def _searched_kinds() -> list[Kind]:
    """The kinds search finds: the workspace's, and the starter questions of its content."""
    from .starters import STARTER_KINDS

    return [*KINDS.values(), *STARTER_KINDS.values()]


@cache
def kinds_called(value: str) -> frozenset[str]:
    """The kinds `kind:value` stands for (value as parsed: lower case, spaces for "_"): the
    kind whose name, label or plural it is, else every kind one of those begins with
    ("kind:question" is the questions to ask; "kind:questions" those to ask, to practise and
    asked in a debrief)."""
    named = {
        k.name: (k.name.replace("_", " "), k.label.lower(), k.plural.lower())
        for k in _searched_kinds()
    }
    exact = frozenset(name for name, names in named.items() if value in names)
    return exact or frozenset(
        name for name, names in named.items() if any(n.startswith(value) for n in names)
    )


def filter_values(key: str) -> list[str]:
    """What filter `key` takes, as typed: the kinds' names, or the field's choices."""
    if key == "kind":
        return [k.name for k in _searched_kinds()]
    values = [c for k in KINDS.values() for f in k.fields if f.name == key for c in f.choices]
    return [v.replace(" ", "_") for v in dict.fromkeys(values)]


class Meaning(Protocol):
    """What the index asks a thesaurus: words that stand for a query's words, and a tag's
    usual name."""

    def expand(
        self, words: list[str], last_is_partial: bool = False
    ) -> list[tuple[tuple[str, str, str], ...]]: ...

    def canonical(self, tag: str) -> str: ...


@dataclass(slots=True)
class Doc:
    key: tuple[str, int]
    kind: Kind
    title: str
    opportunity: int | None
    fields: tuple[tuple[str, str, float], ...]  # (field name, text, weight)
    tags: tuple[str, ...]
    tokens: array  # word numbers of every field in order, SEP after each field
    number: int  # numbers grow with each add: a higher one is a more recent change
    choices: tuple[tuple[str, str], ...] = ()  # (choice field, value lowercased)

    @classmethod
    def of(
        cls,
        key: tuple[str, int],
        kind: Kind,
        values: dict,
        opportunity: int | None,
        read: tuple[list[tuple[str, str, float]], list[str], list[tuple[str, str]]],
        tokens: array,
        number: int,
    ) -> Doc:
        """The record as indexed: `read` is what `read_fields` took from its values."""
        fields, tags, choices = read
        return cls(
            key,
            kind,
            kind.title_of(values),
            opportunity,
            tuple(fields),
            tuple(tags),
            tokens,
            number,
            tuple(choices),
        )


@dataclass(frozen=True)
class Hit:
    key: tuple[str, int]
    kind: Kind
    title: str
    score: float  # 0..1
    opportunity: int | None
    title_spans: tuple[tuple[int, int], ...]
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]
    snippet_field: str
    reason: str = ""  # why a record matched when it is not for its words: "by meaning: conflict"

    @property
    def kind_name(self) -> str:
        return self.key[0]

    @property
    def id(self) -> int:
        return self.key[1]


@dataclass
class Query:
    words: list[str]
    last_is_partial: bool
    tags: list[str]
    kinds: set[str] | None
    filters: list[tuple[str, str]] = field(default_factory=list)  # ("category", "cult")
    bare: list[str] = field(default_factory=list)  # filters typed without a value: "kind:"

    @classmethod
    def parse(cls, text: str, kinds: Iterable[str] | None = None) -> Query:
        tags: list[str] = []
        filters: list[tuple[str, str]] = []
        bare: list[str] = []
        rest: list[str] = []
        for token in text.split():
            key, colon, value = token.partition(":")
            if token.startswith("#") and len(token) > 1:
                tags.append(normalise(token[1:]))
            elif token == "#":  # its tag still to come
                bare.append("#")
            elif colon and key.lower() in FILTER_KEYS:
                if value:
                    filters.append((key.lower(), normalise(value).replace("_", " ")))
                else:  # its value still to come: not a word to look for
                    bare.append(key.lower())
            else:
                rest.append(token)
        words = [w for w, _, _ in words_of(" ".join(rest))]
        # the last word is still being typed, unless a space or a filter follows it
        partial = bool(words) and not text.endswith((" ", "\t")) and text.split()[-1] == rest[-1]
        return cls(words, partial, tags, set(kinds) if kinds else None, filters, bare)

    def needs_a_value(self) -> str | None:
        """What to say of a filter typed without its value ("category:"), or None."""
        if not self.bare:
            return None
        key = self.bare[0]
        if key == "#":
            return "# takes a story's tag after it, such as #leadership or #conflict"
        examples = ", ".join(f"{key}:{value}" for value in filter_values(key)[:4])
        return f"{key}: takes a value, such as {examples}"

    def unknown_filter(self) -> str | None:
        """What to say of a `key:value` filter no record could pass ("kind:bogus",
        "category:nonsense"), with what the key takes; or None."""
        for key, value in self.filters:
            values = filter_values(key)
            if key == "kind":
                if not kinds_called(value):
                    taken = ", ".join(f"kind:{v}" for v in values)
                    return f"no kind of record is called {value!r}; kind: takes {taken}"
            elif not any(v.replace("_", " ").startswith(value) for v in values):
                taken = ", ".join(f"{key}:{v}" for v in values)
                return f"no {key} begins {value!r}; {key}: takes {taken}"
        return None

    @property
    def narrowed(self) -> bool:
        return bool(self.tags or self.filters or self.kinds is not None)

    def admits(self, doc: Doc) -> bool:
        """The record passes the query's kind, tag and `key:value` filters."""
        if self.kinds is not None and doc.kind.name not in self.kinds:
            return False
        if not all(any(t.startswith(q) for t in doc.tags) for q in self.tags):
            return False
        choices = dict(doc.choices)
        for key, value in self.filters:
            if key == "kind":
                if doc.kind.name not in kinds_called(value):
                    return False
            elif not choices.get(key, "").startswith(value):
                return False
        return True


# what one query word matched: word numbers with their quality, those found only by meaning
# (with the reason), the value of its best match per record (a dict, or in arrays its record
# numbers and their values: see search_scores), the records holding the word itself
WordFound: TypeAlias = tuple[dict[int, float], dict[int, str], Any, Collection[int]]


class WordCache(dict[tuple[str, bool, tuple], WordFound]):
    """Query words' matches while the index does not change: as a person types, only the last
    word changes. Bounded by words and by the values they hold in all (a word that most
    records hold has one per record), the least recently used going first, one at a time
    (freeing all at once would be slow)."""

    WORDS = 256
    MAX_SIZE = 600_000  # some 60 MB: a dozen words that every record holds, at 50,000 records

    def __init__(self) -> None:
        super().__init__()
        self.size = 0

    def recall(self, key: tuple[str, bool, tuple]) -> WordFound | None:
        """The word's kept matches, now the newest: the words typed before the last are
        looked up again at each key."""
        found = self.pop(key, None)
        if found is not None:
            self[key] = found
        return found

    def keep(self, key: tuple[str, bool, tuple], found: WordFound) -> None:
        self.size += _size(found)
        while self and (len(self) >= self.WORDS or self.size > self.MAX_SIZE):
            self.size -= _size(self.pop(next(iter(self))))
        self[key] = found

    def clear(self) -> None:
        super().clear()
        self.size = 0


def _size(found: WordFound) -> int:
    matches, meant, best, held = found
    numbers = best[0] if isinstance(best, tuple) else best
    return len(matches) + len(meant) + len(numbers) + (0 if held is numbers else len(held))
