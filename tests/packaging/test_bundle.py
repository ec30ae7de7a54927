"""The frozen bundle (``make package``) on its own: size, self-test, no writes inside, libraries.

These run only against a built bundle named by ``FLASHCARDS_BUNDLE`` (CI sets it after
``make package``): a stale ``dist/`` from an older build must not decide a test run.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUDGET_MIB = 150
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]

pytestmark = pytest.mark.skipif(
    not os.environ.get("FLASHCARDS_BUNDLE"),
    reason="set FLASHCARDS_BUNDLE=dist/flashcards after `make package`",
)


@pytest.fixture(scope="module")
def bundle() -> Path:
    path = Path(os.environ["FLASHCARDS_BUNDLE"])
    if not path.is_absolute():
        path = ROOT / path
    executable = path / ("flashcards.exe" if sys.platform == "win32" else "flashcards")
    assert executable.is_file(), f"no bundle at {path}: run `make package`"
    return path


def _executable(bundle: Path) -> Path:
    return bundle / ("flashcards-cli.exe" if sys.platform == "win32" else "flashcards")


def _clean_env(home: Path) -> dict[str, str]:
    # No venv, no Python, no display: only what a user's desktop session surely has.
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(folder)): (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in folder.rglob("*")
    }


def _size_mib(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_symlink()) / 2**20


def test_bundle_fits_the_size_budget(bundle: Path) -> None:
    size = _size_mib(bundle)
    print(f"bundle size: {size:.1f} MiB")
    assert size <= BUDGET_MIB, f"{size:.1f} MiB is over the {BUDGET_MIB} MiB budget"


def test_self_test_passes_and_writes_nothing_into_the_bundle(bundle: Path, tmp_path: Path) -> None:
    before = _snapshot(bundle)
    result = subprocess.run(
        [str(_executable(bundle)), "--self-test"],
        env=_clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert "main window with" in result.stdout
    assert _snapshot(bundle) == before, "the frozen app wrote inside its bundle"
    # Nor into the user's data dir: the self-test works in a temporary folder.
    assert not (tmp_path / ".local" / "share" / "flashcards").exists()


def test_the_app_writes_only_under_the_data_dir(bundle: Path, tmp_path: Path) -> None:
    before = _snapshot(bundle)
    data = tmp_path / "data"
    env = {**_clean_env(tmp_path), "FLASHCARDS_DATA_DIR": str(data)}
    app = subprocess.Popen(
        [str(_executable(bundle))], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        # The first start imports the bundled decks; the sync's last write is the deck files table.
        deadline = time.monotonic() + 60
        database = data / "collection.sqlite3"
        while time.monotonic() < deadline and app.poll() is None:
            if database.is_file() and _decks_synced(database):
                break
            time.sleep(0.2)
        assert app.poll() is None, app.communicate()[0]
        assert _decks_synced(database), "the app did not import the bundled decks"
    finally:
        app.terminate()
        app.communicate(timeout=30)
    assert _snapshot(bundle) == before, "the frozen app wrote inside its bundle"


def _decks_synced(database: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as connection:
            return bool(connection.execute("select count(*) from deck_files").fetchone()[0])
    except sqlite3.Error:
        return False


def test_version_comes_from_the_bundled_metadata(bundle: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(_executable(bundle)), "--version"],
        env=_clean_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"flashcards {VERSION}"


def test_terminal_commands_work_frozen(bundle: Path, tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    check = subprocess.run(
        [str(_executable(bundle)), "check"], env=env, capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    data = tmp_path / "data"
    sync = subprocess.run(
        [str(_executable(bundle)), "--data-dir", str(data), "sync"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert sync.returncode == 0, sync.stdout + sync.stderr
    assert (data / "collection.sqlite3").is_file()


def test_only_the_qt_we_use_is_bundled(bundle: Path) -> None:
    names = [p.name for p in bundle.rglob("*")]
    for unwanted in ("Qt6Qml", "Qt6Quick", "Qt6WebEngine", "Qt6Pdf", "Qt6Multimedia", "Qt63D"):
        assert not [n for n in names if unwanted in n], unwanted
    assert not [n for n in names if n.startswith(("tkinter", "_tkinter", "libtk", "libtcl"))]
    assert not [n for n in names if n in ("pytest", "_pytest", "hypothesis", "PyInstaller")]
    translations = [p.name for p in bundle.rglob("translations/*.qm") if "PySide6" in p.parts]
    assert translations and all(name.startswith("qtbase_") for name in translations)


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("ldd"), reason="ldd")
def test_qt_plugins_find_every_library(bundle: Path) -> None:
    internal = bundle / "_internal"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    wanted = [
        plugins / "platforms" / "libqxcb.so",
        plugins / "platforms" / "libqoffscreen.so",
        plugins / "imageformats" / "libqsvg.so",
        plugins / "imageformats" / "libqjpeg.so",
        plugins / "iconengines" / "libqsvgicon.so",
    ]
    # The bootloader puts _internal on the library path; ldd sees what the app will see.
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    for plugin in wanted:
        assert plugin.is_file(), f"{plugin.relative_to(bundle)} is not bundled"
        output = subprocess.run(
            ["ldd", str(plugin)], env=env, capture_output=True, text=True, check=True
        ).stdout
        missing = re.findall(r"^\s*(\S+) => not found", output, re.MULTILINE)
        assert not missing, f"{plugin.name} cannot find {missing}"
