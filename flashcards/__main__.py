"""``python -m flashcards``."""

from flashcards.cli import main

raise SystemExit(main())
