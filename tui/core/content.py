"""Loads the guidance, checklists and templates kept as data files in `content/`."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import NamedTuple


@cache
def content_dir() -> Path:
    """The content folder: inside the installed package, or beside it in a source checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "content", here.parent / "content"):
        if (candidate / "strategies").is_dir():
            return candidate
    raise FileNotFoundError(
        "Final Round's content folder is missing; reinstall the package "
        f"(looked in {here / 'content'} and {here.parent / 'content'})"
    )


class ChecklistItem(NamedTuple):
    text: str
    rule: str


class Strategy(NamedTuple):
    number: int
    key: str
    title: str
    short: str
    summary: str
    guidance: tuple[tuple[str, str], ...]
    checklist: tuple[ChecklistItem, ...]


def _clean(text: str) -> str:
    return " ".join(text.split())


def load_toml(relative: str) -> dict:
    """A content file's data, read back from the cache when it holds these very bytes."""
    from .content_cache import parsed

    with open(content_dir() / relative, "rb") as handle:
        return parsed(handle.read(), _parse_toml)


def _parse_toml(raw: bytes) -> dict:
    import tomllib  # on first use, and only when the cache has no copy

    return tomllib.loads(raw.decode("utf-8"))


@cache
def strategies() -> tuple[Strategy, ...]:
    found = []
    for path in sorted((content_dir() / "strategies").glob("*.toml")):
        data = load_toml(f"strategies/{path.name}")
        found.append(
            Strategy(
                number=int(data["number"]),
                key=data["key"],
                title=data["title"],
                short=data["short"],
                summary=_clean(data["summary"]),
                guidance=tuple((g["heading"], _clean(g["text"])) for g in data["guidance"]),
                checklist=tuple(ChecklistItem(c["text"], c["rule"]) for c in data["checklist"]),
            )
        )
    found.sort(key=lambda s: s.number)
    if [s.number for s in found] != list(range(1, 9)):
        raise ValueError("content/strategies must hold exactly strategies 1 to 8")
    return tuple(found)


def strategy(number: int) -> Strategy:
    return strategies()[number - 1]


@cache
def overview() -> dict[str, str]:
    data = load_toml("overview.toml")
    return {k: _clean(v) for k, v in data.items()}
