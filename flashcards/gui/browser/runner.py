"""What the browser and statistics windows need from the shell's background helper."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from flashcards.services.collection import Collection

__all__ = ["Runner"]


class Runner(Protocol):
    """Runs work off the GUI thread, then ``on_done(result)`` or ``on_error(error)`` on it.

    ``flashcards.gui.background.BackgroundRunner`` in the app; the functions given to it must not
    touch widgets and must not use the GUI's ``Collection`` connection.
    """

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = ...,
        on_error: Callable[[Any], None] | None = ...,
    ) -> Any: ...

    def run_on_collection(
        self,
        collection: Collection,
        fn: Callable[[Collection], Any],
        on_done: Callable[[Any], None] | None = ...,
        on_error: Callable[[Any], None] | None = ...,
        *,
        read_only: bool = ...,
    ) -> Any:
        """Like ``run``, with ``fn`` given its own connection to ``collection``'s file."""
        ...
