"""The `finalround` command: opens the workspace, or runs a subcommand without the UI."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

from . import __version__
from .core.storage import WorkspaceFileError

APP_NAME = "finalround"


def default_db_path() -> Path:
    env = os.environ.get("FINALROUND_DB")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "workspace.json"


def keymap_path() -> Path:
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "keymap.toml"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finalround",
        description="A keyboard-driven workspace for second-round and final interviews.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH",
                        help="workspace file (default: $FINALROUND_DB, else your user data folder)")
    parser.add_argument("--demo", action="store_true",
                        help="open a throw-away copy of the sample workspace")
    parser.add_argument("--version-info", action="store_true", help=argparse.SUPPRESS)
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def open_workspace(args: argparse.Namespace):
    from .core.demo import build_demo, demo_path
    from .core.repository import Workspace

    if args.demo:
        return build_demo(demo_path())
    path = Path(args.db).expanduser() if args.db else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
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
        parser.error(f"unknown command {args.command}")
    except WorkspaceFileError as exc:
        print(f"finalround: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"finalround: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
