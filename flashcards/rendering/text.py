"""Plain text of rendered card HTML, for ``flashcards show`` without ``--html``."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text"]

_BLOCKS = {
    "blockquote", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol",
    "p", "pre", "table", "tr", "ul",
}  # fmt: skip
_SKIP = {"head", "script", "style", "title"}
_SPACES_RE = re.compile(r"[ \t\r\n\f]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
        self.pre = 0
        self.skip = 0
        self.cells = 0
        self.quote = 0
        self.marker_only = False  # the line holds just a list marker, waiting for its text

    def _break(self, blank: bool = False) -> None:
        if self.marker_only:
            return  # "<li><p>text": the paragraph's text belongs on the marker's line
        text = "".join(self.line).rstrip()
        if text.strip():
            self.lines.append(text)
        self.line = []
        if blank and self.lines and self.lines[-1] != "":
            self.lines.append("")

    def _prefix(self) -> str:
        return "> " * self.quote

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self._break()
        elif tag in ("ul", "ol"):
            self._break(blank=not self.lists)
            start = dict(attrs).get("start") or "1"
            self.lists.append([int(start)] if tag == "ol" and start.isdigit() else [])
        elif tag == "li":
            self._break()
            indent = "  " * (len(self.lists) - 1)
            counter = self.lists[-1] if self.lists else []
            if counter:
                marker = f"{counter[0]}. "
                counter[0] += 1
            else:
                marker = "- "
            self.line.append(self._prefix() + indent + marker)
            self.marker_only = True
        elif tag in ("td", "th"):
            if self.cells:
                self.line.append(" | ")
            self.cells += 1
        elif tag == "tr":
            self._break()
            self.cells = 0
        elif tag == "img":
            self.line.append(dict(attrs).get("alt") or "")
        elif tag in _BLOCKS:
            self._break(blank=not self.lists)
            if tag == "pre":
                self.pre += 1
            elif tag == "blockquote":
                self.quote += 1
            elif tag == "hr":
                self.lines.append("----")

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self.marker_only = False
        if tag in _SKIP:
            self.skip = max(self.skip - 1, 0)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._break(blank=not self.lists)
        elif tag == "pre":
            self.pre = max(self.pre - 1, 0)
            self._break(blank=True)
        elif tag == "blockquote":
            self._break(blank=True)
            self.quote = max(self.quote - 1, 0)
        elif tag in _BLOCKS and tag not in ("li", "tr", "hr"):
            self._break(blank=not self.lists)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre:
            first, *rest = data.split("\n")
            self.line.append(first)
            for part in rest:
                self._break()
                self.line.append(part)
            return
        if self.cells and not data.strip():
            return  # layout whitespace between table cells
        text = _SPACES_RE.sub(" ", data)
        if self.marker_only:
            text = text.lstrip()
            self.marker_only = not text
        elif not self.line:
            text = text.lstrip()
            if text:
                self.line.append(self._prefix())
        self.line.append(text)

    def text(self) -> str:
        self._break()
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n" if self.lines else ""


def html_to_text(html: str) -> str:
    """The readable text of ``html``: paragraphs split by blank lines, list markers, code kept
    line by line, table cells joined by `` | ``."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return collector.text()
