"""Plain text of rendered cards (``flashcards show`` without ``--html``)."""

from __future__ import annotations

from flashcards.rendering import html_to_text, render_markdown


def test_paragraphs_lists_code_and_tables() -> None:
    source = (
        "# Title\n\nFirst *para* with `code`.\n\n"
        "- one\n- two\n  1. nested\n\n"
        "```yaml\nspec:\n  replicas: 3\n```\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n"
    )
    assert html_to_text(render_markdown(source)) == (
        "Title\n\n"
        "First para with code.\n\n"
        "- one\n- two\n  1. nested\n\n"
        "spec:\n  replicas: 3\n\n"
        "a | b\n1 | 2\n\n"
        "> quoted\n"
    )


def test_cloze_placeholders_and_entities() -> None:
    html = render_markdown("A &amp; B {{c1::x::hint}} < C", cloze=1)
    assert html_to_text(html) == "A & B [hint] < C\n"


def test_images_fall_back_to_alt_text_and_empty_input() -> None:
    assert html_to_text('<p>see <img src="file:///x.png" alt="diagram"></p>') == "see diagram\n"
    assert html_to_text(render_markdown("")) == ""


def test_ordered_list_start_and_line_breaks() -> None:
    html = '<ol start="3"><li>c</li><li>d</li></ol><p>a<br>b</p>'
    assert html_to_text(html) == "3. c\n4. d\n\na\nb\n"
