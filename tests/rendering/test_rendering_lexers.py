"""Lexer lookup and the token cache: same lexers and tokens as Pygments, bounded, keyed right."""

from __future__ import annotations

import pygments.lexers
import pytest
from pygments.lexers.data import YamlLexer
from pygments.lexers.python import PythonLexer
from pygments.lexers.special import TextLexer
from pygments.util import ClassNotFound

from flashcards.rendering import lexers, render_markdown, warm_up_steps
from flashcards.rendering.lexers import (
    CachingLexer,
    TokenCache,
    get_lexer_by_name,
    lexer_class,
    token_cache,
)

# The fence languages issue #4 lists (Pygments names; holes.LANGUAGE_ALIASES maps the others).
ISSUE_LANGUAGES = [
    "yaml", "yml", "dockerfile", "bash", "sh", "shell", "console", "sql", "go", "javascript",
    "js", "typescript", "ts", "python", "json", "toml", "ini", "nginx", "protobuf", "c", "java",
    "graphql", "http", "promql", "text", "lua", "hcl",
]  # fmt: skip


@pytest.mark.parametrize("alias", ISSUE_LANGUAGES)
def test_aliases_resolve_to_the_class_pygments_gives(alias: str) -> None:
    expected = type(pygments.lexers.get_lexer_by_name(alias))
    assert lexer_class(alias) is expected
    assert lexer_class(alias.upper()) is expected


@pytest.mark.parametrize("alias", ["klingon", "", None, "yaml "])
def test_unknown_or_missing_names_have_no_lexer(alias: str | None) -> None:
    assert lexer_class(alias) is None
    with pytest.raises(ClassNotFound):
        get_lexer_by_name(alias)
    assert issubclass(ClassNotFound, ValueError)  # what CodeHilite catches to fall back to text


def test_remembered_names_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexers, "_classes", {})
    monkeypatch.setattr(lexers, "MAX_NAMES", 3)
    for index in range(10):
        assert lexer_class(f"made-up-{index}") is None
    assert lexer_class("yaml") is YamlLexer  # still found, only not remembered
    assert len(lexers._classes) == 3


def test_warm_up_goes_in_small_named_steps_and_remembers_the_lexers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lexers, "_classes", {})
    steps = list(warm_up_steps(("python", "no-such-language")))
    assert "flashcards.rendering.pipeline" in steps
    assert steps[-3:] == ["lexer no-such-language", "sample (light)", "sample (dark)"]
    assert lexers._classes["python"] is PythonLexer  # remembered, found at once from now on
    assert lexers._classes["no-such-language"] is None
    assert lexer_class("python") is PythonLexer


def test_caching_lexer_gives_the_tokens_pygments_gives() -> None:
    code = "a: 1\nb: [x, y]\n"
    lexer = get_lexer_by_name("yaml", stripall=True)
    assert isinstance(lexer, CachingLexer)
    assert lexer.aliases == YamlLexer.aliases
    assert list(lexer.get_tokens(code)) == list(YamlLexer(stripall=True).get_tokens(code))
    assert list(lexer.get_tokens(code, unfiltered=True)) == list(
        YamlLexer(stripall=True).get_tokens(code, unfiltered=True)
    )


def test_token_cache_is_keyed_by_lexer_options_and_text() -> None:
    cache = TokenCache()
    code = "\tx = 1\n"
    first = cache.tokens(PythonLexer, {}, code)
    assert cache.tokens(PythonLexer, {}, code) is first
    assert (cache.hits, cache.misses) == (1, 1)
    assert cache.tokens(TextLexer, {}, code) == tuple(TextLexer().get_tokens(code))
    wide = cache.tokens(PythonLexer, {"tabsize": 8}, code)
    assert wide != first
    assert wide == tuple(PythonLexer(tabsize=8).get_tokens(code))
    assert cache.tokens(PythonLexer, {}, code + " ") != first
    assert (cache.hits, cache.misses, len(cache)) == (1, 4, 4)


def test_token_cache_is_bounded_and_least_recently_used_goes_first() -> None:
    cache = TokenCache(max_entries=2)
    cache.tokens(TextLexer, {}, "a")
    cache.tokens(TextLexer, {}, "b")
    cache.tokens(TextLexer, {}, "a")  # now "b" is the oldest
    cache.tokens(TextLexer, {}, "c")
    assert len(cache) == 2
    misses = cache.misses
    cache.tokens(TextLexer, {}, "a")
    assert cache.misses == misses
    cache.tokens(TextLexer, {}, "b")
    assert cache.misses == misses + 1
    cache.clear()
    assert len(cache) == 0
    with pytest.raises(ValueError, match="at least 1"):
        TokenCache(max_entries=0)


def test_long_code_is_lexed_but_not_kept() -> None:
    cache = TokenCache(max_text=10)
    tokens = cache.tokens(TextLexer, {}, "x" * 11)
    assert tokens == tuple(TextLexer().get_tokens("x" * 11))
    assert len(cache) == 0


def test_every_side_of_a_note_lexes_its_code_once() -> None:
    note = "Probe\n\n```yaml\nport: {{c1::8080}}\npath: {{c2::/healthz::path}}\n```"
    render_markdown(note)  # every hole shows its answer: the code as written
    misses = token_cache.misses
    sides = [
        render_markdown(note, cloze=number, reveal=reveal)
        for number in (1, 2)
        for reveal in (False, True)
    ]
    assert token_cache.misses == misses
    assert "[path]" in sides[2] and "/healthz" not in sides[2]
