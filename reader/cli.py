"""`reader` and its subcommands. Without a subcommand it opens the app."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import ReaderError
from reader import __version__, paths

if TYPE_CHECKING:
    import argparse

log = logging.getLogger("reader")
DATA_DIR_OPTION = "--data-dir"


def _data_dir_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument(DATA_DIR_OPTION, metavar="DIR", default=default,
                        help="library location (default: $READER_DATA_DIR or the user data dir)")


def build_parser() -> argparse.ArgumentParser:
    import argparse  # not for `reader` alone (see _app_data_dir): the app starts without it

    class _Parser(argparse.ArgumentParser):
        """Bad arguments give one line and exit code 2, not a usage dump."""

        def error(self, message: str) -> None:  # type: ignore[override]
            self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")

    parser = _Parser(prog="reader", description="A terminal reader for collections of news articles.")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    _data_dir_option(parser, None)
    # Also accept --data-dir after the subcommand name.
    common = argparse.ArgumentParser(add_help=False)
    _data_dir_option(common, argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    from reader.commands import (bookmark_cmds, doctor_cmds, entity_cmds, feed_cmds, library_cmds, quote_cmds,
                                 remove_cmds, story_cmds)

    for module in (library_cmds, remove_cmds, entity_cmds, quote_cmds, bookmark_cmds, doctor_cmds, feed_cmds,
                   story_cmds):
        module.register(subparsers, common)
    return parser


def _configure_logging(data_dir: Path) -> None:
    """Warnings and tracebacks go to a log file in the data dir, never to the terminal."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(data_dir / "reader.log", encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # A log that cannot be written (full disk) must not print its own traceback at the user.
    logging.raiseExceptions = False
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def _app_data_dir(argv: list[str]) -> tuple[bool, str | None]:
    """`reader`, `reader --data-dir DIR` or `reader --data-dir=DIR`: (True, DIR or None), read
    without argparse or the subcommands. (False, None) sends anything else to the full parser,
    which also opens the app for abbreviations such as `--data DIR`."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == DATA_DIR_OPTION and not argv[1].startswith("-"):
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith(DATA_DIR_OPTION + "="):
        return True, argv[0].partition("=")[2]
    return False, None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:  # answered before the parser, which imports every command's modules
        print(f"reader {__version__}")
        return 0
    wants_the_app, data_dir_option = _app_data_dir(argv)
    if wants_the_app:
        command = None
    else:
        args = build_parser().parse_args(argv)
        command, data_dir_option = args.command, args.data_dir
    data_dir = paths.data_dir(data_dir_option)
    _configure_logging(data_dir)
    from reader.terminal import visible

    try:
        if command is None:
            from reader.ui.launch import run_app

            # Seeds only for the default library: never into a folder named by --data-dir or READER_DATA_DIR.
            named = bool(data_dir_option) or bool(os.environ.get(paths.DATA_DIR_ENV))
            return run_app(data_dir, import_seeds=not named)
        return args.handler(args, data_dir)
    except ReaderError as exc:
        print(f"reader: {visible(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reader: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the user gets one sentence, the log gets the traceback
        log.exception("unexpected error")
        print(f"reader: unexpected error ({type(exc).__name__}: {visible(str(exc))}); "
              f"details in {visible(str(data_dir / 'reader.log'))}",
              file=sys.stderr)
        return 70


def entry_point() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry_point()
