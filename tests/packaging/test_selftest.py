"""``flashcards --self-test``: every step passes on a checkout, failures are one clear line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flashcards import selftest
from flashcards.cli import main as cli_main
from flashcards.launcher import qt_self_check
from flashcards.services.study import StudySession

ROOT = Path(__file__).resolve().parents[2]
STEP_NAMES = [name for name, _ in selftest.STEPS]


def _run(**kwargs: object) -> tuple[int, str]:
    out = io.StringIO()
    kwargs.setdefault("qt_check", qt_self_check)
    code = selftest.run_self_test(out=out, **kwargs)  # type: ignore[arg-type]
    return code, out.getvalue()


def test_every_step_passes_in_process(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_dir = tmp_path / "user-data"
    monkeypatch.setenv("FLASHCARDS_DATA_DIR", str(user_dir))
    code, out = _run()
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].startswith("flashcards ")
    for name in STEP_NAMES:
        assert any(line.startswith(f"  ok   {name}") for line in lines), out
    assert " s  " in lines[1]  # each step prints its time
    decks = len(list((ROOT / "decks").glob("*.md")))
    assert f"main window with {decks} decks" in out
    assert lines[-1].startswith("self-test passed in ")
    # The user's data dir is neither created nor left pointing elsewhere.
    assert not user_dir.exists()
    assert os.environ["FLASHCARDS_DATA_DIR"] == str(user_dir)


def test_python_dash_m_without_a_command(tmp_path: Path) -> None:
    user_dir = tmp_path / "user-data"
    env = {**os.environ, "FLASHCARDS_DATA_DIR": str(user_dir), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "flashcards", "--self-test"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert "ok   Qt offscreen" in result.stdout
    assert not user_dir.exists()


def test_without_qt_the_services_steps_never_load_it() -> None:
    code = (
        "import io, sys; from flashcards.selftest import run_self_test; "
        "rc = run_self_test(out=io.StringIO(), qt=False); "
        "assert 'PySide6' not in sys.modules, 'Qt loaded'; sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_cli_flag_runs_it_without_a_subcommand(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    monkeypatch.setattr(selftest, "run_self_test", lambda **_: calls.append(True) or 0)
    assert cli_main(["--self-test"]) == 0
    assert calls == [True]


def test_missing_decks_fail_with_a_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "no-decks"
    empty.mkdir()
    monkeypatch.setattr("flashcards.services.paths.bundled_decks_dir", lambda: empty)
    code, out = _run(qt=False)
    assert code == 1
    assert "  FAIL environment" in out
    assert f"no bundled decks in {empty}" in out
    err = capsys.readouterr().err
    assert err.strip() == f"self-test FAILED at 'environment': no bundled decks in {empty}"


def test_a_broken_undo_fails_and_still_cleans_up(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    roots: list[Path] = []
    real_open = selftest._step_open

    def remember_root(state: selftest.SelfTestState) -> str:
        roots.append(state.root)
        return real_open(state)

    monkeypatch.setattr(
        selftest,
        "STEPS",
        tuple((n, remember_root if s is real_open else s) for n, s in selftest.STEPS),
    )
    monkeypatch.setattr(StudySession, "undo", lambda self: None)
    code, out = _run(qt=False)
    assert code == 1
    assert "  FAIL answer and undo a review" in out
    assert "undo took back another card" in capsys.readouterr().err
    assert roots and not roots[0].exists()  # the temporary collection is closed and removed


def test_an_unexpected_error_names_its_type(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(state: selftest.SelfTestState) -> str:
        raise OSError("disk on fire")

    monkeypatch.setattr(selftest, "STEPS", (("environment", explode),))
    code, out = _run()
    assert code == 1
    assert "  FAIL environment" in out
    err = capsys.readouterr().err
    assert "Traceback" in err
    assert err.strip().endswith("self-test FAILED at 'environment': OSError: disk on fire")
