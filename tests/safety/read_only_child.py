"""What works and what is refused in a read-only data dir; prints the findings as JSON.

Run in-process when chmod can make a folder read-only, or as
``python -m tests.safety.read_only_child DIR`` inside a private mount namespace where DIR is a
read-only bind mount (tests run as root, for whom chmod changes nothing).
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path
from typing import Any

from flashcards.cli import main
from flashcards.services.collection import Collection
from flashcards.services.errors import StorageError


def run_checks(data_dir: Path) -> dict[str, Any]:
    found: dict[str, Any] = {}
    try:
        Collection.open(data_dir).close()
        found["open"] = "opened"
    except StorageError as error:
        found["open"] = f"{type(error).__name__}: {error}"
    commands = {
        "review": ["review", "--no-sync"],
        "sync": ["sync"],
        "stats": ["stats"],
        "search": ["search", "redis"],
        "show": ["show", "redis-default-port"],
        "backups": ["backups"],
    }
    for name, args in commands.items():
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--data-dir", str(data_dir), *args])
        found[name] = [code, out.getvalue(), err.getvalue()]
    return found


if __name__ == "__main__":
    sys.stdin = io.StringIO("")
    print(json.dumps(run_checks(Path(sys.argv[1]))))
