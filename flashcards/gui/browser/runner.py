"""What the browser and statistics windows need from the shell's background helper."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

__all__ = ["Runner"]


class Runner(Protocol):
    """Runs ``fn`` off the GUI thread, then ``on_done(result)`` or ``on_error(error)`` on it.

    ``flashcards.gui.background.BackgroundRunner`` in the app; the functions given to it must not
    touch widgets and must not use the GUI's ``Collection`` connection.
    """

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = ...,
        on_error: Callable[[Any], None] | None = ...,
    ) -> Any: ...
