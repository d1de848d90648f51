"""Small helpers that show user text literally, never as markup."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.app import App, ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from ..core.formatting import Links, detail_lines, one_line, visible

if TYPE_CHECKING:
    from ..core.record import Record
    from .app import FinalRoundApp


class _InApp(Protocol):
    @property
    def app(self) -> App[Any]: ...


def final_round(node: _InApp) -> FinalRoundApp:
    """The app `node` runs in, with its type: the workspace and the search index live there."""
    return cast("FinalRoundApp", node.app)


def plain(text: str) -> Content:
    """User text as it was typed: brackets, emoji and all (control characters shown as
    symbols)."""
    return Content(visible(text))


def styled(text: str, style: str) -> Content:
    return Content(visible(text)).stylize(style)


def join(*parts: Content | str) -> Content:
    return Content("").join(p if isinstance(p, Content) else Content(p) for p in parts)


def detail_content(
    record: Record,
    stories: dict[int, Record],
    links: Links | None = None,
    skip: Iterable[str] = (),
) -> list[Content]:
    """A record's details as a screen shows them, "Label: text" a line: a long text cut to
    what a screen lays out (exports and copies keep it whole, see detail_lines)."""
    return [
        join(styled(f"{label}: ", "bold"), plain(text))
        for label, text in detail_lines(
            record, stories, skip=tuple(skip), links=links, on_screen=True
        )
    ]


def highlight(
    text: str, spans: Iterable[tuple[int, int]], style: str = "bold underline"
) -> Content:
    """Plain user text with the (start, end) spans a search matched in `style`. Spans count
    characters of `text` as typed; each piece is made visible on its own, so a control
    character shown as two (^[) does not shift the highlight."""
    parts: list[Content] = []
    at = 0
    for start, end in sorted(spans):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        parts += [plain(text[at:start]), styled(text[start:end], style)]
        at = end
    parts.append(plain(text[at:]))
    return Content("").join(parts)


class RecordOption(Option):
    """A list entry that carries its record: a choice needs no id read back from text."""

    def __init__(self, prompt: Content, record: Record) -> None:
        super().__init__(prompt)
        self.record = record


class PaneOption(Option):
    """An option that stands for pane `number` (0: the dashboard)."""

    def __init__(self, prompt: Content | Visual, number: int) -> None:
        super().__init__(prompt)
        self.number = number


class PlainStatic(Static):
    """A Static that never parses its text as markup."""

    def __init__(self, text: str | Content = "", **kwargs: Any) -> None:
        super().__init__(text if isinstance(text, Content) else plain(text), markup=False, **kwargs)

    def set_text(self, text: str | Content | TailKept) -> None:
        """Show `text` (a TailKept is arranged for the width it is drawn at); the same text
        and styles again is left alone (no new layout pass)."""
        content = plain(text) if isinstance(text, str) else text
        if not _same(self.content, content):
            self.update(content)


def _same(shown: object, content: Content | TailKept) -> bool:
    """Whether `content` is what a PlainStatic shows already, its styles included."""
    if isinstance(shown, Content) and isinstance(content, Content):
        return shown.plain == content.plain and shown.spans == content.spans
    if isinstance(shown, TailKept) and isinstance(content, TailKept):
        return _same(shown.text, content.text) and _same(shown.tail, content.tail)
    return False


class KeysFooter(Footer):
    """The footer, with help and quit kept at its right end beside the palette: the pane's own
    keys come first and may run out of room; ? and q never do. A key with no room for its
    description is left out whole: a bare letter says nothing."""

    ALWAYS = ("toggle_help", "quit")  # their actions

    _composed_for: tuple | None = None  # what the keys shown were made from

    async def recompose(self) -> None:
        """Made again only when the keys to show changed: moving the focus or showing a pane
        tells the footer several times over, and each remaking costs a layout of the screen."""
        made_from = self._made_from()
        if made_from is not None and made_from == self._composed_for and self.children:
            return
        await super().recompose()
        self._fit()

    def _made_from(self) -> tuple | None:
        """All that `compose` reads, or None before the screen has told its keys."""
        if not self._bindings_ready:
            return None
        display = self.app.get_key_display
        return (
            self.compact,
            self.show_command_palette,
            tuple(
                (key, binding, enabled, tooltip, display(binding))
                for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            ),
        )

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Show the keys, in order, that fit whole left of the group at the right end."""
        groups = self.query_children(".always-keys")
        if not groups:
            return
        room = self.size.width - sum(_cells(key) for key in groups.first().children)
        for key in self.query_children("FooterKey"):
            cells = _cells(key)
            key.display = cells <= room
            room = room - cells if key.display else -1  # later keys go too: the order holds

    def compose(self) -> ComposeResult:
        # what the keys are made from, as they are now: a remaking already asked for and
        # waiting on the old keys' removal may see keys changed meanwhile
        self._composed_for = self._made_from()
        kept: dict[str, Widget] = {}
        palette: list[Widget] = []
        for widget in super().compose():
            action = getattr(widget, "action", None)  # a key's (FooterKey, not exported)
            if action in self.ALWAYS:
                kept[action] = widget
            elif widget.has_class("-command-palette"):
                palette.append(widget)
            else:
                yield widget
        # one group docked right: ? and q, then the palette's key
        with HorizontalGroup(classes="always-keys"):
            yield from (kept[action] for action in self.ALWAYS if action in kept)
            yield from palette


def _cells(widget: Widget) -> int:
    """The cells a footer entry takes in its row, margins included."""
    styles = widget.styles
    own = widget.get_content_width(widget.app.size, widget.app.size)
    return own + styles.gutter.width + styles.margin.width


NAME_FLOOR = 8  # the fewest cells the header gives the opportunity's name


class TopBar(Widget):
    """The header line: what leads it and what ends it (the countdown) always show; the name
    between is cut to the bar's own width, narrower than the screen when the help panel is open."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, **kwargs)
        self._lead, self._name, self._tail = Content(""), "", Content("")

    def show(self, lead: Content, name: str, tail: Content) -> None:
        self._lead, self._name, self._tail = lead, name, tail
        self.refresh()

    def render(self) -> Content:
        if not self._name:
            return join(self._lead, self._tail)
        room = self.size.width - self._lead.cell_length - self._tail.cell_length - 3
        if room < NAME_FLOOR:  # a name cut to a few letters says nothing: left out
            return join(self._lead, self._tail)
        return join(self._lead, plain(f"  {one_line(self._name, room)}"), self._tail)


class _Arranged(Visual):
    """A visual drawn as the Content its `_arranged` makes of it for the width and rules."""

    def _arranged(self, rules: RulesMap, width: int) -> Content:
        raise NotImplementedError

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._arranged(options.rules, width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return Content(str(self)).get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._arranged(rules, width).get_height(rules, width)


class PartsKept(_Arranged):
    """A head and a line of parts ('3 feedback items, 1 to address · 1 assessment'): held to
    one line (text-wrap: nowrap), it ends with the last whole part that fits and '…', never
    in the middle of a word."""

    def __init__(self, head: Content, parts: Content) -> None:
        self.head, self.parts = head, parts

    def __str__(self) -> str:
        return self.head.plain + self.parts.plain

    def _arranged(self, rules: RulesMap, width: int) -> Content:
        whole = self.head + self.parts
        if rules.get("text_wrap", "wrap") != "nowrap" or whole.cell_length <= width:
            return whole
        plain = self.parts.plain
        ends = [n for n in range(len(plain)) if plain.startswith((" · ", ", ", " ("), n)]
        for end in reversed(ends):
            cut = self.head + self.parts[:end] + " …"
            if cut.cell_length <= width:
                return cut
        return whole


class TailKept(_Arranged):
    """A text and a short tail ('· press 8') that wrap as one, except that the tail never
    starts a line of its own: where it would, the text's last word goes down with it. Held
    to one line (text-wrap: nowrap), the tail stays and the quoted title gives up its end,
    so the verb and what follows the title ('with a story') are kept."""

    def __init__(self, text: Content, tail: Content) -> None:
        self.text, self.tail = text, tail

    def __str__(self) -> str:
        return self.text.plain + self.tail.plain

    def _one_line(self, width: int) -> Content:
        whole = self.text + self.tail
        if whole.cell_length <= width:
            return whole
        plain = self.text.plain
        start = plain.find(" '")
        end = _closing_quote(plain, start + 2) if start >= 0 else -1
        if start < 0 or end <= start + 1:
            start = plain.find("“")
            end = plain.find("”", start + 1) if start >= 0 else -1
        if start >= 0 and end > start + 1:
            for cut in range(end - 1, start + 5, -1):
                text = self.text[:cut].rstrip() + "…" + self.text[end:]
                if (text + self.tail).cell_length <= width:
                    return text + self.tail
        kept = self.text.truncate(max(width - self.tail.cell_length - 1, 1))
        space = kept.plain.rstrip().rfind(" ")
        if space > len(kept.plain) // 2:  # end on a whole word
            kept = kept[:space]
        return kept.rstrip() + "…" + self.tail

    def _arranged(self, rules: RulesMap, width: int) -> Content:
        if rules.get("text_wrap", "wrap") == "nowrap":
            return self._one_line(width)
        whole = self.text + self.tail
        if whole.get_height(rules, width) <= self.text.get_height(rules, width):
            return whole
        cut = self.text.plain.rstrip().rfind(" ")
        if cut <= 0:
            return whole
        return self.text[:cut] + "\n" + self.text[cut + 1 :] + self.tail


def _closing_quote(plain: str, after: int) -> int:
    """Where the single quote closing a title that starts before `after` is: the first one
    not followed by a letter or digit (an apostrophe, as in "manager's", is); -1 if none."""
    for at in range(after, len(plain)):
        if plain[at] == "'" and not plain[at + 1 : at + 2].isalnum():
            return at
    return -1
