"""A theme for terminals with 16 colours: every colour is one of the 16 standard ones, chosen so
that text keeps a contrast of at least 4.5:1 on its background in xterm's palette."""

from __future__ import annotations

from textual.theme import Theme

SIXTEEN = "final-round-16"

SIXTEEN_COLOURS = Theme(
    name=SIXTEEN,
    primary="#0000aa",
    secondary="#00aaaa",
    accent="#00aaaa",
    warning="#ffff55",
    error="#ff5555",
    success="#55ff55",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#0000aa",
    boost="#000000",
    dark=True,
    variables={
        "block-cursor-background": "#0000aa",
        "block-cursor-foreground": "#ffffff",
        "block-cursor-blurred-background": "#0000aa",
        "block-cursor-blurred-foreground": "#ffffff",
        "block-hover-background": "#000000",
        "text-muted": "#aaaaaa",
        "foreground-muted": "#aaaaaa",
        "footer-background": "#0000aa",
        "footer-key-foreground": "#ffff55",
        "footer-description-foreground": "#ffffff",
        "input-selection-background": "#00aaaa",
        "scrollbar": "#555555",
        "scrollbar-background": "#000000",
        "border": "#00aaaa",
        "border-blurred": "#555555",
    },
)
