"""The `export` and `import` commands: the workspace written out as a backup, a prep brief or a
calendar, and a JSON export read back into a workspace file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .stdout import say

if TYPE_CHECKING:
    from .cli import Options


def safe_json(text: str) -> str:
    """JSON with the control characters json leaves raw (DEL, C1) written as escapes."""
    import re

    return re.sub("[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text)


def run_export(args: Options) -> int:
    from .cli import open_workspace
    from .core import export
    from .core.storage import atomic_write_text

    # "" from a script's empty variable: said, never taken for "not given"
    if args.output is not None and not args.output.strip():
        say("finalround export: -o names no file; name one, or leave -o out", file=sys.stderr)
        return 2
    if args.opportunity is not None and not args.opportunity.strip():
        say(
            "finalround export: --opportunity names no company; name one, or leave it out "
            "for the active opportunity",
            file=sys.stderr,
        )
        return 2
    ws = open_workspace(args, read_only=True)
    try:
        if args.format == "json":
            text = export.to_json(ws)
        elif args.format == "md":
            text = export.brief_markdown(ws, export.find_opportunity(ws, args.opportunity))
        elif args.format == "brief":
            from .core.day_of import day_of_brief

            text = day_of_brief(ws, export.find_opportunity(ws, args.opportunity))
        else:
            chosen = [export.find_opportunity(ws, args.opportunity)] if args.opportunity else None
            text = export.calendar_ics(ws, chosen)
    except ValueError as exc:
        say(f"finalround export: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        text = safe_json(text)
    if args.output:
        from .core.output_file import OutputRefused, output_target

        path = Path(args.output).expanduser()
        try:  # never the workspace itself, a pipe or a device; a link leads to its file
            target = output_target(path, ws.path)
        except OutputRefused as exc:
            say(f"finalround export: {exc} with -o, or leave -o out", file=sys.stderr)
            return 2
        try:
            atomic_write_text(target, text)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            say(f"finalround export: could not write {target}: {reason}", file=sys.stderr)
            return 2
        through = f" (the file the link {path} leads to)" if path.is_symlink() else ""
        say(f"Wrote {target}{through}", file=sys.stderr)
    else:
        from .stdout import write_out

        try:
            write_out(text)
        except BrokenPipeError:
            raise  # the reader went away on purpose (`| head`): see _main
        except OSError as exc:
            say(
                f"finalround export: the output is incomplete: {exc.strerror or exc}. "
                "Free some space, or write it elsewhere with -o FILE",
                file=sys.stderr,
            )
            return 2
    return 0


def run_import(args: Options) -> int:
    from .core.json_import import ImportProblem, import_json
    from .core.kinds import kind

    if args.demo:
        say(
            "finalround import: --demo is a throw-away workspace; import with --db PATH "
            "or into your own workspace",
            file=sys.stderr,
        )
        return 2
    source = Path(args.file).expanduser()
    try:
        from .core.file_check import read_regular_text

        text = read_regular_text(source)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        if isinstance(exc, UnicodeDecodeError):
            reason = "it is not text (not UTF-8)"
        say(f"finalround import: cannot read {source}: {reason}", file=sys.stderr)
        return 2
    from .cli import default_db_path

    target = Path(args.db).expanduser() if args.db else default_db_path()
    try:
        counts = import_json(text, target, replace=args.replace)
    except ImportProblem as exc:
        say(f"finalround import: {exc}", file=sys.stderr)
        return 2
    summary = ", ".join(kind(name).counted(n) for name, n in counts.items()) or "no records"
    say(f"Imported into {target}: {summary}.")
    return 0
