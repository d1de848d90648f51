"""Hostile text: what a paste, an import or a curious user can put in any field."""

ESC = "\x1b"

CORPUS: list[str] = [
    "[bold]x[/]", "oops[/]", "[", "[red", "]", "[/]", "[link=https://e.x]click[/link]",
    "[@click=app.quit]quit[/]", "$variable", "[b]$name[/b]", "{role}", "{{}}", "%s %d",
    "\\[escaped]", "<script>alert(1)</script>", "**bold** _it_ `code` # heading",
    "| a | b |\n|---|---|", ESC + "[31mred" + ESC + "[0m", ESC + "]52;c;aGk=\x07",
    ESC + "[2J" + ESC + "[H", "\x07bell", "\x00nul\x00", "\x08\x08back", "tab\tin\tline",
    "\r\ncarriage", "\x7fdel", "\x85next line", "\u200bzero\u200bwidth", "\ufeffbom",
    "👩\u200d👩\u200d👧\u200d👦 family", "🏳️\u200d🌈 flag", "👍🏽 thumbs",
    "e\u0301\u0301\u0301 accents",
    "Z̷̢̛͔a̶̡l̵g̷o̶", "שלום עולם", "مرحبا بالعالم", "\u202eevil\u202c reversed",
    "漢字かなカナ", "한국어", "𝕳𝖊𝖑𝖑𝖔 math", "ﷺ", "\u0000" * 3, "   ", "",
    "a" * 999, "b" * 5000, "line\n" * 10_000, "x" * 1_000_000, "word " * 30_000,
    "'; DROP TABLE stories; --", '"quoted" \'single\'', "back\\slash\\\\", "💩" * 200,
    "\ud800 lone surrogate",
]
