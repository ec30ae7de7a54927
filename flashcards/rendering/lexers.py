"""Pygments lexers by fence language, resolved once per name, and a bounded cache of tokens.

Pygments' ``get_lexer_by_name`` walks its whole lexer table on every call (about 0.1 ms per code
block) and, for a name it does not know, scans the installed packages' entry points for plugin
lexers (about 60 ms the first time). Here a name is resolved once, among the lexers Pygments
ships only: a card renders the same on every machine, whatever plugins happen to be installed.

The tokens of a block are remembered (keyed by lexer, options and text), so the front, the back
and every cloze of a note lex their shared code once: holes are cut out of the tokens after
lexing, so each side's code is lexed from the same full text.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from pygments.lexer import Lexer
from pygments.lexers import find_lexer_class, get_all_lexers
from pygments.token import _TokenType
from pygments.util import ClassNotFound

from flashcards.rendering.lru import BoundedLru

__all__ = ["CachingLexer", "TokenCache", "get_lexer_by_name", "lexer_class", "token_cache"]

Token = tuple[_TokenType, str]

_classes: dict[str, type[Lexer] | None] = {}  # lowercased alias -> class, None: no such lexer
_classes_lock = threading.Lock()
# A hostile deck may use any number of made-up fence languages; past this many names a lookup
# is still right, only no longer remembered.
MAX_NAMES = 1024


def _find_builtin(alias: str) -> type[Lexer] | None:
    for name, aliases, _, _ in get_all_lexers(plugins=False):
        if alias in aliases:
            return find_lexer_class(name)  # builtin, so found without a plugin scan
    return None


def lexer_class(alias: str | None) -> type[Lexer] | None:
    """The builtin Pygments lexer class with this alias (any case), or None."""
    if not alias:
        return None
    key = alias.lower()
    try:
        return _classes[key]
    except KeyError:
        pass
    # Resolved outside the lock (it may import the lexer's module); the result is the same
    # whichever thread stores it.
    cls = _find_builtin(key)
    with _classes_lock:
        if len(_classes) < MAX_NAMES:
            _classes[key] = cls
    return cls


class TokenCache(BoundedLru[tuple[type[Lexer], str, str], tuple[Token, ...]]):
    """A bounded, thread-safe LRU of token lists, keyed by (lexer class, options, text)."""

    def __init__(self, max_entries: int = 64, max_text: int = 5_000) -> None:
        super().__init__(max_entries)
        # Longer code is lexed every time rather than held: 5,000 characters of YAML make ~180 KB
        # of tokens, so even a hostile deck's full cache stays near 12 MB. 64 entries cover the
        # sides of the current note and the next one the review screen pre-renders.
        self.max_text = max_text

    def tokens(self, cls: type[Lexer], options: dict[str, Any], text: str) -> tuple[Token, ...]:
        """The tokens of ``text`` by ``cls(**options)``, lexed once per (class, options, text)."""
        if len(text) > self.max_text:
            return tuple(cls(**options).get_tokens(text))
        # The options may change the lexing (tabsize, stripall, lexer-specific ones), so they are
        # part of the key; CodeHilite passes the same few for every block.
        key = (cls, repr(sorted(options.items())), text)
        found = self._lookup(key)
        if found is not None:
            return found
        # Lexed outside the lock: another thread's card need not wait for this one.
        tokens = tuple(cls(**options).get_tokens(text))
        self._store(key, tokens)
        return tokens


token_cache = TokenCache()


class CachingLexer:
    """What CodeHilite needs of a lexer (``aliases``, ``get_tokens``), served from the cache."""

    def __init__(self, cls: type[Lexer], options: dict[str, Any], cache: TokenCache) -> None:
        self.aliases = cls.aliases
        self._cls = cls
        self._options = options
        self._cache = cache

    def get_tokens(self, text: str, unfiltered: bool = False) -> Iterator[Token]:
        """The tokens of ``text``, as ``Lexer.get_tokens`` gives them."""
        if unfiltered or "filters" in self._options:  # not what CodeHilite asks for
            return self._cls(**self._options).get_tokens(text, unfiltered)
        return iter(self._cache.tokens(self._cls, self._options, text))


def get_lexer_by_name(alias: str | None, **options: Any) -> CachingLexer:
    """Drop-in for Pygments' function as CodeHilite calls it: builtin lexers only, resolved
    once per name, tokens cached. Raises ``ClassNotFound`` (a ``ValueError``) for an unknown or
    missing name, which CodeHilite (``guess_lang=False``) answers with the plain text lexer."""
    cls = lexer_class(alias)
    if cls is None:
        raise ClassNotFound(f"no lexer for alias {alias!r} found")
    return CachingLexer(cls, options, token_cache)
