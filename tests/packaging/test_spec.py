"""The PyInstaller spec stays valid Python and takes its name and version from pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "flashcards.spec"


def test_spec_compiles() -> None:
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")


def test_spec_reads_name_and_version_from_pyproject() -> None:
    text = SPEC.read_text(encoding="utf-8")
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    assert "tomllib" in text
    assert not re.search(rf"['\"]{re.escape(version)}['\"]", text), "hard-coded version"


def test_the_package_extra_brings_pyinstaller() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert any(requirement.startswith("pyinstaller") for requirement in extras["package"])
