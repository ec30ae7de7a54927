"""Reading deck files from disk: a size limit, and OS errors as diagnostics."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from flashcards.deckformat.model import Diagnostic, ParsedDeck
from flashcards.deckformat.parser import Scan, scan_deck

__all__ = [
    "MAX_DECK_BYTES",
    "read_deck",
    "read_deck_bytes",
    "replace_file_atomically",
    "scan_deck_file",
]

MAX_DECK_BYTES = 20 * 1024 * 1024
"""Deck files larger than this (20 MiB) are an error and are not read."""


def read_deck_bytes(path: str | os.PathLike[str]) -> tuple[bytes | None, Diagnostic | None]:
    """The file's bytes, or a line-1 error: unreadable, not a regular file, or over the limit.

    An over-limit file is never read whole: at most ``MAX_DECK_BYTES + 1`` bytes are read, and
    only when ``stat`` did not already show it is too large.
    """
    name = os.fspath(path)
    too_large = f"file is too large: a deck file may hold at most {MAX_DECK_BYTES} bytes"

    def problem(message: str) -> tuple[None, Diagnostic]:
        return None, Diagnostic(name, 1, message, "error")

    try:
        with open(name, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return problem("not a regular file")
            if info.st_size > MAX_DECK_BYTES:
                return problem(f"{too_large} (this one has {info.st_size})")
            data = handle.read(MAX_DECK_BYTES + 1)
    except OSError as exc:
        return problem(f"cannot read the file: {exc.strerror or exc}")
    if len(data) > MAX_DECK_BYTES:
        return problem(too_large)
    return data, None


def scan_deck_file(path: str | os.PathLike[str]) -> Scan:
    """Read and parse one file (internal: the raw skeleton comes along)."""
    name = os.fspath(path)
    data, problem = read_deck_bytes(name)
    if data is None:
        assert problem is not None
        return Scan("", ParsedDeck(name, None, "", (), (problem,)), [], [], {})
    return scan_deck(data, name)


def read_deck(path: str | os.PathLike[str]) -> ParsedDeck:
    """Read and parse one deck file; every problem, OS errors included, is a diagnostic."""
    return scan_deck_file(path).deck


def replace_file_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at ``path`` (its mode kept) with ``data`` in one step: readers see the
    old file or the new one, never half of either; on return both the file and its name are on
    disk."""
    target = os.path.realpath(path)
    folder, base = os.path.split(target)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    fd, temp = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if hasattr(os, "O_DIRECTORY"):
        # The rename is durable once the folder's entry is on disk too.
        with contextlib.suppress(OSError):
            directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
