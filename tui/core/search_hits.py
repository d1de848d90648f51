"""What a search hit shows of its record: the matched spans of its title, a snippet of its
best field around the first match, and why it matched when only by meaning."""

from __future__ import annotations

from .search_types import Doc, Hit
from .search_words import may_hold, words_of


def make_hit(doc: Doc, score: float, matched: set[str], tags: list[str], reason: str = "") -> Hit:
    def spans(text: str) -> list[tuple[int, int]]:
        found = [(s, e) for w, s, e in words_of(text) if w in matched]
        if tags:
            found += [(s, e) for w, s, e in words_of(text) if any(w.startswith(t) for t in tags)]
        return sorted(set(found))

    title_spans = spans(doc.title)
    best_field, best_text = "", ""
    best_spans: list[tuple[int, int]] = []
    for name, text, _ in doc.fields:
        if name == doc.kind.title_field and len(doc.fields) > 1:
            continue
        found = spans(text) if tags or may_hold(text, matched) else []
        if len(found) > len(best_spans):
            best_field, best_text, best_spans = name, text, found
    if not best_spans and not title_spans:
        for name, text, _ in doc.fields:
            if name != doc.kind.title_field:
                best_field, best_text = name, text
                break
    snippet, snippet_spans = window(best_text, best_spans)
    return Hit(
        doc.key,
        doc.kind,
        doc.title,
        round(score, 4),
        doc.opportunity,
        tuple(title_spans),
        snippet,
        tuple(snippet_spans),
        best_field,
        reason,
    )


def reason_of(doc: Doc, word_matches: list[dict[int, float]], meant: list[dict[int, str]]) -> str:
    """ "by meaning: conflict" when the record holds a query word only through its meaning."""
    found: list[str] = []
    held: set[int] | None = None
    for matches, by_meaning in zip(word_matches, meant, strict=True):
        if not by_meaning:
            continue
        if held is None:
            held = set(doc.tokens)
        if any(w in held for w in matches if w not in by_meaning):
            continue  # the record holds the word itself, or a typo of it
        for word, competency in by_meaning.items():
            if word in held and competency not in found:
                found.append(competency)
                break
    return "by meaning: " + ", ".join(found) if found else ""


def window(
    text: str, spans: list[tuple[int, int]], width: int = 90
) -> tuple[str, list[tuple[int, int]]]:
    """About `width` characters of `text` around its first match, on one line."""
    flat = text.replace("\n", " ")
    if not spans:
        cut = flat[:width]
        return (cut + "…" if len(flat) > width else cut), []
    start = max(0, spans[0][0] - 25)
    if start:
        space = flat.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and start - space < 15 else start
    end = min(len(flat), start + width)
    prefix = "…" if start else ""
    suffix = "…" if end < len(flat) else ""
    shift = len(prefix) - start
    inside = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return prefix + flat[start:end] + suffix, inside
