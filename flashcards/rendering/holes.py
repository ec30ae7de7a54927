"""Where each cloze goes before Markdown runs, and what it looks like afterwards.

Markdown never sees cloze markup. A hole in prose becomes one private-use sentinel character that
Markdown, the sanitiser and the styling pass carry through untouched; the sentinel is swapped for
the hole's HTML at the very end, so ``[hint](...)`` never turns into a link and ``_`` in an answer
never turns into emphasis. A hole inside fenced code becomes its answer, so Pygments tokenises the
code exactly as written; the code formatter then hides or marks the hole's character span.
"""

from __future__ import annotations

import re
from enum import Enum

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.fenced_code import FencedBlockPreprocessor

from flashcards.core.cloze import Cloze, find_clozes, placeholder

__all__ = [
    "LANGUAGE_ALIASES",
    "SENTINEL_RE",
    "TAB_LENGTH",
    "ClozePlan",
    "CodeBlockPlan",
    "Hole",
    "HoleState",
    "normalise_source",
    "plan_clozes",
]

_SENTINEL_BASE = 0x100000  # Supplementary Private Use Area-B: no font or deck uses it
_SENTINEL_LAST = 0x10FFFD
SENTINEL_RE = re.compile("[\U00100000-\U0010fffd]")
TAB_LENGTH = 4  # Markdown's tab_length: the pipeline configures Markdown with this

# Locate code exactly where fenced_code will: its own pattern and its own attribute parser. The
# formatter checks every block against this plan, and the pipeline falls back to sentinels if they
# ever disagree.
_FENCED_BLOCK_RE = FencedBlockPreprocessor.FENCED_BLOCK_RE
_BLANK_SPACES_LINE_RE = re.compile(r"(?<=\n) +\n")

# Fence languages deck authors use that Pygments knows under another name, or not at all.
LANGUAGE_ALIASES: dict[str, str] = {
    "containerfile": "dockerfile",
    "k8s": "yaml",
    "kubernetes": "yaml",
    "plain": "text",
    "plaintext": "text",
    "redis": "text",
    "redis-cli": "text",
    "txt": "text",
}


class HoleState(Enum):
    """How one hole shows on this side of the card."""

    HIDDEN = "hidden"  # the placeholder [...] / [hint]
    REVEALED = "revealed"  # the answer, visibly marked
    SHOWN = "shown"  # the answer as plain text


# The plan types below are plain slotted classes rather than dataclasses: creating a dataclass
# costs about 1 ms at import, and these are built and read only inside this package.


class Hole:
    """One cloze as rendered on this side."""

    __slots__ = ("cloze", "state")

    def __init__(self, cloze: Cloze, state: HoleState) -> None:
        self.cloze = cloze
        self.state = state


class CodeBlockPlan:
    """One fenced block as CodeHilite hands it to Pygments, with its holes' spans in that text."""

    __slots__ = ("code", "consumed", "holes")

    def __init__(self, code: str, holes: list[tuple[int, int, Hole]]) -> None:
        self.code = code
        self.holes = holes
        self.consumed = False  # set by the formatter once the block is written as planned


class ClozePlan:
    """The Markdown source to convert, and how to put the holes back."""

    __slots__ = ("code_blocks", "code_holes", "sentinels", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.sentinels: dict[str, Hole] = {}
        self.code_blocks: list[CodeBlockPlan] = []
        self.code_holes = False  # True when some hole is handled by the code formatter


def normalise_source(text: str) -> str:
    """The text as Markdown's whitespace normaliser leaves it (so offsets agree), without any
    sentinel characters a hostile deck might smuggle in."""
    text = SENTINEL_RE.sub("\ufffd", text)
    text = text.replace("\x02", "").replace("\x03", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
    text = text.expandtabs(TAB_LENGTH)
    return _BLANK_SPACES_LINE_RE.sub("\n", text)


def _fences(text: str) -> list[re.Match[str]]:
    """Each fenced block, in the order fenced_code converts them."""
    fences: list[re.Match[str]] = []
    index = 0
    while (match := _FENCED_BLOCK_RE.search(text, index)) is not None:
        attrs = match.group("attrs")
        if attrs and get_attrs_and_remainder(attrs)[1]:
            index = match.end("attrs")  # fenced_code skips a fence with malformed {attributes}
            continue
        fences.append(match)
        index = match.end()
    return fences


def _code_spans(text: str) -> list[tuple[int, int]]:
    return [match.span("code") for match in _fences(text)]


def _canonical_languages(text: str) -> str:
    """Rewrite fence languages Pygments does not know by these names (``redis`` -> ``text``)."""
    parts: list[str] = []
    pos = 0
    for match in _fences(text):
        lang = match.group("lang")
        canonical = LANGUAGE_ALIASES.get(lang.lower()) if lang else None
        if canonical is not None:
            parts += [text[pos : match.start("lang")], canonical]
            pos = match.end("lang")
    return "".join(parts) + text[pos:] if parts else text


def _state(clz: Cloze, number: int | None, reveal: bool) -> HoleState:
    if number is None or clz.number != number:
        return HoleState.SHOWN
    return HoleState.REVEALED if reveal else HoleState.HIDDEN


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def plan_clozes(
    text: str, number: int | None, reveal: bool, *, code_aware: bool = True
) -> ClozePlan:
    """Plan how ``text`` is converted for card ``number`` (None: every answer shown).

    With ``code_aware=False`` every hole becomes a sentinel, code holes included: the safe
    fallback when the code plan and the Markdown run disagree.
    """
    source = _canonical_languages(normalise_source(text))
    clozes = find_clozes(source)
    if not clozes:
        return ClozePlan(source)
    spans = _code_spans(source) if code_aware else []

    plan = ClozePlan(source)
    parts: list[str] = []
    code_holes: list[tuple[int, int, Hole]] = []  # spans in the new source
    pos = 0
    length = 0
    for index, clz in enumerate(clozes):
        hole = Hole(clz, _state(clz, number, reveal))
        before = source[pos : clz.start]
        parts.append(before)
        length += len(before)
        if index > _SENTINEL_LAST - _SENTINEL_BASE:
            # Out of sentinels (65,534 holes in one card): plain text, never the hidden answer.
            shown = placeholder(clz) if hole.state is HoleState.HIDDEN else clz.answer
            parts.append(shown)
            length += len(shown)
        elif _inside(spans, clz.start, clz.end):
            parts.append(clz.answer)
            code_holes.append((length, length + len(clz.answer), hole))
            length += len(clz.answer)
        else:
            sentinel = chr(_SENTINEL_BASE + index)
            plan.sentinels[sentinel] = hole
            parts.append(sentinel)
            length += 1
        pos = clz.end
    parts.append(source[pos:])
    plan.source = "".join(parts)
    if not code_holes:
        return plan

    new_spans = _code_spans(plan.source)
    if len(new_spans) != len(spans):
        return plan_clozes(text, number, reveal, code_aware=False)
    for start, end in new_spans:
        raw = plan.source[start:end]
        code = raw.strip("\n")
        shift = start + (len(raw) - len(raw.lstrip("\n")))
        holes = [(s - shift, e - shift, h) for s, e, h in code_holes if start <= s and e <= end]
        plan.code_blocks.append(CodeBlockPlan(code, holes))
    if sum(len(block.holes) for block in plan.code_blocks) != len(code_holes):
        return plan_clozes(text, number, reveal, code_aware=False)
    plan.code_holes = True
    return plan
