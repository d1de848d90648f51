"""The `finalround` command: opens the workspace, or runs a subcommand without the UI."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_config_dir, user_data_dir

from . import __version__
from .core.storage import WorkspaceFileError

if TYPE_CHECKING:
    from .core.repository import Workspace

APP_NAME = "finalround"


def default_db_path() -> Path:
    env = os.environ.get("FINALROUND_DB")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "workspace.json"


def keymap_path() -> Path:
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "keymap.toml"


def _workspace_options(parser: argparse.ArgumentParser, default: str | None) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="workspace file (default: $FINALROUND_DB, else your user data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=default,
        help="use a throw-away copy of the sample workspace",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finalround",
        description="A keyboard-driven workspace for second-round and final interviews.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _workspace_options(parser, None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    search = commands.add_parser("search", help="print the records that match a query")
    search.add_argument("query", nargs="+", help="words to look for; #tag narrows to a tag")
    search.add_argument("--json", action="store_true", help="print one JSON array")
    search.add_argument(
        "--limit", type=int, default=10, metavar="N", help="at most N hits (default 10)"
    )
    # the workspace options work after the subcommand too
    _workspace_options(search, argparse.SUPPRESS)

    export = commands.add_parser("export", help="write a backup, a prep brief or a calendar")
    export.add_argument(
        "--format",
        choices=("json", "md", "ics"),
        default="md",
        help="json: the whole workspace (backup, move machines); md: a prep "
        "brief for one opportunity; ics: interview and thank-you "
        "deadlines for your calendar (default: md)",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    export.add_argument(
        "--opportunity",
        metavar="NAME",
        help="the opportunity (company name) for md and ics; default: the "
        "active one for md, all for ics",
    )
    _workspace_options(export, argparse.SUPPRESS)

    imp = commands.add_parser(
        "import", help="read a JSON export or a backup back into a workspace file"
    )
    imp.add_argument(
        "file",
        help="a file written by `finalround export --format json`, or "
        "one listed by `finalround backups`",
    )
    imp.add_argument(
        "--replace",
        action="store_true",
        help="overwrite a workspace that already has records (a copy is kept)",
    )
    imp.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="the workspace file to write"
    )

    backups = commands.add_parser(
        "backups", help="list the backup copies kept beside the workspace file"
    )
    backups.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="the workspace file"
    )
    return parser


def run_backups(args: argparse.Namespace) -> int:
    from .core.backup_info import describe
    from .core.backups import KEEP

    path = Path(args.db).expanduser() if args.db else default_db_path()
    found = describe(path)
    if not found:
        print(
            f"No backups of {path} yet. One is kept on the first save of each day "
            f"(the last {KEEP})."
        )
        return 0
    print(f"Backups of {path}, newest first (the last {KEEP} are kept):")
    for b in found:
        count = "unreadable" if b.records is None else f"{b.records} records"
        print(f"  {b.taken}  {count:>12}  {b.size / 1024:8.1f} KiB  {b.path}")
    print(
        "Restore one with: finalround import BACKUP_FILE --replace"
        + (f" --db {path}" if args.db else "")
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from .core import export
    from .core.storage import atomic_write_text

    ws = open_workspace(args, read_only=True)
    try:
        if args.format == "json":
            text = export.to_json(ws)
        elif args.format == "md":
            text = export.brief_markdown(ws, export.find_opportunity(ws, args.opportunity))
        else:
            chosen = [export.find_opportunity(ws, args.opportunity)] if args.opportunity else None
            text = export.calendar_ics(ws, chosen)
    except ValueError as exc:
        print(f"finalround export: {exc}", file=sys.stderr)
        return 2
    if args.output:
        path = Path(args.output).expanduser()
        atomic_write_text(path, text)
        print(f"Wrote {path}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from .core.export import ImportProblem, import_json

    if args.demo:
        print(
            "finalround import: --demo is a throw-away workspace; import with --db PATH "
            "or into your own workspace",
            file=sys.stderr,
        )
        return 2
    source = Path(args.file).expanduser()
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(
            f"finalround import: cannot read {source}: {getattr(exc, 'strerror', exc)}",
            file=sys.stderr,
        )
        return 2
    target = Path(args.db).expanduser() if args.db else default_db_path()
    try:
        counts = import_json(text, target, replace=args.replace)
    except ImportProblem as exc:
        print(f"finalround import: {exc}", file=sys.stderr)
        return 2
    summary = ", ".join(f"{n} {k}" for k, n in counts.items()) or "no records"
    print(f"Imported into {target}: {summary}.")
    return 0


def run_search(args: argparse.Namespace) -> int:
    import json

    from .core.search import WorkspaceSearch

    if args.limit < 1:
        print("finalround search: --limit takes a whole number of 1 or more", file=sys.stderr)
        return 2
    search = WorkspaceSearch(open_workspace(args, read_only=True))
    hits = search.search(" ".join(args.query), limit=args.limit)
    rows = [
        {
            "kind": h.kind_name,
            "id": h.id,
            "title": h.title,
            "score": h.score,
            "opportunity": search.opportunity_name(h) or None,
            "snippet": h.snippet,
        }
        for h in hits
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("No match.", file=sys.stderr)
        return 1
    for row in rows:
        where = f"  ({row['opportunity']})" if row["opportunity"] else ""
        print(f"{row['score']:.2f}  {row['kind']:<17} {row['id']:>4}  {row['title']}{where}")
    return 0


def open_workspace(args: argparse.Namespace, read_only: bool = False) -> Workspace:
    from .core.demo import build_demo, demo_path
    from .core.repository import Workspace

    if args.demo:
        return build_demo(demo_path())
    path = Path(args.db).expanduser() if args.db else default_db_path()
    if read_only:
        if not path.exists():
            raise WorkspaceFileError(
                f"There is no workspace at {path} yet. Open it once with "
                "`finalround` to create it, or point --db elsewhere."
            )
        return Workspace(path, read_only=True)
    return Workspace(path)


def run_app(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    from .ui.app import FinalRoundApp, load_keymap

    app = FinalRoundApp(workspace, demo=args.demo, keymap=load_keymap(keymap_path()))
    result = app.run()
    return result if isinstance(result, int) else 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_app(args)
        if args.command == "search":
            return run_search(args)
        if args.command == "export":
            return run_export(args)
        if args.command == "import":
            return run_import(args)
        if args.command == "backups":
            return run_backups(args)
        parser.error(f"unknown command {args.command}")
    except WorkspaceFileError as exc:
        print(f"finalround: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(
            f"finalround: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
