"""Where things live: the user's data dir and the resources shipped with the app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

__all__ = [
    "DATABASE_NAME",
    "bundled_decks_dir",
    "database_path",
    "default_data_dir",
    "resource_path",
]

APP_NAME = "flashcards"
DATABASE_NAME = "collection.sqlite3"


def default_data_dir() -> Path:
    """``FLASHCARDS_DATA_DIR`` when set, else the platform's user data dir."""
    override = os.environ.get("FLASHCARDS_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME


def _app_root() -> Path:
    # Inside a PyInstaller bundle, data files sit under sys._MEIPASS; in a checkout (or an
    # editable install) they sit beside the package.
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, from a checkout or a frozen bundle."""
    return _app_root().joinpath("resources", *parts)


def bundled_decks_dir() -> Path:
    """The decks shipped with the app (read-only)."""
    return _app_root() / "decks"
