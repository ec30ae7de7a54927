"""Cards Markdown would take too long over are shown as plain text, holes still masked."""

from __future__ import annotations

import time

from flashcards.rendering import render_markdown
from flashcards.rendering.pipeline import is_pathological


def test_long_hostile_line_renders_fast_as_text_and_keeps_the_hole_hidden() -> None:
    text = "## 问题\n\n" + "<a" * 20_000 + " {{c1::secret}} end"
    assert is_pathological(text)
    started = time.process_time()
    front = render_markdown(text, cloze=1)
    assert time.process_time() - started < 1
    assert "secret" not in front and "[...]" in front
    back = render_markdown(text, cloze=1, reveal=True)
    assert "secret" in back
    assert "&lt;a&lt;a" in back  # shown as text, never as markup


def test_deep_nesting_is_pathological_but_ordinary_cards_are_not() -> None:
    deep = "\n".join("  " * level + "- item" for level in range(300))
    assert is_pathological(deep)
    ordinary = "## Pod\n\n- a\n  - b\n    - c\n\n```yaml\nspec:\n  replicas: 3\n```"
    assert not is_pathological(ordinary)
