"""Every fence language the decks use resolves to a Pygments lexer; unknown ones stay plain."""

from __future__ import annotations

import re

import pytest
from pygments.lexers import get_lexer_by_name
from pygments.lexers.special import TextLexer

from flashcards.rendering import render_markdown
from flashcards.rendering.holes import LANGUAGE_ALIASES

# alias -> (a snippet, a word in it that must come out coloured)
ALIASES = {
    "yaml": ("replicas: 3", "replicas"),
    "yml": ("image: nginx", "image"),
    "dockerfile": ("FROM node:22-alpine", "FROM"),
    "bash": ("for x in a; do echo $x; done", "for"),
    "sh": ("if true; then exit; fi", "if"),
    "shell": ("while true; do :; done", "while"),
    "console": ("$ kubectl get pods", "$"),
    "sql": ("SELECT id FROM t", "SELECT"),
    "go": ("func main() {}", "func"),
    "javascript": ("const x = 1;", "const"),
    "js": ("let y = 2;", "let"),
    "typescript": ("interface A { id: number }", "interface"),
    "ts": ("type B = string;", "type"),
    "python": ("def f(): pass", "def"),
    "json": ('{"a": true}', "true"),
    "toml": ("[server]\nport = 1", "[server]"),
    "ini": ("[redis]\nkey = v", "[redis]"),
    "nginx": ("location / { root /srv; }", "location"),
    "protobuf": ("service S { rpc Get(R) returns (R) {} }", "service"),
    "c": ("int main(void) { return 0; }", "int"),
    "java": ("public class A {}", "public"),
    "graphql": ("type Query { a: Int }", "type"),
    "http": ("GET /a HTTP/1.1", "GET"),
    "promql": ("rate(x[5m])", "rate"),
}
PLAIN = ["text", "redis", "plaintext", "klingon", ""]


def _code(html: str) -> str:
    match = re.search(r"<pre[^>]*>(.*)</pre>", html, re.DOTALL)
    assert match is not None
    return match.group(1)


@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_alias_resolves_and_highlights(alias: str) -> None:
    lexer = get_lexer_by_name(LANGUAGE_ALIASES.get(alias, alias))
    assert not isinstance(lexer, TextLexer)
    snippet, keyword = ALIASES[alias]
    code = _code(render_markdown(f"```{alias}\n{snippet}\n```"))
    assert re.search(rf'<span style="color:#[0-9a-f]{{6}}[^"]*">{re.escape(keyword)}', code), code


@pytest.mark.parametrize("alias", PLAIN)
def test_text_unknown_and_missing_languages_are_plain(alias: str) -> None:
    # guess_lang=False: this looks like Python but must not be guessed as Python.
    code = _code(render_markdown(f"```{alias}\ndef f(): return 1\n```"))
    assert code == "def f(): return 1"


def test_language_names_are_case_insensitive() -> None:
    assert render_markdown("```YAML\na: 1\n```") == render_markdown("```yaml\na: 1\n```")


def test_every_extra_alias_points_at_a_real_lexer() -> None:
    for target in LANGUAGE_ALIASES.values():
        get_lexer_by_name(target)


def test_indented_code_blocks_are_plain_code() -> None:
    html = render_markdown("Text\n\n    def f(): return 1\n")
    assert _code(html) == "def f(): return 1"
