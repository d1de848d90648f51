"""The `finalround` command: opens the workspace, or runs a subcommand without the UI."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from platformdirs import user_config_dir, user_data_dir

from . import __version__
from .backup_commands import run_backups, run_restore
from .core.collector import Held
from .core.storage import WorkspaceFileError
from .export_commands import run_export, run_import, safe_json
from .stdout import say

if TYPE_CHECKING:
    import argparse

    from .core.repository import Workspace

    # what the parser reads, or what plain_start reads the same way without it
    Options = argparse.Namespace | SimpleNamespace

APP_NAME = "finalround"
WHERE = "(default: $FINALROUND_DB, else your user data folder)"  # of the workspace file


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
        help=f"workspace file {WHERE}",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=default,
        help="use a throw-away copy of the sample workspace",
    )


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="finalround",
        description="A keyboard-driven workspace for second-round and final interviews.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _workspace_options(parser, None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        # the summary listed under COMMAND, and atop the command's own --help
        return commands.add_parser(
            name, help=summary, description=f"{summary[0].upper()}{summary[1:]}."
        )

    search = command("search", "print the records that match a query")
    search.add_argument(
        "query",
        nargs="+",
        help="words to look for (other words for the same competency count too); #tag, "
        "category:NAME or kind:NAME narrow the results, and alone list them all",
    )
    search.add_argument("--json", action="store_true", help="print one JSON array")
    search.add_argument(
        "--limit", type=int, default=10, metavar="N", help="at most N hits (default 10)"
    )
    # the workspace options work after the subcommand too
    _workspace_options(search, argparse.SUPPRESS)

    export = command("export", "write a backup, a prep brief or a calendar")
    export.add_argument(
        "--format",
        choices=("json", "md", "ics", "brief"),
        default="md",
        help="json: the whole workspace (backup, move machines); md: a prep "
        "brief for one opportunity; ics: rounds and thank-you "
        "deadlines for your calendar; brief: the day-of one-pager for the "
        "next round (default: md)",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    export.add_argument(
        "--opportunity",
        metavar="NAME",
        help="the opportunity (company name) for md, brief and ics; default: the "
        "active one for md and brief, all for ics",
    )
    _workspace_options(export, argparse.SUPPRESS)

    imp = command("import", "read a JSON export or a backup back into a workspace file")
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
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"the workspace file to write {WHERE}",
    )

    backups = command("backups", "list the backup copies kept beside the workspace file")
    backups.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help=f"the workspace file {WHERE}"
    )

    restore = command(
        "restore",
        "put a backup back in place of the workspace file, even one that cannot be read (the "
        "file as it was is kept aside)",
    )
    restore.add_argument(
        "backup",
        nargs="?",
        help="a file listed by `finalround backups`, by its path or its name alone (default: "
        "the newest)",
    )
    restore.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help=f"the workspace file {WHERE}"
    )
    return parser


def run_search(args: Options) -> int:
    import json

    from .core.search_cache import StoredSearch, stored_search

    if args.limit < 1:
        say("finalround search: --limit takes a whole number of 1 or more", file=sys.stderr)
        return 2
    from .core.search_types import Query

    query = Query.parse(" ".join(args.query))
    if (hint := query.needs_a_value()) is not None:
        say(f"finalround search: {hint}", file=sys.stderr)
        return 2
    if not query.words and not query.narrowed:
        say(
            "finalround search: give words to look for, such as `finalround search conflict "
            "team`, or a filter alone to list records (#tag, kind:story, category:…)",
            file=sys.stderr,
        )
        return 2
    unknown = query.unknown_filter()
    if unknown is not None:
        say(f"finalround search: {unknown}", file=sys.stderr)
        return 2
    search: WorkspaceSearch | StoredSearch
    path = Path(args.db).expanduser() if args.db else default_db_path()
    if args.demo or not path.is_file():
        from .core.search import WorkspaceSearch

        search = WorkspaceSearch(open_workspace(args, read_only=True))
    else:
        # from the index stored for exactly this file's bytes, built on the first search
        search = stored_search(path)
    hits = search.search(" ".join(args.query), limit=args.limit)
    rows = [
        {
            "kind": h.kind_name,
            "id": h.id,
            "title": h.title,
            "score": h.score,
            "opportunity": search.opportunity_name(h) or None,
            "snippet": h.snippet,
            "reason": h.reason,
        }
        for h in hits
    ]
    if args.json:
        print(safe_json(json.dumps(rows, ensure_ascii=False, indent=2)))
        return 0
    if not rows:
        say("No match.", file=sys.stderr)
        return 1
    for row in rows:
        where = f"  ({row['opportunity']})" if row["opportunity"] else ""
        why = f"  [{row['reason']}]" if row["reason"] else ""
        say(f"{row['score']:.2f}  {row['kind']:<17} {row['id']:>4}  {row['title']}{where}{why}")
    return 0


def open_workspace(args: Options, read_only: bool = False) -> Workspace:
    from .core.file_check import check_link
    from .core.repository import Workspace

    if args.demo:
        from .core.demo_cache import demo_path, open_demo  # only for the demo

        path = demo_path()
        THROWAWAY.append(path.parent)
        return open_demo(path)  # removed on exit: no save waits for the disk
    path = Path(args.db).expanduser() if args.db else default_db_path()
    if read_only:
        check_link(path)  # a link that loops does not exist either: say what it is
        if not path.exists():
            import shlex  # only for this message, not on every start

            opener = f"finalround --db {shlex.quote(str(path))}" if args.db else "finalround"
            raise WorkspaceFileError(
                f"There is no workspace at {path} yet. Open it once with "
                f"`{opener}` to create it, or point --db elsewhere."
            )
        return Workspace(path, read_only=True)
    return Workspace(path)


def run_app(args: Options, collector: Held | None = None) -> int:
    # What is made before the first frame is on screen (the file's records, the modules, the
    # screen's widgets) lasts as long as the app: the collector would walk it again and again
    # for nothing while it grows. It is held off until then (from the command's start when it
    # was held there, see tui.launch), and what was made set aside; its few cycles of garbage
    # are collected once the frame is drawn (3-4 ms at the demo's size), not before.
    held = collector or Held(freeze_past=0)
    try:
        workspace = open_workspace(args)
        from .ui.app import FinalRoundApp, load_keymap

        keymap, problems = load_keymap(keymap_path())
        app = FinalRoundApp(
            workspace, demo=args.demo, keymap=keymap, keymap_problems=problems, collector=held
        )
        try:
            result = app.run()
        finally:
            workspace.close()
    finally:
        held.release()  # an app that failed before its first frame too
    for kept in app.hung_up_kept:  # the terminal may be gone: then no one reads this
        try:
            say(f"finalround: a form you had not saved is kept in {kept}", file=sys.stderr)
        except OSError:
            break
    if app.return_code:
        return app.return_code
    return result if isinstance(result, int) else 0


COMMANDS = {
    "search": run_search,
    "export": run_export,
    "import": run_import,
    "backups": run_backups,
    "restore": run_restore,
}


def _crash_folder(args: Options) -> Path | None:
    try:
        if getattr(args, "demo", False):
            return None
        db = getattr(args, "db", None)
        path = Path(db).expanduser() if db else default_db_path()
        return path.parent if path.parent.is_dir() else None
    except Exception:  # the crash report must not crash
        return None


# the folders of --demo workspaces, removed when the command ends
THROWAWAY: list[Path] = []


def main(argv: list[str] | None = None, collector: Held | None = None) -> int:
    """The command. `collector`: the garbage collector as held off since the command started,
    handed to the app for its first frame, or let go before any other command."""
    try:
        return _main(argv, collector)
    finally:
        import shutil

        while THROWAWAY:
            shutil.rmtree(THROWAWAY.pop(), ignore_errors=True)


def plain_start(argv: list[str]) -> SimpleNamespace | None:
    """The options of a command line that only opens a workspace (`--demo`, `--db PATH`),
    read as the parser reads them, without building it (argparse and the parser took about
    3 ms of every start); None for anything else (a subcommand, --help, an abbreviation, a
    mistake), which the parser reads and reports."""
    options = SimpleNamespace(db=None, demo=None, command=None)
    words = iter(argv)
    for word in words:
        if word == "--demo":
            options.demo = True
        elif word == "--db":
            value = next(words, None)
            if value is None or value.startswith("-"):
                return None  # the parser's own message, or its own reading of "-"
            options.db = value
        elif word.startswith("--db="):
            options.db = word.removeprefix("--db=")
        else:
            return None
    return options


def _main(argv: list[str] | None, collector: Held | None) -> int:
    args: Options | None = plain_start(sys.argv[1:] if argv is None else argv)
    if args is None:
        if collector is not None:  # not the app's start (or not one read without the parser)
            collector.release()
            collector = None
        args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            if not args.db and not args.demo and not os.environ.get("FINALROUND_DB"):
                from .core.private import make_private_dir

                make_private_dir(default_db_path().parent, existing_too=True)
            return run_app(args, collector)
        status = COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe is reported here, not at exit
        return status
    except WorkspaceFileError as exc:
        say(f"finalround: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader went away (`finalround search x | head`): stop quietly, as other tools do
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError:
            pass
        return 0
    except OSError as exc:
        say(
            f"finalround: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr
        )
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from .core.crash import crash_message, write_crash_log

        log = write_crash_log(_crash_folder(args), exc)
        say(f"finalround: {crash_message(exc, log)}", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
