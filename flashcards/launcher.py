"""The ``flashcards`` entry point: the desktop app with no command, the CLI otherwise."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

from flashcards.cli import main as cli_main
from flashcards.cli.errors import UserError

__all__ = ["main"]

QT_LIBRARIES_HINT = (
    "On Debian/Ubuntu install Qt's system libraries: sudo apt-get install -y libegl1 libgl1 "
    "libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 "
    "libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 "
    "libxcb-image0"
)


def open_gui(args: argparse.Namespace) -> int:
    """Start the desktop app (imported only now: terminal commands never load Qt)."""
    if args.data_dir is not None:
        os.environ["FLASHCARDS_DATA_DIR"] = str(args.data_dir)
    try:
        from flashcards.gui.app import run_app
    except ImportError as error:
        raise UserError(f"the desktop app cannot start: {error}. {QT_LIBRARIES_HINT}") from error
    return run_app(data_dir=args.data_dir)


def qt_self_check(card_html: str, placeholder: str, data_dir: Path) -> str:
    """The self-test's desktop step (imported only now, like the app)."""
    from flashcards.gui.selftest_window import check_qt

    return check_qt(card_html, placeholder, data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, open_gui=open_gui, qt_check=qt_self_check)
