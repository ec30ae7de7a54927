"""The frozen app's entry script: the same dispatch as the installed ``flashcards`` command."""

from flashcards.launcher import main

if __name__ == "__main__":
    raise SystemExit(main())
