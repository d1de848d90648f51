"""A bracketed paste reaches the app whole and in order: control characters inside it are shown in
caret notation (^[, ^G) before Textual's key parser reads it, so none starts an escape sequence."""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual._xterm_parser import XTermParser
from textual.drivers import linux_driver
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from ..core.formatting import visible

START, END = "\x1b[200~", "\x1b[201~"  # what a terminal sends around a pasted text
# every control character but the line ends and tab, which a paste keeps as they are
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _shown(text: str) -> str:
    return _CONTROL.sub(lambda found: visible(found.group()), text)


class PasteGuard:
    """Terminal input with the inside of each bracketed paste made safe. Textual's parser reads an
    escape inside a paste as the start of a key sequence: the text after it became key presses
    typed before the paste (AAA ^[]0;T BBB arrived as "^]0;T BBBAAA "), and a NUL was dropped."""

    def __init__(self) -> None:
        self._inside = False  # between START and END
        self._held = ""  # the end of a chunk inside a paste that may begin END
        self._tail = ""  # the last characters passed on outside a paste: START may span chunks

    def __call__(self, data: str) -> str:
        text, self._held = self._held + data, ""
        out: list[str] = []
        pos = 0
        while pos < len(text):
            if not self._inside:
                seen = self._tail + text[pos:]
                found = seen.find(START)
                if found < 0:
                    out.append(text[pos:])
                    self._tail = seen[-(len(START) - 1) :]
                    break
                end = found + len(START) - len(self._tail)
                out.append(text[pos:end])
                self._inside, self._tail, pos = True, "", end
            else:
                found = text.find(END, pos)
                if found >= 0:
                    out.append(_shown(text[pos:found]) + END)
                    self._inside, pos = False, found + len(END)
                    continue
                keep = next((n for n in range(len(END) - 1, 0, -1) if text.endswith(END[:n])), 0)
                self._held = text[len(text) - keep :]
                out.append(_shown(text[pos : len(text) - keep]))
                break
        return "".join(out)

    def flush(self) -> str:
        """What is held back at the end of the input."""
        held, self._held = self._held, ""
        return _shown(held)


class GuardedParser(XTermParser):
    """Textual's parser, reading input whose pastes went through a PasteGuard."""

    def __init__(self, debug: bool = False) -> None:
        self._guard = PasteGuard()
        super().__init__(debug)

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of the input
            if held := self._guard.flush():
                yield from super().feed(held)
            yield from super().feed("")
            return
        guarded = self._guard(data)
        if guarded:  # an empty feed would tell the parser the input ended
            yield from super().feed(guarded)


class GuardedDriver(LinuxDriver):
    """The Linux driver, reading keys with a GuardedParser."""

    def run_input_thread(self) -> None:
        # The Linux driver makes its parser by the name XTermParser in its own module (Textual
        # 8.2.8): while its input thread runs, that name stands for the guarded parser.
        linux_driver.XTermParser = GuardedParser  # type: ignore[misc]
        try:
            super().run_input_thread()
        finally:
            linux_driver.XTermParser = XTermParser  # type: ignore[misc]
