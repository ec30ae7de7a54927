"""The ``flashcards`` command as a user runs it: exit codes, one-line errors, JSON."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from flashcards import __version__
from flashcards.cli import main
from flashcards.cli.review import run_review
from flashcards.services.collection import Collection
from tests.helpers import FakeClock, write_deck


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_via_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flashcards", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"flashcards {__version__}"


def test_unknown_command_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "frobnicate")
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("flashcards: error:")


def test_check_bundled_decks_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check")
    assert code == 0, out
    assert "0 errors" in out


def test_check_json_reports_errors_with_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\nid: x\ntitle: X\n---\n\n## Q\n\n{{c0::zero}}\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--json", str(bad))
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"decks", "errors", "warnings"}
    assert data["errors"][0]["line"] == 8
    assert data["errors"][0]["path"].endswith("bad.md")


def test_check_missing_path_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "/no/such/place")
    assert code == 2 and "no such file or folder" in err


def test_stats_json_on_a_synced_collection(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "sync")
    assert code == 0 and "added" in out
    code, out, _ = run(capsys, "stats", "--json")
    assert code == 0
    stats = json.loads(out)
    assert stats["cards"] >= 600 and stats["new"] == stats["cards"]
    assert len(stats["forecast"]) == 30


def test_stats_without_collection_is_a_clear_error(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "stats")
    assert code == 1 and "no collection" in err


def test_corrupt_database_is_one_line(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "collection.sqlite3").write_bytes(b"garbage" * 1000)
    code, _, err = run(capsys, "sync")
    assert code == 1
    assert err.count("\n") == 1 and "Flashcards" in err and "Traceback" not in err


def test_show_prints_a_masked_cloze(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "k.md").write_text(
        "---\nid: k\ntitle: K\n---\n\n## 副本数\n<!-- id: rep -->\n\n"
        "```yaml\nspec:\n  {{c1::replicas: 3}}\n```\n",
        encoding="utf-8",
    )
    assert run(capsys, "sync", str(folder))[0] == 0
    code, out, _ = run(capsys, "show", "rep")
    assert code == 0 and "[...]" in out and "replicas: 3" not in out
    code, out, _ = run(capsys, "show", "k/rep", "--side", "back", "--html")
    assert code == 0 and "replicas" in out and "<pre" in out
    code, _, err = run(capsys, "show", "nope")
    assert code == 1 and "no note" in err


def test_terminal_review_completes_a_session(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    write_deck(folder, "d.md", "d", [(f"问题 {i}", f"答案 {i}") for i in range(5)])
    col = Collection.open(tmp_path / "data", clock=FakeClock())
    from flashcards.services.sync import DeckSource, sync_decks

    sync_decks(col, [DeckSource("user", folder)])
    # Show + Good for each card, one Again (1) that comes back, then Good again.
    answers = "\n3\n" + "\n1\n" + "\n3\n" * 5 + "\n3\n"
    out = io.StringIO()
    args = Namespace(no_sync=True, deck=["d"], seed=3)
    assert run_review(col, args, io.StringIO(answers), out) == 0
    text = out.getvalue()
    assert "Congratulations" in text
    assert "Answered 6 card(s)" in text
    col.close()


def test_review_unknown_deck_is_a_user_error(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "review", "--no-sync", "--deck", "nope")
    assert code == 1 and "no deck with id 'nope'" in err


def test_search_finds_chinese_substrings(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "sync")
    code, out, _ = run(capsys, "search", "最小")
    assert code == 0 and "Pod" in out
    code, out, _ = run(capsys, "search", "滚动更新")
    assert code == 0 and out.strip()
