"""Parse one Markdown deck file into a ``ParsedDeck``; never raises on user input.

Speed comes from not looking at most lines: one C-level regex search finds the few lines that can
matter (``##`` headings, fence lines, ``---`` lines and HTML comment lines); everything else is
body text that is sliced out of the file in bulk. Line numbers are counted incrementally with
``str.count``, so the whole parse is one pass over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain

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


class RawNote:
    """A note's skeleton from the line scan (offsets into the decoded text, 1-based lines)."""

    __slots__ = (
        "body",
        "cuts",
        "has_code",
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
        self.has_code = False


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
        self.fences: list[tuple[int, int]] = []  # [start, end) of every fenced block
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
        """One pass over the marker lines: notes, fences, split lines, metadata comments."""
        text, raw, fences = self.text, self.raw, self.fences
        size = len(text)
        first = _THIS_LINE_RE.match(text, begin)
        matches = _NEXT_LINE_RE.finditer(text, first.end() if first else begin)
        last, line = begin, begin_line
        note: RawNote | None = None
        fence_char, fence_len, fence_line, fence_start = "", 0, 0, 0
        for m in chain((first,), matches) if first else matches:
            kind = m.lastindex or 0
            start = m.start()
            if text[start] == "\n":
                start += 1
            line += text.count("\n", last, start)
            last = start
            if fence_char:
                if kind == 4:
                    run = m.group(3)
                    if run[0] == fence_char and len(run) >= fence_len and not m.group(4).strip():
                        fences.append((fence_start, m.end()))
                        fence_char = ""
                continue
            end = m.end()
            cut = end + 1 if end < size else size
            if kind <= 2:
                if note is not None:
                    note.region_end = start
                prompt = m.group(1).strip()
                if prompt.endswith("#"):
                    prompt = _strip_closing_hashes(prompt)
                comment = m.group(2)
                if comment is not None and "-->" in comment:  # not a one-comment line
                    cut = m.end(1) + 1
                    comment = None
                note = RawNote(line, start, cut, prompt)
                raw.append(note)
                if comment is not None:
                    note.metas = [(line + 1, m.end(1) + 1, cut, comment)]
            elif kind == 4:
                run = m.group(3)
                if run[0] == "`" and "`" in m.group(4):
                    continue  # ```code``` on one line is inline code, not a fence
                fence_char, fence_len, fence_line, fence_start = run[0], len(run), line, start
                if note is not None:
                    note.has_code = True
            elif note is None:
                continue  # split lines and comments in the introduction are just text
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
        if note is not None:
            note.region_end = size
        if fence_char:
            fences.append((fence_start, size))
            self.error(fence_line, f"unclosed code fence '{fence_char * fence_len}'")

    def _clozes(self) -> dict[int, tuple[set[int], set[int]]]:
        """Scan the notes for clozes once; return {note index: (numbers, numbers in fences)}."""
        found: dict[int, tuple[set[int], set[int]]] = {}
        if not self.raw:
            return found
        text, raw, fences = self.text, self.raw, self.fences
        base = raw[0].start
        clozes, errors = scan_clozes(text[base:])
        note_i, fence_i, limit = 0, 0, len(fences)
        for cloze in clozes:
            offset = base + cloze.start
            while raw[note_i].region_end <= offset:
                note_i += 1
            note = raw[note_i]
            if _in_meta(note, offset):
                continue
            entry = found.get(note_i)
            if entry is None:
                entry = found[note_i] = (set(), set())
            entry[0].add(cloze.number)
            while fence_i < limit and fences[fence_i][1] <= offset:
                fence_i += 1
            if fence_i < limit and fences[fence_i][0] <= offset:
                entry[1].add(cloze.number)
        last, line, note_i = 0, 1, 0
        for problem in errors:
            offset = base + problem.offset
            while raw[note_i].region_end <= offset:
                note_i += 1
            if _in_meta(raw[note_i], offset):
                continue
            line += text.count("\n", last, offset)
            last = offset
            self.error(line, problem.message)
        return found

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
        found = self._clozes()
        notes: list[ParsedNote] = []
        metas: list[NoteMeta | None] = []
        seen_ids: dict[str, int] = {}
        no_numbers: tuple[int, ...] = ()
        for i, raw in enumerate(self.raw):
            meta = self._meta(raw.metas, seen_ids) if raw.metas else None
            metas.append(meta)
            if raw.splits:
                split_line, split_start, split_cut = raw.splits[0]
                for line, *_ in raw.splits[1:]:
                    message = f"second '---' split line in this note (see line {split_line})"
                    self.error(line, message)
                front = _section(text, raw.body, split_start, raw.cuts)
                back = _section(text, split_cut, raw.region_end, raw.cuts)
            else:
                front = ""
                back = _section(text, raw.body, raw.region_end, raw.cuts)
            numbers = code_numbers = no_numbers
            if i in found:
                numbers = tuple(sorted(found[i][0]))
                code_numbers = tuple(sorted(found[i][1]))
            if not raw.prompt:
                self.error(raw.line, "note heading has no text: write the prompt after '## '")
            if not back and not numbers:
                message = (
                    "note has no answer: write it under the heading (or under the '---' line), "
                    "or use a cloze"
                )
                self.error(raw.line, message)
            reverse = meta.reverse if meta is not None else None
            if numbers and reverse and raw.metas:
                self.warning(raw.metas[0][0], "'reverse' is ignored on a cloze note")
            # The note ends after its last non-blank line; trailing blank lines separate notes.
            last = raw.start + len(text[raw.start : raw.region_end].rstrip()) - 1
            end = text.find("\n", last, raw.region_end)
            notes.append(
                ParsedNote(
                    raw.line,
                    raw.line + text.count("\n", raw.start, last),
                    raw.prompt,
                    front,
                    back,
                    meta.note_id if meta is not None else None,
                    meta.tags if meta is not None else (),
                    meta.source if meta is not None else None,
                    reverse,
                    numbers,
                    code_numbers,
                    raw.has_code,
                    raw.start,
                    end + 1 if end >= 0 else raw.region_end,
                )
            )
        return notes, metas


def _in_meta(raw: RawNote, offset: int) -> bool:
    return raw.metas is not None and any(start <= offset < cut for _, start, cut, _ in raw.metas)
