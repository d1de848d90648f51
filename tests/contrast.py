"""How a screen reads in a 16-colour terminal: every cell's colours as xterm draws them after
the app's colours are brought down to the 16 standard ones, and their contrast ratio."""

from __future__ import annotations

from rich.color import Color, ColorSystem
from rich.segment import Segment

# xterm's default palette for the 16 standard colours
XTERM = [
    (0x00, 0x00, 0x00), (0xCD, 0x00, 0x00), (0x00, 0xCD, 0x00), (0xCD, 0xCD, 0x00),
    (0x00, 0x00, 0xEE), (0xCD, 0x00, 0xCD), (0x00, 0xCD, 0xCD), (0xE5, 0xE5, 0xE5),
    (0x7F, 0x7F, 0x7F), (0xFF, 0x00, 0x00), (0x00, 0xFF, 0x00), (0xFF, 0xFF, 0x00),
    (0x5C, 0x5C, 0xFF), (0xFF, 0x00, 0xFF), (0x00, 0xFF, 0xFF), (0xFF, 0xFF, 0xFF),
]  # fmt: skip
DEFAULT_FG, DEFAULT_BG = XTERM[0], XTERM[15]  # xterm: black on white unless told otherwise


def xterm_rgb(color: Color | None, default: tuple[int, int, int]) -> tuple[int, int, int]:
    if color is None or color.is_default:
        return default
    standard = color.downgrade(ColorSystem.STANDARD)
    return XTERM[standard.number or 0] if standard.number is not None else default


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_contrasts(lines: list[list[Segment]]) -> list[tuple[str, float, int]]:
    """(text, contrast, row) of every run of visible text on the screen."""
    found = []
    for row, line in enumerate(lines):
        for seg in line:
            if not seg.text.strip() or seg.style is None:
                continue
            style = seg.style
            fg, bg = style.color, style.bgcolor
            if style.reverse:
                fg, bg = bg, fg
            ratio = contrast(xterm_rgb(fg, DEFAULT_FG), xterm_rgb(bg, DEFAULT_BG))
            found.append((seg.text.strip(), ratio, row))
    return found


def screen_lines(app) -> list[list[Segment]]:  # type: ignore[no-untyped-def]
    """What the app's screen shows, notifications included, as lines of segments (the same
    picture App.export_screenshot draws)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True,
        color_system="truecolor", record=True, legacy_windows=False,
    )  # fmt: skip
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True
    )
    console.print(update)
    return list(Segment.split_lines(console._record_buffer))
