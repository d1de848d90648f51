"""The CSS rules Textual parses (app.tcss and each widget's own CSS) kept in the user's cache
folder under the text they came from, so a start reads them back instead of parsing again."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Any

import textual
from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet

FORMAT = 1
_MAX_ENTRIES = 400  # past this many (CSS or themes changed again and again), it starts afresh

# what the cache file holds, read once a process: key -> the pickled rules
_kept: dict[tuple, bytes] | None = None
_changed = False


def cache_file() -> Path:
    from ..core.private import cache_folder

    return cache_folder("css.pickle")


class KeptStylesheet(Stylesheet):
    """A stylesheet that parses each CSS text once, ever, for a given theme: the rules of a
    text parsed before (same text, place, theme and Textual) are read back from the cache."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._theme_key: str | None = None

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._theme_key = None

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        local = (css, read_from, is_default_rules, tie_breaker, scope)
        if local in self._parse_cache:
            return self._parse_cache[local]
        if self._theme_key is None:
            self._theme_key = repr(sorted(self._variables.items()))
        key = (*local, self._theme_key)
        kept = _read()
        found = kept.get(key)
        if found is not None:
            try:
                rules = pickle.loads(found)
            except Exception:  # damaged: parsed again below
                pass
            else:
                if isinstance(rules, list) and all(isinstance(r, RuleSet) for r in rules):
                    self._parse_cache[local] = rules
                    return rules
        rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if not any(rule.errors for rule in rules):  # a mistake is reported, never kept
            _keep(key, rules)
        return rules

    def reparse(self) -> None:
        """As Textual's reparse (a fresh stylesheet, so a mistake leaves this one whole),
        the fresh one reading the kept rules too."""
        stylesheet = KeptStylesheet(variables=self._variables)
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            stylesheet.add_source(
                css,
                read_from=read_from,
                is_default_css=is_defaults,
                tie_breaker=tie_breaker,
                scope=scope,
            )
        try:
            stylesheet.parse()
        except Exception:
            self._invalid_css.update(stylesheet._invalid_css)
            raise
        else:
            self._rules = stylesheet.rules
            self._rules_map = None
            self.source = stylesheet.source
            self._require_parse = False


def _tag() -> tuple[Any, ...]:
    """What the kept rules were made by: this format, Python, and Textual's CSS code (its
    files' sizes and times), so another Textual never reads them."""
    folder = Path(textual.__file__).parent / "css"
    files = sorted(
        (entry.name, entry.stat().st_size, entry.stat().st_mtime_ns)
        for entry in os.scandir(folder)
        if entry.name.endswith(".py")
    )
    return (FORMAT, sys.implementation.cache_tag, pickle.HIGHEST_PROTOCOL, tuple(files))


def _read() -> dict[tuple, bytes]:
    global _kept
    if _kept is None:
        _kept = {}
        try:
            from ..core.private import read_own

            blob = read_own(cache_file())
            if blob is not None:
                tag, found = pickle.loads(blob)
                if tag == _tag() and isinstance(found, dict):
                    _kept = found
        except Exception:  # missing, damaged or another version's: parsed afresh
            _kept = {}
    return _kept


def _keep(key: tuple, rules: list[RuleSet]) -> None:
    global _changed
    kept = _read()
    if len(kept) >= _MAX_ENTRIES:
        kept.clear()
    try:
        kept[key] = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # something that cannot be kept: parsed each time
        return
    _changed = True


def save_css() -> None:
    """Write what was parsed anew since the file was read (atomically, privately); never
    fail for want of a cache."""
    global _changed
    if not _changed or _kept is None:
        return
    _changed = False
    from ..core import private

    try:
        path = cache_file()
        private.make_private_dir(path.parent)
        blob = pickle.dumps((_tag(), _kept), protocol=pickle.HIGHEST_PROTOCOL)
        private.atomic_write_bytes(path, blob, durable=False)
    except (OSError, pickle.PicklingError):
        pass


def forget() -> None:
    """Read the cache file again on next use (tests: another cache folder)."""
    global _kept, _changed
    _kept, _changed = None, False
