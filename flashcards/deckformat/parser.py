"""Parse one Markdown deck file into a ``ParsedDeck``; never raises on user input.

Speed comes from not looking at most lines: one C-level regex search finds the few lines that can
matter (``##`` headings, fence lines, ``---`` lines and HTML comment lines); everything else is
body text that is sliced out of the file in bulk. Line numbers are counted incrementally with
``str.count``, so the whole parse is one pass over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from flashcards.core.cloze import scan_clozes
from flashcards.deckformat.cards import card_faces, card_specs, normalise_prompt
from flashcards.deckformat.header import parse_header
from flashcards.deckformat.model import DeckHeader, Diagnostic, ParsedDeck, ParsedNote
from flashcards.deckformat.notemeta import NoteMeta, parse_meta

__all__ = ["card_faces", "card_specs", "decode_deck", "normalise_prompt", "parse_deck"]

_BOM = "\ufeff"
# The only lines that can matter, each found by the "\n" before it (the look-ahead makes every
# other line cost one character test). Groups: 1 heading text, 2 the metadata comment right under
# the heading, 3 fence run, 4 rest of the fence line, 5 split line, 6 comment body elsewhere.
_MARKERS = (
    r" {0,3}##((?:[ \t\r][^\n]*)?)(?=\n|\Z)"
    r"(?:\n {0,3}<!--([^\n]*)-->[ \t\r]*(?=\n|\Z))?"
    r"| {0,3}(`{3,}|~{3,})([^\n]*)"
    r"|(---)[ \t\r]*(?=\n|\Z)"
    r"| {0,3}<!--([^\n]*)-->[ \t\r]*(?=\n|\Z)"
)
_NEXT_LINE_RE = re.compile(r"\n(?=[ #`~<-])(?:" + _MARKERS + ")")
_THIS_LINE_RE = re.compile(_MARKERS)
_FRONT_MATTER_END_RE = re.compile(r"\n---[ \t\r]*(?:\n|\Z)")


@lru_cache(maxsize=64)
def _closing_fence(char: str, length: int) -> re.Pattern[str]:
    """The line that closes a fence opened by ``length`` times ``char``."""
    return re.compile(
        r"\n {0,3}" + re.escape(char * length) + re.escape(char) + r"*[ \t\r]*(?=\n|\Z)"
    )


class RawNote:
    """A note's skeleton from the line scan (offsets into the decoded text, 1-based lines)."""

    __slots__ = (
        "body",
        "cuts",
        "fences",
        "line",
        "metas",
        "prompt",
        "region_end",
        "splits",
        "start",
    )

    def __init__(self, line: int, start: int, body: int, prompt: str) -> None:
        self.line = line
        self.start = start  # offset of the heading line
        self.body = body  # offset just after the heading line (and the metadata line under it)
        self.prompt = prompt
        self.region_end = -1  # the next note's start, or the end of the text
        self.metas: list[tuple[int, int, int, str]] | None = None  # (line, start, cut end, body)
        self.cuts: list[tuple[int, int]] | None = None  # metadata lines inside the body
        self.splits: list[tuple[int, int, int]] | None = None  # (line, start, cut end)
        self.fences: list[tuple[int, int]] | None = None  # [start, end) of its fenced blocks


@dataclass(slots=True)
class Scan:
    """Everything the internal parse knows, for ``ids`` and friends."""

    text: str
    deck: ParsedDeck
    raw: list[RawNote]
    metas: list[NoteMeta | None]
    header_lines: dict[str, int]  # file line of each top-level front matter key


def decode_deck(data: bytes | str, path: str) -> tuple[str | None, Diagnostic | None]:
    """Decode UTF-8 bytes (a BOM is kept as U+FEFF); on failure return the error with its line."""
    if isinstance(data, str):
        return data, None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start]
        message = f"not valid UTF-8 (byte 0x{bad:02x}); save the file as UTF-8"
        return None, Diagnostic(path, line, message, "error")


def parse_deck(data: bytes | str, path: str) -> ParsedDeck:
    """Parse a deck file's bytes (or text). Problems become diagnostics, never exceptions."""
    return scan_deck(data, path).deck


def scan_deck(data: bytes | str, path: str) -> Scan:
    """``parse_deck`` plus the raw skeleton (used by ``ids`` to edit the file in place)."""
    text, problem = decode_deck(data, path)
    if text is None or problem is not None:
        assert problem is not None
        return _failed(text or "", path, problem)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return _failed(text, path, Diagnostic(path, line, "NUL byte: this is not a text file"))
    if not text.strip(_BOM + " \t\r\n"):
        message = "empty file: a deck starts with front matter holding 'id' and 'title'"
        return _failed(text, path, Diagnostic(path, 1, message))
    return _Parser(text, path).run()


def _failed(text: str, path: str, problem: Diagnostic) -> Scan:
    return Scan(text, ParsedDeck(path, None, "", (), (problem,)), [], [], {})


def _strip_closing_hashes(raw: str) -> str:
    """ATX heading text without its optional closing ``#`` sequence (``## C#`` keeps its ``#``)."""
    text = raw.strip()
    bare = text.rstrip("#")
    if not bare:
        return ""
    if len(bare) < len(text) and bare[-1] in " \t":
        return bare.rstrip()
    return text


def _section(text: str, begin: int, end: int, cuts: list[tuple[int, int]] | None) -> str:
    """``text[begin:end]`` without the ``cuts`` spans, ``\\n`` endings, blank lines stripped."""
    if cuts:
        pieces: list[str] = []
        pos = begin
        for cut_start, cut_end in cuts:
            if begin <= cut_start < end:
                pieces.append(text[pos:cut_start])
                pos = min(cut_end, end)
        pieces.append(text[pos:end])
        chunk = "".join(pieces)
    else:
        chunk = text[begin:end]
    if "\r" in chunk:
        chunk = chunk.replace("\r\n", "\n")
    rest = chunk.lstrip()
    if not rest:
        return ""
    first = chunk.rfind("\n", 0, len(chunk) - len(rest)) + 1
    return chunk[first:].rstrip()


class _Parser:
    """One parse of one decoded file."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.diags: list[Diagnostic] = []
        self.raw: list[RawNote] = []
        self.header: DeckHeader | None = None
        self.header_lines: dict[str, int] = {}

    def error(self, line: int, message: str) -> None:
        self.diags.append(Diagnostic(self.path, line, message, "error"))

    def warning(self, line: int, message: str) -> None:
        self.diags.append(Diagnostic(self.path, line, message, "warning"))

    def run(self) -> Scan:
        body_start, body_line = self._front_matter()
        self._scan_lines(body_start, body_line)
        text = self.text
        first = self.raw[0].start if self.raw else len(text)
        intro = _section(text, body_start, first, [])
        notes, metas = self._notes()
        self.diags.sort(key=lambda d: d.line)
        deck = ParsedDeck(self.path, self.header, intro, tuple(notes), tuple(self.diags))
        return Scan(text, deck, self.raw, metas, self.header_lines)

    def _front_matter(self) -> tuple[int, int]:
        """Parse the header; return where the body starts (offset, line)."""
        text = self.text
        pos = 1 if text.startswith(_BOM) else 0
        first_end = text.find("\n", pos)
        if text[pos : first_end if first_end >= 0 else len(text)].rstrip() != "---":
            self.error(1, "missing front matter: a deck file starts with a '---' line")
            return pos, 1
        if first_end < 0:
            self.error(1, "front matter is not closed: add a '---' line after the header")
            return len(text), 1
        close = _FRONT_MATTER_END_RE.search(text, first_end)
        if close is None:
            self.error(1, "front matter is not closed: add a '---' line after the header")
            return first_end + 1, 2
        source = text[first_end + 1 : close.start() + 1]
        self.header, diags, self.header_lines = parse_header(source, 2, 1, self.path)
        self.diags.extend(diags)
        return close.end(), 2 + source.count("\n") + 1

    def _scan_lines(self, begin: int, begin_line: int) -> None:
        """One pass over the marker lines: notes, fences, split lines, metadata comments.

        A fence's content is skipped in one search for its closing line, so nothing in it is
        ever looked at.
        """
        text, raw = self.text, self.raw
        size = len(text)
        search = _NEXT_LINE_RE.search
        m = _THIS_LINE_RE.match(text, begin) or search(text, begin)
        last, line = begin, begin_line
        note: RawNote | None = None
        while m is not None:
            kind = m.lastindex or 0
            start, end = m.span()
            if text[start] == "\n":
                start += 1
            line += text.count("\n", last, start)
            last = start
            cut = end + 1 if end < size else size
            if kind <= 2:
                if note is not None:
                    note.region_end = start
                heading, comment = m.group(1, 2)
                prompt = heading.strip()
                if prompt.endswith("#"):
                    prompt = _strip_closing_hashes(prompt)
                if comment is not None and "-->" in comment:  # not a one-comment line
                    cut = m.end(1) + 1
                    comment = None
                note = RawNote(line, start, cut, prompt)
                raw.append(note)
                if comment is not None:
                    note.metas = [(line + 1, m.end(1) + 1, cut, comment)]
            elif kind == 4:
                run = m.group(3)
                if run[0] != "`" or "`" not in m.group(4):  # ```code``` is inline code
                    close = _closing_fence(run[0], len(run)).search(text, end)
                    fence_end = close.end() if close is not None else size
                    if note is not None:
                        if note.fences is None:
                            note.fences = []
                        note.fences.append((start, fence_end))
                    if close is None:
                        self.error(line, f"unclosed code fence '{run}'")
                        break
                    end = fence_end
            elif note is None:
                pass  # split lines and comments in the introduction are just text
            elif kind == 5:
                if note.splits is None:
                    note.splits = []
                note.splits.append((line, start, cut))
            elif "-->" not in m.group(6):
                if note.metas is None:
                    note.metas = []
                note.metas.append((line, start, cut, m.group(6)))
                if note.cuts is None:
                    note.cuts = []
                note.cuts.append((start, cut))
            m = search(text, end)
        if note is not None:
            note.region_end = size

    def _clozes(self, raw: RawNote) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The cloze numbers of one note (all, and those with a hole inside a fence).

        Clozes in the metadata comment do not count (it is never rendered).
        """
        text, base = self.text, raw.start
        chunk = text[base : raw.region_end]
        clozes, errors = scan_clozes(chunk)
        hidden: list[tuple[int, int]] = []  # metadata lines that hold "{{c", relative to chunk
        if raw.metas is not None:
            hidden = [(a - base, b - base) for _, a, b, _ in raw.metas if "{{c" in text[a:b]]
        fences = [(a - base, b - base) for a, b in raw.fences] if raw.fences else []
        numbers: set[int] = set()
        in_code: set[int] = set()
        if not hidden and not fences:
            numbers = {cloze.number for cloze in clozes}
            clozes = []
        for cloze in clozes:
            offset = cloze.start
            if hidden and _inside(offset, hidden):
                continue
            numbers.add(cloze.number)
            if fences and _inside(offset, fences):
                in_code.add(cloze.number)
        last, line = 0, raw.line
        for problem in errors:
            if hidden and _inside(problem.offset, hidden):
                continue
            line += chunk.count("\n", last, problem.offset)
            last = problem.offset
            self.error(line, problem.message)
        return tuple(sorted(numbers)), tuple(sorted(in_code))

    def _meta(self, metas: list[tuple[int, int, int, str]], seen_ids: dict[str, int]) -> NoteMeta:
        first_line = metas[0][0]
        for line, *_ in metas[1:]:
            self.error(line, f"second metadata comment in this note (see line {first_line})")
        meta = parse_meta(metas[0][3], first_line, self.path)
        if meta.diagnostics:
            self.diags.extend(meta.diagnostics)
        note_id = meta.note_id
        if note_id is not None:
            if note_id in seen_ids:
                message = f"duplicate note id {note_id!r} (first used at line {seen_ids[note_id]})"
                self.error(first_line, message)
            else:
                seen_ids[note_id] = first_line
        return meta

    def _notes(self) -> tuple[list[ParsedNote], list[NoteMeta | None]]:
        text = self.text
        notes: list[ParsedNote] = []
        metas: list[NoteMeta | None] = []
        seen_ids: dict[str, int] = {}
        no_numbers: tuple[int, ...] = ()
        # Per-file checks spare most notes a search of their own.
        may_cloze = "{{c" in text
        plain = "\r" not in text
        for raw in self.raw:
            start, body, region_end, line = raw.start, raw.body, raw.region_end, raw.line
            raw_metas = raw.metas
            meta = self._meta(raw_metas, seen_ids) if raw_metas else None
            metas.append(meta)
            # The note ends after its last non-blank line; trailing blank lines separate notes.
            stop = start + len(text[start:region_end].rstrip())
            if raw.splits:
                split_line, split_start, split_cut = raw.splits[0]
                for other, *_ in raw.splits[1:]:
                    message = f"second '---' split line in this note (see line {split_line})"
                    self.error(other, message)
                front = _section(text, body, split_start, raw.cuts)
                back = _section(text, split_cut, stop, raw.cuts)
            elif raw.cuts or not plain:
                front = ""
                back = _section(text, body, stop, raw.cuts)
            else:  # _section's common case inline: text[body:stop] has no trailing blanks
                front = ""
                chunk = text[body:stop]
                rest = chunk.lstrip()
                back = chunk[chunk.rfind("\n", 0, len(chunk) - len(rest)) + 1 :] if rest else ""
            numbers = code_numbers = no_numbers
            if may_cloze and text.find("{{c", start, region_end) >= 0:
                numbers, code_numbers = self._clozes(raw)
            if not raw.prompt:
                self.error(line, "note heading has no text: write the prompt after '## '")
            if not back and not numbers:
                message = (
                    "note has no answer: write it under the heading (or under the '---' line), "
                    "or use a cloze"
                )
                self.error(line, message)
            note_id: str | None = None
            tags: tuple[str, ...] = ()
            source: str | None = None
            reverse: bool | None = None
            if meta is not None:
                note_id, tags, source, reverse = meta.note_id, meta.tags, meta.source, meta.reverse
                if numbers and reverse and raw_metas:
                    self.warning(raw_metas[0][0], "'reverse' is ignored on a cloze note")
            end = text.find("\n", stop - 1, region_end)
            notes.append(
                ParsedNote(
                    line,
                    line + text.count("\n", start, stop - 1),
                    raw.prompt,
                    front,
                    back,
                    note_id,
                    tags,
                    source,
                    reverse,
                    numbers,
                    code_numbers,
                    raw.fences is not None,
                    start,
                    end + 1 if end >= 0 else region_end,
                )
            )
        return notes, metas


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)
