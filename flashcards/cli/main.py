"""Argument parsing and dispatch for the ``flashcards`` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from flashcards.cli.errors import UsageError, UserError

if TYPE_CHECKING:
    from flashcards.services.collection import Collection

__all__ = ["build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so every mistake goes through one printer."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


class _VersionAction(argparse.Action):
    """``--version``, reading the package metadata only when asked (it costs ~25 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest, default=argparse.SUPPRESS, nargs=0, help="show the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from flashcards import __version__

        print(f"flashcards {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="flashcards",
        description="Spaced-repetition flashcards for engineers. With no command, opens the app.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="where the collection lives (default: the user data dir, or FLASHCARDS_DATA_DIR)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works, in a temporary folder, and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    review = commands.add_parser("review", help="study due cards in the terminal")
    review.add_argument("--deck", action="append", help="only this deck id (repeatable)")
    review.add_argument("--seed", type=int, help="fix the card order")
    review.add_argument("--no-sync", action="store_true", help="do not read the deck files first")

    stats = commands.add_parser("stats", help="print statistics")
    stats.add_argument("--json", action="store_true", help="machine-readable output")

    check = commands.add_parser("check", help="validate deck files (default: the bundled decks)")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    check.add_argument("--json", action="store_true", help="machine-readable output")

    sync = commands.add_parser("sync", help="bring the collection in line with the deck files")
    sync.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="deck folders (default: bundled decks and your deck folders)",
    )
    sync.add_argument("--force", action="store_true", help="re-read unchanged files too")

    ids = commands.add_parser("ids", help="give notes explicit ids")
    ids.add_argument(
        "--write", action="store_true", required=True, help="write the ids into the files"
    )
    ids.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    show = commands.add_parser("show", help="print a card of a note")
    show.add_argument("note_id", metavar="NOTE_ID", help="a note id, or DECK/NOTE")
    show.add_argument("--side", choices=("front", "back"), default="front")
    show.add_argument("--card", type=int, default=None, help="card ordinal (cloze number)")
    show.add_argument("--html", action="store_true", help="print the HTML")
    show.add_argument("--theme", choices=("light", "dark"), default="light")

    search = commands.add_parser("search", help="find notes by text")
    search.add_argument("query", nargs="+")

    commands.add_parser("backup", help="back up the collection now (also while the app runs)")
    backups = commands.add_parser("backups", help="list the backups, newest first")
    backups.add_argument("--json", action="store_true", help="machine-readable output")
    restore = commands.add_parser(
        "restore", help="replace the collection with a backup (the current one is backed up first)"
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="a backup file, or its name")
    doctor = commands.add_parser("doctor", help="check the collection and repair what it can")
    doctor.add_argument("--quick", action="store_true", help="quick_check, not integrity_check")

    gui = commands.add_parser("gui", help="open the app (the default)")
    del gui
    return parser


def _open_collection(args: argparse.Namespace, *, read_only: bool = False) -> Collection:
    from flashcards.services.backup import backup_hint
    from flashcards.services.collection import Collection
    from flashcards.services.errors import DatabaseError, NewerSchemaError, StorageError
    from flashcards.services.paths import default_data_dir

    try:
        return Collection.open(args.data_dir, read_only=read_only)
    except (DatabaseError, NewerSchemaError) as error:
        hint = backup_hint(args.data_dir or default_data_dir())
        raise UserError(f"{error}; nothing was changed; {hint}") from error
    except StorageError as error:  # locked by another process, read-only data dir
        raise UserError(str(error)) from error
    except PermissionError as error:
        raise UserError(f"cannot open the data dir: {error}") from error


def _cmd_stats(args: argparse.Namespace) -> int:
    from flashcards.cli.output import print_stats
    from flashcards.services.stats import collection_stats

    data_dir = args.data_dir
    from flashcards.services.paths import database_path, default_data_dir

    path = database_path(data_dir or default_data_dir())
    if not path.exists():
        raise UserError(f"no collection at {path} yet: run 'flashcards' or 'flashcards sync' first")
    with _open_collection(args, read_only=True) as collection:
        stats = collection_stats(collection)
    if args.json:
        print(json.dumps(stats.to_json(), ensure_ascii=False, indent=2))
    else:
        print_stats(stats)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from flashcards.deckformat import check_paths
    from flashcards.services.paths import bundled_decks_dir

    paths = args.paths or [bundled_decks_dir()]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")
    report = check_paths(paths)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(report.format_text())
    return 1 if report.has_errors else 0


def _cmd_sync(args: argparse.Namespace) -> int:
    from flashcards.cli.output import print_sync
    from flashcards.services.sync import DeckSource, sync_decks

    missing = [p for p in args.paths if not p.is_dir()]
    if missing:
        raise UsageError(f"not a folder: {missing[0]}")
    with _open_collection(args) as collection:
        sources = None
        if args.paths:
            sources = [DeckSource("user", p) for p in args.paths]
        report = sync_decks(collection, sources, force=args.force)
    print_sync(report)
    return 1 if report.errors else 0


def _cmd_ids(args: argparse.Namespace) -> int:
    from flashcards.deckformat import deck_files, write_ids

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")
    total = 0
    for path in deck_files(args.paths):
        try:
            added = write_ids(path)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise UserError(f"{path}: {error}") from error
        if added:
            print(f"{path}: {added} id{'s' if added != 1 else ''} added")
        total += added
    print(f"{total} note id{'s' if total != 1 else ''} added")
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    from flashcards.cli.review import run_review

    with _open_collection(args) as collection:
        return run_review(collection, args, sys.stdin, sys.stdout)


def _cmd_show(args: argparse.Namespace) -> int:
    from flashcards.cli.output import show_card

    with _open_collection(args, read_only=_db_exists(args)) as collection:
        return show_card(collection, args)


def _cmd_search(args: argparse.Namespace) -> int:
    from flashcards.services.search import search_notes

    with _open_collection(args, read_only=_db_exists(args)) as collection:
        hits = search_notes(collection, " ".join(args.query))
    for hit in hits:
        print(f"{hit.deck_key}/{hit.note_key}\t{hit.prompt}")
    print(f"{len(hits)} note{'s' if len(hits) != 1 else ''}", file=sys.stderr)
    return 0


def _db_exists(args: argparse.Namespace) -> bool:
    from flashcards.services.paths import database_path, default_data_dir

    return database_path(args.data_dir or default_data_dir()).exists()


def _cmd_backup(args: argparse.Namespace) -> int:
    from flashcards.cli.safety import run_backup

    return run_backup(args, _open_collection)


def _cmd_backups(args: argparse.Namespace) -> int:
    from flashcards.cli.safety import run_backups

    return run_backups(args)


def _cmd_restore(args: argparse.Namespace) -> int:
    from flashcards.cli.safety import run_restore

    return run_restore(args)


def _cmd_doctor(args: argparse.Namespace) -> int:
    from flashcards.cli.safety import run_doctor

    return run_doctor(args)


GuiLauncher = Callable[[argparse.Namespace], int]
QtCheck = Callable[[str, str, Path], str]  # the self-test's desktop check, from the launcher

_COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "review": _cmd_review,
    "stats": _cmd_stats,
    "check": _cmd_check,
    "sync": _cmd_sync,
    "ids": _cmd_ids,
    "show": _cmd_show,
    "search": _cmd_search,
    "backup": _cmd_backup,
    "backups": _cmd_backups,
    "restore": _cmd_restore,
    "doctor": _cmd_doctor,
}


def main(
    argv: Sequence[str] | None = None,
    *,
    open_gui: GuiLauncher | None = None,
    qt_check: QtCheck | None = None,
) -> int:
    """Run the command line; return the exit code.

    The desktop app is started through ``open_gui`` (``flashcards.launcher`` passes it): the CLI
    itself never imports Qt, so terminal commands work where Qt's libraries are missing.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.self_test:
            from flashcards.selftest import run_self_test

            return run_self_test(qt_check=qt_check)
        if args.command in (None, "gui"):
            if open_gui is None:
                raise UserError("the desktop app is not part of this entry point")
            return open_gui(args)
        return _COMMANDS[args.command](args)
    except UserError as error:
        print(f"flashcards: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `flashcards stats | head`: the reader went away; that is not an error.
        sys.stderr.close()
        return 0
    except Exception as error:
        # A full disk, a read-only or locked data dir, a damaged file: one line, not a traceback.
        from flashcards.cli.safety import failure_message

        message = failure_message(error)
        if message is None:
            raise
        print(f"flashcards: error: {message}", file=sys.stderr)
        return 1
