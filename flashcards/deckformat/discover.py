"""Find deck files: the files given, and ``*.md`` files under the folders given."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["SKIPPED_NAMES", "deck_files"]

SKIPPED_NAMES = frozenset({"readme.md", "changelog.md"})
"""File names (compared case-insensitively) that are never decks when found in a folder."""


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk(folder: Path) -> list[Path]:
    """``*.md`` files under ``folder``: hidden entries skipped, symlinks followed only inside it."""
    root = os.path.realpath(folder)
    found: list[Path] = []
    visited = {root}
    pending = [os.fspath(folder)]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as it:
                entries = list(it)
        except OSError:
            continue  # unreadable folder: nothing to check there
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_symlink() and not _inside(os.path.realpath(entry.path), root):
                    continue
                if entry.is_dir():
                    real = os.path.realpath(entry.path)
                    if real not in visited:
                        visited.add(real)
                        pending.append(entry.path)
                elif (
                    entry.is_file()
                    and entry.name.lower().endswith(".md")
                    and entry.name.lower() not in SKIPPED_NAMES
                ):
                    found.append(Path(entry.path))
            except OSError:
                continue
    return found


def deck_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The deck files named by ``paths``, sorted, each once.

    A file is taken as given (whatever its name, even when missing: reading it reports the
    problem); a folder is walked recursively for ``*.md`` files, skipping hidden files and
    folders, ``README.md`` and ``CHANGELOG.md`` (any case), and symlinks that lead outside it.
    A file reached twice (through a symlink, or named twice) is listed once, preferably by its
    real path.
    """
    candidates: list[Path] = []
    for given in paths:
        path = Path(given)
        candidates.extend(_walk(path) if path.is_dir() else [path])
    real = {c: os.path.realpath(c) for c in candidates}
    # Real paths first, so that a symlink to a file that is also listed directly is the one dropped.
    ordered = sorted(candidates, key=lambda c: (real[c] != os.path.abspath(c), c))
    seen: set[str] = set()
    result: list[Path] = []
    for candidate in ordered:
        if real[candidate] not in seen:
            seen.add(real[candidate])
            result.append(candidate)
    return sorted(result)
