"""Cloze holes in prose and in code: hidden on the front, marked on the back, never mangled."""

from __future__ import annotations

import re

import pytest

from flashcards.core.cloze import mask
from flashcards.rendering import html_to_text, render_markdown, theme_palette
from flashcards.rendering.highlight import hidden_style, revealed_style, token_css
from flashcards.rendering.holes import plan_clozes

LIGHT = theme_palette("light")
HIDDEN = hidden_style(LIGHT)
REVEALED = f"color:{LIGHT.cloze_foreground};{revealed_style(LIGHT)}"

MANIFEST = """```yaml
apiVersion: apps/v1
kind: Deployment
spec:
  {{c1::replicas: 3}}
  selector:
    matchLabels: {app: web}
  template:
    spec:
      containers:
        - image: "nginx:{{c2::1.27::tag}}"
```"""


def _pre(html: str) -> str:
    match = re.search(r"<pre[^>]*>(.*)</pre>", html, re.DOTALL)
    assert match is not None, html
    return match.group(1)


def _spans(code_html: str) -> list[tuple[str, str]]:
    return re.findall(r'<span style="([^"]*)">([^<]*)</span>', code_html)


# --- prose ---------------------------------------------------------------------------------


def test_front_hides_the_hole_and_shows_the_others() -> None:
    html = render_markdown("Default {{c1::ClusterIP}}, reachable {{c2::inside}} only.", cloze=1)
    assert f'<span style="{HIDDEN}">[...]</span>' in html
    assert "ClusterIP" not in html
    assert "reachable inside only" in html  # the other hole: its answer, plainly


def test_hint_replaces_the_dots() -> None:
    html = render_markdown("Port {{c1::8080::a number}}", cloze=1)
    assert f'<span style="{HIDDEN}">[a number]</span>' in html
    assert "8080" not in html


def test_back_marks_the_revealed_answer() -> None:
    html = render_markdown("Default {{c1::ClusterIP}} and {{c2::inside}}.", cloze=1, reveal=True)
    assert f'<span style="{REVEALED}">ClusterIP</span>' in html
    assert "and inside." in html


def test_without_a_cloze_number_every_answer_shows_plainly() -> None:
    html = render_markdown("{{c1::a}} {{c2::b::hint}}")
    assert "<p>a b</p>" in html
    assert "[" not in html


@pytest.mark.parametrize(
    ("source", "front_text", "back_text"),
    [
        ("{{c1::rollout::cmd}}(https://x.example)", "[cmd](https://x.example)", "rollout"),
        ("{{c1::max_connections}} and {{c2::_private_}}", "[...] and _private_", "_private_"),
        ("{{c1::**not bold**}}", "[...]", "**not bold**"),
        ("{{c1::a <b>tag</b> & more}}", "[...]", "a <b>tag</b> & more"),
        ("[{{c1::link text}}](https://example.com)", "[...]", "link text"),
    ],
)
def test_markdown_never_mangles_holes(source: str, front_text: str, back_text: str) -> None:
    front = render_markdown(source, cloze=1)
    back = render_markdown(source, cloze=1, reveal=True)
    assert front_text in html_to_text(front)
    assert back_text in html_to_text(back)
    assert "<em>" not in front + back
    assert "<b>" not in front + back
    assert "<strong>" not in front + back
    assert 'href="https://x.example"' not in front + back


def test_backticks_in_an_answer_become_inline_code() -> None:
    shown = render_markdown("Run {{c1::`kubectl rollout undo`}}.")
    assert re.search(r"<code style=\"[^\"]*\">kubectl rollout undo</code>", shown)
    back = render_markdown("Run {{c1::`kubectl rollout undo`}}.", cloze=1, reveal=True)
    assert re.search(r'<span style="[^"]*"><code style="[^"]*">kubectl rollout undo</code>', back)


def test_holes_in_headings_tables_lists_and_inline_code() -> None:
    source = (
        "## Default type: {{c1::ClusterIP}}\n\n"
        "| 初级 | 高级 |\n|---|---|\n| {{c1::月度发布}} | {{c2::每日多次发布}} |\n\n"
        "- {{c1::CI/CD 流水线}}：Jenkins\n\n"
        "`my-service.{{c1::default}}.svc.cluster.local`\n"
    )
    front = render_markdown(source, cloze=1)
    for answer in ("ClusterIP", "月度发布", "CI/CD 流水线", "default"):
        assert answer not in front
    assert front.count(f'<span style="{HIDDEN}">[...]</span>') == 4
    assert "每日多次发布" in front


def test_a_hole_inside_a_tag_attribute_shows_as_text() -> None:
    front = render_markdown('<abbr title="{{c1::secret}}">x</abbr>', cloze=1)
    assert "secret" not in front
    back = render_markdown('<a href="https://e.example" title="{{c1::secret}}">x</a>')
    assert 'title="secret"' in back


def test_malformed_clozes_stay_plain_text() -> None:
    html = render_markdown("{{c1::unterminated\n\n{{c0::zero}} {{c2::}}", cloze=1)
    assert html_to_text(html) == "{{c1::unterminated\n\n{{c0::zero}} {{c2::}}\n"


def test_smuggled_sentinel_characters_are_neutralised() -> None:
    html = render_markdown("a \U00100000 b {{c1::x}}", cloze=1)
    assert "\ufffd" in html
    assert html.count("[...]") == 1


@pytest.mark.parametrize("bad", [0, -1, True])
def test_cloze_number_must_be_positive(bad: int) -> None:
    with pytest.raises(ValueError):
        render_markdown("x", cloze=bad)


# --- code ----------------------------------------------------------------------------------


def test_code_hole_is_masked_after_tokenising() -> None:
    front = _pre(render_markdown(MANIFEST, cloze=1))
    full = _pre(render_markdown(MANIFEST))
    # The text is the masked code: the placeholder where the hole was, every other answer shown.
    code = MANIFEST.split("\n", 1)[1].rsplit("\n", 1)[0]
    assert html_to_text(f"<pre>{front}</pre>").rstrip("\n") == mask(code, 1)
    assert f'<span style="{HIDDEN}">[...]</span>' in front
    # Every token around the hole keeps exactly the colour it has without any hole.
    before, after = full.split("replicas", 1)[0], full.split("selector", 1)[1]
    assert front.startswith(before.rsplit("<span", 1)[0])
    assert front.endswith(after)


def test_hole_inside_a_string_token_keeps_the_string_colour_around_it() -> None:
    front = _pre(render_markdown(MANIFEST, cloze=2))
    string_css = token_css("light", __import__("pygments.token").token.Literal.String)
    assert f'<span style="{string_css}">&quot;nginx:</span>' in front or (
        f'<span style="{string_css}">"nginx:</span>' in front
    )
    assert f'<span style="{HIDDEN}">[tag]</span>' in front
    assert "1.27" not in front


def test_code_back_marks_the_answer_and_keeps_its_token_colours() -> None:
    back = _pre(render_markdown(MANIFEST, cloze=1, reveal=True))
    marked = [(css, text) for css, text in _spans(back) if revealed_style(LIGHT) in css]
    assert "".join(text for _, text in marked) == "replicas: 3"
    key_css = next(css for css, text in _spans(back) if text == "selector")
    assert (f"{key_css};{revealed_style(LIGHT)}", "replicas") in marked


def test_template_braces_in_code_are_not_clozes() -> None:
    source = '```yaml\nargs: ["{{ .Values.config }}"]\nname: {{c1::web}}\n```'
    front = render_markdown(source, cloze=1)
    assert "{{ .Values.config }}" in front
    assert "[...]" in front
    assert "web" not in _pre(front)


@pytest.mark.parametrize(
    "source",
    [
        "```yaml\n\n\n{{c1::a: 1}}\nb: 2\n\n```",  # blank lines CodeHilite strips
        "```go\nfunc f() {\n\t{{c1::x := 1}}\n}\n```",  # a tab Markdown expands
        "```yaml\r\nkey: {{c1::value}}\r\n```\r\n",  # CRLF line ends
        "~~~~sql\nSELECT {{c1::id}} FROM t;\n~~~~",
        "```yaml\na: {{c1::1}}\n```\n\n```yaml\na: {{c2::1}}\n```\n\n```yaml\na: 1\n```",
    ],
)
def test_code_holes_survive_whitespace_and_fence_variants(source: str) -> None:
    plan = plan_clozes(source, 1, False)
    assert plan.code_holes  # handled by the formatter, not by the sentinel fallback
    front = render_markdown(source, cloze=1)
    assert front.count(f'<span style="{HIDDEN}">[...]</span>') == 1
    assert html_to_text(front).count("[...]") == 1


def test_fence_the_plan_cannot_follow_falls_back_to_safe_masking() -> None:
    # fenced_code converts this block without Pygments, so the formatter never sees it.
    source = "```{.yaml use_pygments=false}\npassword: {{c1::hunter2}}\n```"
    front = render_markdown(source, cloze=1)
    assert "hunter2" not in front
    assert "[...]" in front


def test_every_hole_of_the_corpus_is_hidden_on_its_front() -> None:
    from pathlib import Path

    corpus = Path(__file__).parent / "corpus"
    for path in sorted(corpus.glob("cloze_*.md")):
        text = path.read_text(encoding="utf-8")
        for number in (1, 2, 3, 4):
            front = render_markdown(text, cloze=number)
            want = len(re.findall(rf"\{{\{{c{number}::", text))
            assert front.count(HIDDEN) == want, (path.name, number)
