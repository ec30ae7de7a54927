"""The Chinese catalogue covers every GUI string, and the committed .qm is compiled from it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "flashcards_zh_CN.ts"
QM = TS.with_suffix(".qm")
TOOLS = Path(sys.executable).parent
HINT = "run `make translations` and translate the new strings in " + str(TS.relative_to(ROOT))


def _tool(name: str) -> Path:
    path = TOOLS / name
    if not path.exists():
        pytest.skip(f"{name} is not installed")
    return path


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_message_is_translated() -> None:
    missing = []
    for context, source, message in _messages(TS):
        translation = message.find("translation")
        assert translation is not None
        text = translation.text or "".join(f.text or "" for f in translation.iter("numerusform"))
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            missing.append(f"{context}: {source!r}")
    assert not missing, f"untranslated: {missing}; {HINT}"


def test_catalogue_has_every_string_of_the_source(tmp_path: Path) -> None:
    lupdate = _tool("pyside6-lupdate")
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run(
        [
            str(lupdate),
            "-extensions",
            "py",
            "-no-obsolete",
            "-locations",
            "none",
            str(ROOT / "flashcards" / "gui"),
            str(ROOT / "resources" / "translations" / "hidden_strings.py"),
            "-ts",
            str(copy),
        ],
        check=True,
        capture_output=True,
    )
    before = {(c, s) for c, s, _ in _messages(TS)}
    after = {(c, s) for c, s, _ in _messages(copy)}
    assert after - before == set(), f"new strings: {sorted(after - before)}; {HINT}"
    assert before - after == set(), f"strings no longer used: {sorted(before - after)}; {HINT}"


def test_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    lrelease = _tool("pyside6-lrelease")
    compiled = tmp_path / QM.name
    subprocess.run([str(lrelease), str(TS), "-qm", str(compiled)], check=True, capture_output=True)
    assert compiled.read_bytes() == QM.read_bytes(), HINT
