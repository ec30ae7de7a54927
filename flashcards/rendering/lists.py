"""Nested lists indented the CommonMark way (two or three spaces) for Python-Markdown."""

from __future__ import annotations

from markdown.preprocessors import Preprocessor

__all__ = ["ListIndentPreprocessor"]


class ListIndentPreprocessor(Preprocessor):
    """Placeholder: leaves lines alone."""

    def run(self, lines: list[str]) -> list[str]:
        return lines
