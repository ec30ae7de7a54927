"""Rendering stays a library: no Qt, cheap to import, usable from any thread."""

from __future__ import annotations

import subprocess
import sys
import threading

from flashcards.rendering import render_markdown


def test_rendering_never_imports_qt() -> None:
    code = (
        "import sys\n"
        "import flashcards.rendering as r\n"
        "r.render_markdown('x\\n\\n```yaml\\na: 1\\n```', cloze=1)\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr


def test_importing_the_package_defers_markdown_and_pygments() -> None:
    code = (
        "import sys\n"
        "import flashcards.rendering\n"
        "print(sorted(m for m in ('markdown', 'pygments', 'nh3') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_concurrent_renders_in_many_threads_agree() -> None:
    notes = [
        f"## Q{i}\n\n```yaml\nkey{i}: {{{{c1::value{i}}}}}\n```\n\n| a |\n|---|\n| {i} |"
        for i in range(20)
    ]
    expected = [render_markdown(note, cloze=1) for note in notes]
    results: dict[int, list[str]] = {}

    def work(index: int) -> None:
        results[index] = [render_markdown(note, cloze=1) for note in notes]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results.values())
    assert len(results) == 6
