"""``python -m flashcards``."""

from flashcards.launcher import main

raise SystemExit(main())
